"""Reading generated PDFs back: their text (pypdf) and the QR codes on their first page
(poppler's pdftoppm renders the page, zxing-cpp decodes)."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace collapsed: extraction breaks lines where the PDF wraps them."""
    return " ".join(text.split())


def qr_codes(pdf: bytes) -> list[str]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian package poppler-utils) is not installed")
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(  # noqa: S603 - fixed arguments, our own file
            [  # noqa: S607 - poppler-utils' binary, found on PATH
                "pdftoppm",
                "-r",
                "150",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                str(source),
                str(Path(work) / "page"),
            ],
            check=True,
            capture_output=True,
        )
        page = next(Path(work).glob("page*.png"))
        image = Image.open(page)
        return [result.text for result in zxingcpp.read_barcodes(image)]

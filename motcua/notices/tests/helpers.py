"""Reading generated PDFs back: their text (pypdf), per page or whole, and the QR codes on a page
(poppler's pdftoppm renders the page, zxing-cpp decodes)."""

import io
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from motcua.signatures.tests.helpers import page_image, require_poppler


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    """Whitespace collapsed: extraction breaks lines where the PDF wraps them."""
    return " ".join(text.split())


def qr_codes(pdf: bytes, page: int = 1) -> list[str]:
    """The QR codes on ``page`` (1-based)."""
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(page_image(pdf, page=page))]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height (pt) of each page's MediaBox, rounded to 0.01 pt."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
        for page in reader.pages
    ]


def word_boxes(pdf: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """Every word poppler's pdftotext finds, with its page (1-based) and its box in points from
    the page's top-left corner: (page, word, x_min, y_min, x_max, y_max)."""
    require_poppler("pdftotext")
    import xml.etree.ElementTree as ElementTree

    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "doc.pdf"
        source.write_bytes(pdf)
        done = subprocess.run(  # noqa: S603 - fixed arguments, our own file
            ["pdftotext", "-bbox", str(source), "-"],  # noqa: S607 - poppler-utils' binary
            check=True,
            capture_output=True,
            text=True,
        )
    # The output is XHTML; its namespace is dropped so the tags read plainly.
    markup = done.stdout.replace(' xmlns="http://www.w3.org/1999/xhtml"', "")
    boxes = []
    root = ElementTree.fromstring(markup)  # noqa: S314 - poppler's output for our own PDF
    for number, page in enumerate(root.iter("page"), start=1):
        for word in page.iter("word"):
            boxes.append(
                (
                    number,
                    word.text or "",
                    *(float(word.get(edge)) for edge in ("xMin", "yMin", "xMax", "yMax")),
                )
            )
    return boxes

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pyhanko.pdf_utils.generic import StreamObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen import canvas


def simple_pdf(text: str = "Quyết định cấp giấy chứng nhận") -> bytes:
    from motcua.notices.render import REGULAR, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(REGULAR, 12)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def require_poppler(tool: str) -> None:
    """Skip without poppler's ``tool``; under CI fail instead, since .ci/run installs it."""
    if shutil.which(tool) is None:
        missing = f"{tool} (Debian package poppler-utils) is not installed"
        if os.environ.get("CI"):
            pytest.fail(missing + ": CI installs it before the tests (.ci/run)")
        pytest.skip(missing)


def page_image(pdf: bytes, *, page: int = 1, dpi: int = 150, cropbox: bool = False):
    """Page ``page`` (1-based) of ``pdf`` rendered by poppler's pdftoppm, as a PIL image;
    ``cropbox``: the visible area only, as a viewer shows it."""
    require_poppler("pdftoppm")
    from PIL import Image

    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "doc.pdf"
        source.write_bytes(pdf)
        command = ["pdftoppm", *(["-cropbox"] if cropbox else []), "-r", str(dpi), "-png"]
        subprocess.run(  # noqa: S603 - fixed arguments, our own file
            [*command, "-f", str(page), "-l", str(page), str(source), f"{work}/p"],
            check=True,
            capture_output=True,
        )
        image = Image.open(next(Path(work).glob("p*.png")))
        image.load()  # read before the folder goes
        return image


def pdfsig(pdf: bytes) -> str:
    """What poppler's pdfsig says about ``pdf`` (an independent validator, NSS-based)."""
    require_poppler("pdfsig")
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "signed.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(  # noqa: S603 - fixed arguments, our own file
            ["pdfsig", str(path)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
    return done.stdout


def tamper_in_place(pdf: bytes) -> bytes:
    """Change one byte inside the signed range (the producer comment of the first line)."""
    marker = b"ReportLab Generated PDF document"
    assert marker in pdf
    return pdf.replace(marker, b"ReportLab Generated PDF documenT", 1)


def append_content(pdf: bytes) -> bytes:
    """Add page content in an incremental update after the signature, as a forger would."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    stream = writer.add_object(StreamObject(stream_data=b"0 0 1 rg 72 600 200 50 re f"))
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def placed_qr_codes(pdf: bytes, dpi: int = 150) -> list[tuple[str, float, float, float]]:
    """The QR codes on page 1 as shown (poppler's pdftoppm renders the CropBox turned by
    /Rotate, zxing-cpp decodes):
    (text, left, top, width), the box of the code's modules in mm from the top-left corner."""
    import zxingcpp

    image = page_image(pdf, dpi=dpi, cropbox=True)
    found = []
    for code in zxingcpp.read_barcodes(image):
        corners = code.position
        xs = [corners.top_left.x, corners.top_right.x, corners.bottom_left.x]
        ys = [corners.top_left.y, corners.top_right.y, corners.bottom_left.y]
        mm = 25.4 / dpi
        found.append((code.text, min(xs) * mm, min(ys) * mm, (max(xs) - min(xs)) * mm))
    return found

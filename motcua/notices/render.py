"""Drawing official forms with ReportLab: DejaVu fonts for Vietnamese, the QR code top-left
(TT 01/2023), the two-column heading, wrapped paragraphs, tables that continue on new pages,
and signature blocks. Knows nothing about dossiers; ``builders`` supplies the content."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
REGULAR, BOLD, ITALIC = "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"
_FONT_FILES = {
    REGULAR: "DejaVuSerif.ttf",
    BOLD: "DejaVuSerif-Bold.ttf",
    ITALIC: "DejaVuSerif-Italic.ttf",
}
PAGE_SIZES = {"A4": A4, "A5": A5, "A4-landscape": landscape(A4)}
MARGIN = 15 * mm
QR_SIZE = 24 * mm


class FontMissing(RuntimeError):
    """The DejaVu fonts (Debian package fonts-dejavu-core) are not installed."""


def register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for font_name, file_name in _FONT_FILES.items():
        if font_name in registered:
            continue
        path = next((d / file_name for d in FONT_DIRS if (d / file_name).exists()), None)
        if path is None:
            raise FontMissing(
                f"{file_name} not found in {', '.join(map(str, FONT_DIRS))}: "
                "install fonts-dejavu-core."
            )
        pdfmetrics.registerFont(TTFont(font_name, str(path)))


def qr_image(text: str) -> ImageReader:
    """A QR code (ISO/IEC 18004, medium error correction) of ``text`` as a PNG image."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def _break_long(line: str, font: str, size: float, width: float) -> list[str]:
    """Cut a line with no spaces to break at (a dossier code in a narrow column) by letters."""
    if pdfmetrics.stringWidth(line, font, size) <= width:
        return [line]
    pieces, current = [], ""
    for char in line:
        if current and pdfmetrics.stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current]


@dataclass
class Column:
    title: str
    width: float  # a share of the usable width


@dataclass
class Heading:
    """The two header columns of an official document: issuing body on the left, national
    motto on the right, with the number and the place and date under them."""

    parent_body: str
    issuing_body: str
    number: str = ""
    place_date: str = ""


@dataclass
class Writer:
    title: str
    page: str = "A4"
    qr_text: str = ""
    code: str = ""
    buffer: io.BytesIO = field(default_factory=io.BytesIO)

    def __post_init__(self):
        register_fonts()
        self.size = PAGE_SIZES[self.page]
        self.width, self.height = self.size
        self.pdf = canvas.Canvas(self.buffer, pagesize=self.size, pageCompression=1)
        self.pdf.setTitle(self.title)
        self.pdf.setAuthor("motcua")
        self.pdf.setSubject(self.code)
        self.usable = self.width - 2 * MARGIN
        self._start_page()

    # Pages -------------------------------------------------------------------------------
    def _start_page(self) -> None:
        self.y = self.height - MARGIN
        if self.qr_text:
            top = self.height - MARGIN + 6 * mm
            self.pdf.drawImage(
                qr_image(self.qr_text), MARGIN - 6 * mm, top - QR_SIZE, QR_SIZE, QR_SIZE
            )
        if self.code:
            self.pdf.setFont(REGULAR, 7)
            self.pdf.drawRightString(self.width - MARGIN, MARGIN / 2, self.code)

    def new_page(self) -> None:
        self.pdf.showPage()
        self._start_page()
        if self.qr_text:
            self.y = self.height - MARGIN - QR_SIZE + 6 * mm

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.new_page()

    # Text --------------------------------------------------------------------------------
    def lines_of(self, text: str, font: str, size: float, width: float) -> list[str]:
        out: list[str] = []
        for paragraph in str(text).split("\n"):
            for line in simpleSplit(paragraph, font, size, width) or [""]:
                out.extend(_break_long(line, font, size, width))
        return out

    def paragraph(self, text: str, *, font=REGULAR, size=11, indent=0.0, gap=1.5 * mm) -> None:
        leading = size * 1.35
        for line in self.lines_of(text, font, size, self.usable - indent):
            self.need(leading)
            self.y -= leading
            self.pdf.setFont(font, size)
            self.pdf.drawString(MARGIN + indent, self.y, line)
        self.y -= gap

    def centred(self, text: str, *, font=BOLD, size=12, gap=1.5 * mm) -> None:
        leading = size * 1.35
        for line in self.lines_of(text, font, size, self.usable):
            self.need(leading)
            self.y -= leading
            self.pdf.setFont(font, size)
            self.pdf.drawCentredString(self.width / 2, self.y, line)
        self.y -= gap

    def heading(self, heading: Heading) -> None:
        """Left: parent body and issuing body (bold); right: the national motto."""
        left_x = MARGIN + QR_SIZE if self.qr_text else MARGIN
        left_w = self.width * 0.45 - left_x
        left_centre = left_x + left_w / 2
        right_centre = self.width * 0.70
        right_w = self.width - right_centre - MARGIN
        top = self.y
        size = 9.5 if self.page == "A5" else 10
        leading = size * 1.3
        y = top
        for text, font in ((heading.parent_body, REGULAR), (heading.issuing_body, BOLD)):
            for line in self.lines_of(text.upper(), font, size, left_w):
                y -= leading
                self.pdf.setFont(font, size)
                self.pdf.drawCentredString(left_centre, y, line)
        if heading.number:
            y -= leading * 1.3
            self.pdf.setFont(REGULAR, size)
            self.pdf.drawCentredString(left_centre, y, heading.number)
        y_right = top
        for text, font in (
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD),
            ("Độc lập - Tự do - Hạnh phúc", BOLD),
        ):
            for line in self.lines_of(text, font, size, right_w * 2):
                y_right -= leading
                self.pdf.setFont(font, size)
                self.pdf.drawCentredString(right_centre, y_right, line)
        if heading.place_date:
            y_right -= leading * 1.3
            self.pdf.setFont(ITALIC, size)
            self.pdf.drawCentredString(right_centre, y_right, heading.place_date)
        self.y = min(y, y_right, self.height - MARGIN - QR_SIZE + 6 * mm) - 6 * mm

    # Tables ------------------------------------------------------------------------------
    def table(self, columns: list[Column], rows: list[list[str]], *, size=9.5) -> None:
        total = sum(c.width for c in columns)
        widths = [self.usable * c.width / total for c in columns]
        leading = size * 1.3
        pad = 1.2 * mm

        def cell_lines(row, font):
            return [
                self.lines_of(text, font, size, w - 2 * pad)
                for text, w in zip(row, widths, strict=True)
            ]

        def draw_row(row, font):
            lines = cell_lines(row, font)
            height = max(len(cell) for cell in lines) * leading + 2 * pad
            self.need(height)
            x = MARGIN
            for cell, w in zip(lines, widths, strict=True):
                self.pdf.rect(x, self.y - height, w, height)
                self.pdf.setFont(font, size)
                ty = self.y - pad
                for line in cell:
                    ty -= leading
                    self.pdf.drawString(x + pad, ty + 2, line)
                x += w
            self.y -= height

        header = [c.title for c in columns]
        head_height = max(len(c) for c in cell_lines(header, BOLD)) * leading + 2 * pad
        self.need(head_height + leading * 2)
        draw_row(header, BOLD)
        for row in rows:
            before = self.pdf.getPageNumber()
            lines = cell_lines(row, REGULAR)
            height = max(len(cell) for cell in lines) * leading + 2 * pad
            self.need(height)
            if self.pdf.getPageNumber() != before:
                draw_row(header, BOLD)
            draw_row(row, REGULAR)
        self.y -= 3 * mm

    # Signatures --------------------------------------------------------------------------
    def signatures(self, blocks: list[tuple[str, str]], *, hint: str = "") -> None:
        """Signature blocks side by side: (title, name); room is left for a wet signature or
        the image of a digital one."""
        size = 10.5
        self.need(32 * mm)
        self.y -= 4 * mm
        slot = self.usable / len(blocks)
        for index, (title, name) in enumerate(blocks):
            centre = MARGIN + slot * index + slot / 2
            y = self.y
            for line in self.lines_of(title.upper(), BOLD, size, slot - 4 * mm):
                y -= size * 1.3
                self.pdf.setFont(BOLD, size)
                self.pdf.drawCentredString(centre, y, line)
            self.pdf.setFont(ITALIC, size - 1)
            if hint:
                self.pdf.drawCentredString(centre, y - size * 1.3, hint)
            if name:
                self.pdf.setFont(BOLD, size)
                self.pdf.drawCentredString(centre, y - 24 * mm, name)
        self.y -= 30 * mm

    def finish(self) -> bytes:
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()

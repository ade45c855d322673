"""Drawing official forms with ReportLab: DejaVu fonts for Vietnamese, the QR code top-left
(TT 01/2023), the two-column heading, wrapped paragraphs, tables that continue on new pages,
signature blocks, table cells signed by hand (``SignedCell``) and copies (liên) of one form in
one file, on A4 or A5 (each page size has its ``Layout``). Knows nothing about dossiers;
``builders`` supplies the content.

Every line of text is wrapped to the width it is drawn in, so nothing runs past the margins
whatever the paper: long Vietnamese lines break at spaces, words wider than a table column
break between letters."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class Layout:
    """Measures of one page size: margins, QR code, type sizes and room for signatures."""

    margin: float
    qr_size: float
    qr_inset: float  # how far the QR code reaches into the top and left margins
    split: float  # where the heading's left column ends, as a share of the page width
    heading: float
    title: float
    small: float  # the form number and legal basis under the title
    body: float
    table_scale: float  # applied to each table's own font size
    signature: float
    signature_room: float  # the blank left for a wet signature or a seal's image
    cell_signature_room: float  # the blank left under a signer's title in a table cell
    footer: float
    gap: float = 1.5 * mm  # between paragraphs


_A4_LAYOUT = Layout(
    margin=15 * mm,
    qr_size=24 * mm,
    qr_inset=6 * mm,
    split=0.45,
    heading=10,
    title=13,
    small=8.5,
    body=11,
    table_scale=1.0,
    signature=10.5,
    signature_room=24 * mm,
    cell_signature_room=12 * mm,
    footer=7,
)
# A5 (148 × 210 mm) is TT 01/2018's paper for Forms 01–05: narrower margins and smaller type;
# the QR code stays at 20 mm so a phone still reads it from print.
_A5_LAYOUT = Layout(
    margin=10 * mm,
    qr_size=20 * mm,
    qr_inset=3 * mm,
    split=0.42,
    heading=8,
    title=11,
    small=7.5,
    body=9.5,
    table_scale=0.82,
    signature=9,
    signature_room=18 * mm,
    cell_signature_room=9 * mm,
    footer=6.5,
)
LAYOUTS = {"A4": _A4_LAYOUT, "A4-landscape": _A4_LAYOUT, "A5": _A5_LAYOUT}
# The type sizes tried, largest first, for a form whose copies must each fit one page; the
# smallest keeps A4 body text at 8.8 pt, still read at arm's length.
FIT_SCALES = (1.0, 0.95, 0.9, 0.85, 0.8)


def scaled(layout: Layout, scale: float) -> Layout:
    """``layout`` with its type (and the blank left for signatures) ``scale`` times as large;
    margins and the QR code stay as they are."""
    if scale == 1:
        return layout
    return replace(
        layout,
        heading=layout.heading * scale,
        title=layout.title * scale,
        small=layout.small * scale,
        body=layout.body * scale,
        table_scale=layout.table_scale * scale,
        signature=layout.signature * scale,
        signature_room=layout.signature_room * scale,
        gap=layout.gap * scale,
    )


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


@dataclass(frozen=True)
class SignedCell:
    """A table cell signed by hand: its text, then one place per signer side by side, each with
    the signer's title, a blank to sign in and the name when known (Form 05's hand-over time,
    signed by the giver and the receiver)."""

    text: str
    signers: tuple[tuple[str, str], ...]  # (title, name); the name may be ""


@dataclass(frozen=True)
class _Cell:
    """A measured table cell: its height and how to draw it from its top-left corner."""

    height: float
    draw: object  # (x, top) -> None


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
    copy_label: str = ""  # which copy (liên) the current pages are: “Liên 1: Lưu tại …”
    scale: float = 1.0  # of the type sizes (FIT_SCALES), to fit a copy on one page

    def __post_init__(self):
        register_fonts()
        self.size = PAGE_SIZES[self.page]
        self.layout = scaled(LAYOUTS[self.page], self.scale)
        self.width, self.height = self.size
        self.margin = self.layout.margin
        self.pdf = canvas.Canvas(self.buffer, pagesize=self.size, pageCompression=1)
        self.pdf.setTitle(self.title)
        self.pdf.setAuthor("motcua")
        self.pdf.setSubject(self.code)
        self.usable = self.width - 2 * self.margin
        self._start_page()

    # Pages -------------------------------------------------------------------------------
    @property
    def qr_bottom(self) -> float:
        """The height where the QR code ends (the top margin when there is none)."""
        if not self.qr_text:
            return self.height - self.margin
        return self.height - self.margin + self.layout.qr_inset - self.layout.qr_size

    def _start_page(self) -> None:
        self.y = self.height - self.margin
        if self.qr_text:
            side = self.layout.qr_size
            left = self.margin - self.layout.qr_inset
            self.pdf.drawImage(qr_image(self.qr_text), left, self.qr_bottom, side, side)

    def _end_page(self) -> None:
        """The footer, in the bottom margin: the copy (“Liên 1”, the label up to its colon)
        left, the dossier code right; each wrapped to its half of the line so the two never
        meet."""
        size = self.layout.footer
        half = self.usable / 2 - 2 * mm
        self.pdf.setFont(REGULAR, size)
        copy = self.copy_label.split(":", 1)[0]
        for line, y in self._footer_lines(copy, half, size):
            self.pdf.drawString(self.margin, y, line)
        for line, y in self._footer_lines(self.code, half, size):
            self.pdf.drawRightString(self.width - self.margin, y, line)
        self.pdf.showPage()

    def _footer_lines(self, text: str, width: float, size: float):
        lines = self.lines_of(text, REGULAR, size, width) if text else []
        top = self.margin / 2 + (len(lines) - 1) * size * 1.2 / 2
        return [(line, top - index * size * 1.2) for index, line in enumerate(lines)]

    def new_page(self) -> None:
        self._end_page()
        self._start_page()
        self.y = min(self.y, self.qr_bottom)

    def new_copy(self, label: str) -> None:
        """Start another copy (liên) of the form on a fresh page: ``label`` names it in the
        footer of its pages. The first copy starts on the first page without this call."""
        if self.pdf.getPageNumber() > 1 or self.y < self.height - self.margin:
            self._end_page()
            self._start_page()
        self.copy_label = label

    def need(self, height: float) -> None:
        if self.y - height < self.margin:
            self.new_page()

    # Text --------------------------------------------------------------------------------
    def lines_of(self, text: str, font: str, size: float, width: float) -> list[str]:
        out: list[str] = []
        for paragraph in str(text).split("\n"):
            for line in simpleSplit(paragraph, font, size, width) or [""]:
                out.extend(_break_long(line, font, size, width))
        return out

    def paragraph(
        self, text: str, *, font=REGULAR, size: float | None = None, indent=0.0, gap=None
    ) -> None:
        size = size or self.layout.body
        gap = self.layout.gap if gap is None else gap
        leading = size * 1.35
        for line in self.lines_of(text, font, size, self.usable - indent):
            self.need(leading)
            self.y -= leading
            self.pdf.setFont(font, size)
            self.pdf.drawString(self.margin + indent, self.y, line)
        self.y -= gap

    def centred(self, text: str, *, font=BOLD, size: float | None = None, gap=None) -> None:
        size = size or self.layout.title
        gap = self.layout.gap if gap is None else gap
        leading = size * 1.35
        for line in self.lines_of(text, font, size, self.usable):
            self.need(leading)
            self.y -= leading
            self.pdf.setFont(font, size)
            self.pdf.drawCentredString(self.width / 2, self.y, line)
        self.y -= gap

    def _column(self, lines, centre: float, width: float, y: float, size: float) -> float:
        """Draw (text, font) pairs centred in a column, each wrapped to its width; returns the
        height reached."""
        leading = size * 1.3
        for text, font, space in lines:
            y -= leading * space
            for index, line in enumerate(self.lines_of(text, font, size, width)):
                if index:
                    y -= leading
                self.pdf.setFont(font, size)
                self.pdf.drawCentredString(centre, y, line)
        return y

    def heading(self, heading: Heading) -> None:
        """Left: parent body and issuing body (bold), and the number; right: the national
        motto, and the place and date."""
        layout = self.layout
        left_x = self.margin
        if self.qr_text:
            left_x += layout.qr_size - layout.qr_inset + 3 * mm
        split = self.width * layout.split
        right_end = self.width - self.margin
        size = layout.heading
        left = [(heading.parent_body.upper(), REGULAR, 1), (heading.issuing_body.upper(), BOLD, 1)]
        if heading.number:
            left.append((heading.number, REGULAR, 1.3))
        right = [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD, 1),
            ("Độc lập - Tự do - Hạnh phúc", BOLD, 1),
        ]
        if heading.place_date:
            right.append((heading.place_date, ITALIC, 1.3))
        gutter = 2 * mm
        y_left = self._column(
            [line for line in left if line[0]],
            (left_x + split - gutter) / 2,
            split - gutter - left_x,
            self.y,
            size,
        )
        y_right = self._column(
            right, (split + gutter + right_end) / 2, right_end - split - gutter, self.y, size
        )
        self.y = min(y_left, y_right, self.qr_bottom) - 5 * mm

    # Tables ------------------------------------------------------------------------------
    def table(self, columns: list[Column], rows: list[list], *, size=9.5) -> None:
        """Rows of text (or ``SignedCell``) under a bold header, every cell wrapped to its
        column; a row that does not fit goes to the next page, under the header again."""
        size = size * self.layout.table_scale
        total = sum(c.width for c in columns)
        widths = [self.usable * c.width / total for c in columns]
        pad = 1.2 * mm

        def row_cells(row, font):
            return [
                self._cell(value, font, size, w - 2 * pad)
                for value, w in zip(row, widths, strict=True)
            ]

        def draw_row(cells):
            height = max(cell.height for cell in cells) + 2 * pad
            self.need(height)
            x = self.margin
            for cell, w in zip(cells, widths, strict=True):
                self.pdf.rect(x, self.y - height, w, height)
                cell.draw(x + pad, self.y - pad)
                x += w
            self.y -= height

        header = row_cells([c.title for c in columns], BOLD)
        head_height = max(cell.height for cell in header) + 2 * pad
        self.need(head_height + size * 1.3 * 2)
        draw_row(header)
        for row in rows:
            cells = row_cells(row, REGULAR)
            before = self.pdf.getPageNumber()
            self.need(max(cell.height for cell in cells) + 2 * pad)
            if self.pdf.getPageNumber() != before:
                draw_row(header)
            draw_row(cells)
        self.y -= 3 * mm

    def _cell(self, value, font: str, size: float, width: float) -> _Cell:
        leading = size * 1.3
        if not isinstance(value, SignedCell):
            lines = self.lines_of(value, font, size, width)
            return _Cell(
                len(lines) * leading, lambda x, top: self._lines(lines, x, top, font, size)
            )
        text = self.lines_of(value.text, font, size, width) if value.text else []
        slot = width / len(value.signers)
        places = [
            (
                self.lines_of(title, BOLD, size, slot - 1 * mm),
                self.lines_of(name, font, size, slot - 1 * mm) if name else [],
            )
            for title, name in value.signers
        ]
        titles = max(len(t) for t, _n in places) * leading
        names = max(len(n) for _t, n in places) * leading
        room = self.layout.cell_signature_room

        def draw(x: float, top: float) -> None:
            self._lines(text, x, top, font, size)
            below = top - len(text) * leading - 0.8 * mm
            # The titles first, then the names: read in that order from the text too.
            for index, (title_lines, _name_lines) in enumerate(places):
                centre = x + slot * index + slot / 2
                self._lines(title_lines, centre, below, BOLD, size, centred=True)
            for index, (_title_lines, name_lines) in enumerate(places):
                centre = x + slot * index + slot / 2
                self._lines(name_lines, centre, below - titles - room, font, size, centred=True)

        return _Cell(len(text) * leading + 0.8 * mm + titles + room + names, draw)

    def _lines(self, lines, x, top, font, size, *, centred=False) -> None:
        """Lines from ``top`` down, left-aligned at ``x`` or centred on it."""
        self.pdf.setFont(font, size)
        y = top
        for line in lines:
            y -= size * 1.3
            if centred:
                self.pdf.drawCentredString(x, y + 2, line)
            else:
                self.pdf.drawString(x, y + 2, line)

    # Signatures --------------------------------------------------------------------------
    def signatures(self, blocks: list[tuple[str, str]], *, hint: str = "") -> None:
        """Signature blocks side by side: (title, name); room is left for a wet signature or
        the image of a digital one. Titles, hint and names wrap within their block."""
        size = self.layout.signature
        leading = size * 1.3
        slot = self.usable / len(blocks)
        width = slot - 4 * mm
        prepared = [
            (
                self.lines_of(title.upper(), BOLD, size, width),
                self.lines_of(hint, ITALIC, size - 1, width) if hint else [],
                self.lines_of(name, BOLD, size, width) if name else [],
            )
            for title, name in blocks
        ]
        above = max(len(titles) + len(hints) for titles, hints, _names in prepared) * leading
        below = max(len(names) for _titles, _hints, names in prepared) * leading
        self.need(4 * mm + above + self.layout.signature_room + below)
        self.y -= 4 * mm
        for index, (titles, hints, names) in enumerate(prepared):
            centre = self.margin + slot * index + slot / 2
            y = self.y
            for line in titles:
                y -= leading
                self.pdf.setFont(BOLD, size)
                self.pdf.drawCentredString(centre, y, line)
            for line in hints:
                y -= leading
                self.pdf.setFont(ITALIC, size - 1)
                self.pdf.drawCentredString(centre, y, line)
            y = self.y - above - self.layout.signature_room
            for line in names:
                self.pdf.setFont(BOLD, size)
                self.pdf.drawCentredString(centre, y, line)
                y -= leading
        self.y -= above + self.layout.signature_room + below + 2 * mm

    def finish(self) -> bytes:
        self._end_page()
        self.pdf.save()
        return self.buffer.getvalue()

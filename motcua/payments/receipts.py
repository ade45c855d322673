"""The electronic receipt (biên lai điện tử, ND 123/2020) of a paid transaction as a PDF, in
Vietnamese with DejaVu Sans. Rendered from the stored transaction in ReportLab's invariant mode,
so the same receipt always has the same bytes.

Every text is wrapped inside its own column (the collecting unit and the national motto side by
side, each label beside its value, each line's name beside its amount), never cut and never
printed over another, and the receipt continues on a new page when it is long."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone

from motcua.catalog.fees import money_text

from .constants import Method

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
FONT = "DejaVuSans"
BOLD = f"{FONT}-Bold"
SIZE = 10
LEADING = 13  # points between wrapped lines at SIZE


def _register_fonts() -> str:
    """The font to use: DejaVu Sans when installed (Vietnamese needs a Unicode TrueType font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    for directory in FONT_DIRS:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold if bold.exists() else regular)))
            return FONT
    raise RuntimeError("DejaVu Sans is not installed (apt-get install fonts-dejavu-core).")


def money(value) -> str:
    """Whole đồng as printed on the receipt ("150.000 đồng"; "miễn" for 0)."""
    return money_text(value)


class _Page:
    """A cursor down an A4 canvas that wraps text in columns and turns the page when full."""

    def __init__(self, pdf, width: float, height: float, margin: float):
        self.pdf, self.width, self.height, self.margin = pdf, width, height, margin
        self.left, self.right = margin, width - margin
        self.y = height - margin

    def wrap(self, text: str, font: str, width: float, size: int = SIZE) -> list[str]:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(str(text), font, size, width) or [""]

    def need(self, height: float) -> None:
        """Room for ``height`` points more, on a new page if this one is full."""
        if self.y - height < self.margin + 12:
            self.pdf.showPage()
            self.y = self.height - self.margin

    def column(self, lines, x: float, width: float, font: str, *, centred=False, size=SIZE):
        """Draw wrapped ``lines`` of one column from the current y; returns the y below them."""
        y = self.y
        for text in lines:
            for piece in self.wrap(text, font, width, size):
                self.pdf.setFont(font, size)
                if centred:
                    self.pdf.drawCentredString(x + width / 2, y, piece)
                else:
                    self.pdf.drawString(x, y, piece)
                y -= size + 3
        return y

    def pair(self, label: str, value: str, label_width: float, *, font=FONT, right=False):
        """A label and its value (wrapped in the rest of the line), or with ``right`` the value
        right-aligned in a column of ``label_width`` at the right edge."""
        if right:
            name_width = self.right - self.left - label_width - 12
            label_lines = self.wrap(label, font, name_width)
            self.need(len(label_lines) * LEADING)
            below = self.column(label_lines, self.left, name_width, font)
            self.pdf.setFont(font, SIZE)
            self.pdf.drawRightString(self.right, self.y, value)
        else:
            value_width = self.right - self.left - label_width
            value_lines = self.wrap(value, FONT, value_width)
            self.need(len(value_lines) * LEADING)
            below_label = self.column([label], self.left, label_width - 6, BOLD)
            below = min(
                below_label, self.column(value_lines, self.left + label_width, value_width, FONT)
            )
        self.y = below - 2


def _header(page: _Page, unit_name: str) -> None:
    """The collecting unit (left) and the national motto (right), each centred in its own
    column; the title starts below the longer of the two."""
    inner = page.right - page.left
    left_width, right_width = inner * 0.45, inner * 0.52
    right_x = page.right - right_width
    below_left = page.column([unit_name.upper()], page.left, left_width, BOLD, centred=True)
    below_right = page.column(
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], right_x, right_width, BOLD, centred=True
    )
    page.y = below_right
    below_right = page.column(
        ["Độc lập – Tự do – Hạnh phúc"], right_x, right_width, FONT, centred=True
    )
    page.y = min(below_left, below_right) - 28


def _method(txn) -> str:
    if txn.method == Method.ONLINE:
        return (
            f"Trực tuyến qua cổng thanh toán ({txn.gateway}), mã giao dịch {txn.gateway_reference}"
        )
    return "Tiền mặt tại Bộ phận Một cửa"


def _line_name(line) -> str:
    """The line's name with how much was asked when it is counted per copy, page or item."""
    asked = line.fee.quantity_text if line.fee_id else ""
    return f"{line.name} ({asked})" if asked else line.name


def render_receipt(txn) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    _register_fonts()
    dossier = txn.dossier
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"Biên lai {txn.receipt_number}")
    pdf.setAuthor(dossier.receiving_unit.name)
    width, height = A4
    page = _Page(pdf, width, height, 20 * mm)
    _header(page, dossier.receiving_unit.name)

    pdf.setFont(BOLD, 14)
    pdf.drawCentredString(width / 2, page.y, "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ")
    page.y -= 7 * mm
    pdf.setFont(FONT, SIZE)
    pdf.drawCentredString(width / 2, page.y, f"Số: {txn.receipt_number}")
    page.y -= 12 * mm

    paid_at = timezone.localtime(txn.paid_at)
    for label, value in [
        ("Người nộp:", dossier.applicant_name),
        ("Địa chỉ:", dossier.applicant_address or "—"),
        ("Hồ sơ:", dossier.code),
        ("Thủ tục:", dossier.procedure_version.name),
        ("Hình thức nộp:", _method(txn)),
        ("Thời điểm nộp:", f"{paid_at:%H:%M:%S ngày %d/%m/%Y}"),
    ]:
        page.pair(label, value, 35 * mm)

    page.y -= 6 * mm
    page.need(3 * LEADING)
    amount_width = 40 * mm
    page.pair("Khoản thu", "Số tiền", amount_width, font=BOLD, right=True)
    pdf.line(page.left, page.y + 8, page.right, page.y + 8)
    page.y -= 4
    for line in txn.lines.select_related("fee"):
        page.pair(_line_name(line), money(line.amount), amount_width, right=True)
    page.need(2 * LEADING)
    pdf.line(page.left, page.y + 8, page.right, page.y + 8)
    page.y -= 4
    page.pair("Tổng cộng", money(txn.amount), amount_width, font=BOLD, right=True)

    page.y -= 10 * mm
    page.need(2 * LEADING)
    page.y = page.column(
        [f"Đơn vị thu: {dossier.receiving_unit.name}. Loại tiền: {txn.currency}."],
        page.left,
        page.right - page.left,
        FONT,
        size=9,
    )
    pdf.setFont(FONT, 9)
    pdf.drawString(
        page.left, 12 * mm, "Biên lai điện tử do hệ thống motcua lập từ giao dịch đã ghi nhận."
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()

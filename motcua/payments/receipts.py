"""The electronic receipt (biên lai điện tử, ND 123/2020) of a paid transaction as a PDF, in
Vietnamese with DejaVu Sans. Rendered from the stored transaction in ReportLab's invariant mode,
so the same receipt always has the same bytes."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone

from .constants import Method

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
FONT = "DejaVuSans"


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
            pdfmetrics.registerFont(TTFont(f"{FONT}-Bold", str(bold if bold.exists() else regular)))
            return FONT
    raise RuntimeError("DejaVu Sans is not installed (apt-get install fonts-dejavu-core).")


def money(value) -> str:
    return f"{int(value):,}".replace(",", ".") + " đồng"


def render_receipt(txn) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = _register_fonts()
    dossier = txn.dossier
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"Biên lai {txn.receipt_number}")
    pdf.setAuthor(dossier.receiving_unit.name)
    width, height = A4
    left, right = 20 * mm, width - 20 * mm
    y = height - 20 * mm
    pdf.setFont(f"{font}-Bold", 10)
    pdf.drawString(left, y, dossier.receiving_unit.name.upper()[:60])
    pdf.drawRightString(right, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 5 * mm
    pdf.setFont(font, 10)
    pdf.drawRightString(right, y, "Độc lập – Tự do – Hạnh phúc")
    y -= 16 * mm
    pdf.setFont(f"{font}-Bold", 14)
    pdf.drawCentredString(width / 2, y, "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ")
    y -= 7 * mm
    pdf.setFont(font, 10)
    pdf.drawCentredString(width / 2, y, f"Số: {txn.receipt_number}")
    y -= 12 * mm
    paid_at = timezone.localtime(txn.paid_at)
    method = (
        f"Trực tuyến qua cổng thanh toán ({txn.gateway}), mã giao dịch {txn.gateway_reference}"
        if txn.method == Method.ONLINE
        else "Tiền mặt tại Bộ phận Một cửa"
    )
    for label, value in [
        ("Người nộp", dossier.applicant_name),
        ("Địa chỉ", dossier.applicant_address or "—"),
        ("Hồ sơ", dossier.code),
        ("Thủ tục", dossier.procedure_version.name[:80]),
        ("Hình thức nộp", method),
        ("Thời điểm nộp", f"{paid_at:%H:%M:%S ngày %d/%m/%Y}"),
    ]:
        pdf.setFont(f"{font}-Bold", 10)
        pdf.drawString(left, y, f"{label}:")
        pdf.setFont(font, 10)
        pdf.drawString(left + 35 * mm, y, str(value)[:90])
        y -= 6 * mm
    y -= 6 * mm
    pdf.setFont(f"{font}-Bold", 10)
    pdf.drawString(left, y, "Khoản thu")
    pdf.drawRightString(right, y, "Số tiền")
    y -= 2 * mm
    pdf.line(left, y, right, y)
    y -= 6 * mm
    pdf.setFont(font, 10)
    for line in txn.lines.all():
        pdf.drawString(left, y, line.name[:90])
        pdf.drawRightString(right, y, money(line.amount))
        y -= 6 * mm
    pdf.line(left, y + 4 * mm, right, y + 4 * mm)
    pdf.setFont(f"{font}-Bold", 10)
    pdf.drawString(left, y - 2 * mm, "Tổng cộng")
    pdf.drawRightString(right, y - 2 * mm, money(txn.amount))
    y -= 20 * mm
    pdf.setFont(font, 9)
    pdf.drawString(
        left, y, f"Đơn vị thu: {dossier.receiving_unit.name}. Loại tiền: {txn.currency}."
    )
    pdf.drawString(
        left, 12 * mm, "Biên lai điện tử do hệ thống motcua lập từ giao dịch đã ghi nhận."
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()

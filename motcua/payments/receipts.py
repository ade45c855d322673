"""The electronic receipt (biên lai điện tử, ND 123/2020) of a paid transaction as a PDF, in
Vietnamese with DejaVu Sans, and its issue: signed (PAdES) with the collecting unit's seal and
stored once, with the QR code of its public verification page top-left (TT 01/2023).

It carries the receipt's legal content (ND 123/2020 Art. 32, as a fee receipt without a printed
face value): the form and series symbols and its number in the unit's series of the year, the
collecting unit, the payer, each amount collected, the total in figures and in words, the date,
and the collecting unit's digital signature. Rendered from the stored transaction in
ReportLab's invariant mode, so the same receipt always has the same bytes before signing.

Every text is wrapped inside its own column (the collecting unit and the national motto side by
side, each label beside its value, each line's name beside its amount), never cut and never
printed over another, and the receipt continues on a new page when it is long."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from motcua.audit import services as audit
from motcua.catalog.fees import money_text

from .constants import Method, TransactionStatus
from .registry import registry
from .words import amount_in_words

LABEL_WIDTH = 45  # mm: the longest label, "Số tiền bằng chữ:", on one line
QR_SIZE = 20  # mm: a phone still reads it from print
QR_INSET = 6  # mm into the top and left margins
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


def _qr_image(text: str):
    import qrcode
    from reportlab.lib.utils import ImageReader

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def _qr(page: _Page, text: str) -> None:
    """The verification QR code top-left (TT 01/2023); the heading starts below it."""
    from reportlab.lib.units import mm

    side, left = QR_SIZE * mm, page.margin - QR_INSET * mm
    bottom = page.height - page.margin + QR_INSET * mm - side
    page.pdf.drawImage(_qr_image(text), left, bottom, side, side)
    page.y = bottom - 7 * mm  # the baseline: the capitals keep ~4 mm clear of the code


def _header(page: _Page, unit_name: str) -> None:
    """The collecting unit (left) and the national motto (right), each centred in its own
    column; the title starts below the longer of the two."""
    inner = page.right - page.left
    left_width, right_width = inner * 0.45, inner * 0.52
    right_x = page.right - right_width
    top = page.y
    below_left = page.column([unit_name.upper()], page.left, left_width, BOLD, centred=True)
    page.y = top
    below_right = page.column(
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], right_x, right_width, BOLD, centred=True
    )
    page.y = below_right
    below_right = page.column(
        ["Độc lập – Tự do – Hạnh phúc"], right_x, right_width, FONT, centred=True
    )
    page.y = min(below_left, below_right) - 24


def _method(txn) -> str:
    if txn.method == Method.ONLINE:
        name = (
            str(registry.get(txn.gateway).verbose_name) if txn.gateway in registry else txn.gateway
        )
        text = f"Trực tuyến qua {name}, mã giao dịch {txn.gateway_reference}"
        if txn.lookup_code:
            text += f", mã tra cứu thanh toán {txn.lookup_code}"
        return text
    return "Tiền mặt tại Bộ phận Một cửa"


def _line_name(line) -> str:
    """The line's name with how much was asked when it is counted per copy, page or item."""
    asked = line.fee.quantity_text if line.fee_id else ""
    return f"{line.name} ({asked})" if asked else line.name


def _numbers(txn) -> list[str]:
    """Ký hiệu mẫu, ký hiệu and số of the receipt (or the number alone for a receipt issued
    before the series existed)."""
    if txn.receipt_sequence is None:
        return [f"Số: {txn.receipt_number}"]
    return [
        f"Ký hiệu mẫu: {txn.receipt_form}",
        f"Ký hiệu: {txn.receipt_symbol}",
        f"Số: {txn.receipt_sequence:07d}",
    ]


def _unit(txn):
    return txn.collecting_unit or txn.dossier.receiving_unit


def render_receipt(txn, *, qr_text: str = "") -> bytes:
    """The receipt of ``txn`` as an unsigned PDF; ``qr_text`` is what its QR code holds."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    _register_fonts()
    dossier = txn.dossier
    unit = _unit(txn)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"Biên lai {txn.receipt_number}")
    pdf.setAuthor(unit.name)
    width, height = A4
    page = _Page(pdf, width, height, 20 * mm)
    if qr_text:
        _qr(page, qr_text)
    _header(page, unit.name)

    pdf.setFont(BOLD, 14)
    pdf.drawCentredString(width / 2, page.y, "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ")
    page.y -= 6 * mm
    pdf.setFont(FONT, SIZE)
    pdf.drawCentredString(width / 2, page.y, "(Không in sẵn mệnh giá)")
    page.y -= 6 * mm
    pdf.drawCentredString(width / 2, page.y, "   ".join(_numbers(txn)))
    page.y -= 10 * mm

    paid_at = timezone.localtime(txn.paid_at)
    facts = [("Đơn vị thu:", unit.name)]
    if getattr(unit, "address", ""):
        facts.append(("Địa chỉ đơn vị:", unit.address))
    facts += [
        ("Người nộp:", dossier.applicant_name),
        ("Số định danh:", dossier.applicant_id_number or "—"),
        ("Địa chỉ:", dossier.applicant_address or "—"),
        ("Hồ sơ:", dossier.code),
        ("Thủ tục:", dossier.procedure_version.name),
        ("Hình thức nộp:", _method(txn)),
        ("Thời điểm nộp:", f"{paid_at:%H:%M:%S ngày %d/%m/%Y}"),
    ]
    for label, value in facts:
        page.pair(label, value, LABEL_WIDTH * mm)

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
    page.y -= 2 * mm
    page.pair("Số tiền bằng chữ:", amount_in_words(txn.amount) + ".", LABEL_WIDTH * mm)

    page.y -= 8 * mm
    page.need(5 * LEADING)
    column_x = page.left + (page.right - page.left) * 0.45
    column_width = page.right - column_x
    page.y = page.column(
        [f"Ngày {paid_at:%d} tháng {paid_at:%m} năm {paid_at:%Y}"],
        column_x,
        column_width,
        FONT,
        centred=True,
    )
    page.y = page.column(["ĐƠN VỊ THU"], column_x, column_width, BOLD, centred=True)
    page.y = page.column(
        [f"(Ký số: {unit.name})"], column_x, column_width, FONT, centred=True, size=9
    )
    pdf.setFont(FONT, 8)
    pdf.drawString(
        page.left,
        12 * mm,
        "Biên lai điện tử có chữ ký số của đơn vị thu; quét mã QR để kiểm tra.",
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def receipt_title(txn) -> str:
    return f"Biên lai thu phí, lệ phí {txn.receipt_number}"


def _fingerprint(txn) -> str:
    content = f"{txn.pk}|{txn.receipt_number}|{txn.amount}|{txn.paid_at.isoformat()}"
    return hashlib.sha256(content.encode()).hexdigest()


def issue_receipt(transaction_id: int):
    """Issue the signed e-receipt of a paid transaction once: render it with its QR code, sign
    it with the collecting unit's seal (``signatures.issue_document``), store it in the
    payer's personal store, link it to the transaction. Returns the IssuedDocument (the one
    already issued on a repeat), or None when the transaction has no receipt to issue."""
    from motcua.signatures import services as signatures
    from motcua.signatures.models import PAYMENT_RECEIPT

    from .models import Transaction
    from .selectors import receipt_file_name

    with transaction.atomic():
        txn = (
            # Only the transaction's row (docs/security.md, "Narrow locks"); PostgreSQL also
            # refuses FOR UPDATE on the nullable side of the outer join to collecting_unit.
            Transaction.objects.select_for_update(of=("self",))
            .select_related(
                "dossier__receiving_unit", "dossier__procedure_version", "collecting_unit"
            )
            .get(pk=transaction_id)
        )
        if txn.receipt_document_id is not None:
            return txn.receipt_document
        if txn.status != TransactionStatus.PAID or not txn.receipt_number:
            return None
        unit = _unit(txn)
        issued = signatures.issue_document(
            lambda qr_text: render_receipt(txn, qr_text=qr_text),
            kind=PAYMENT_RECEIPT,
            title=receipt_title(txn),
            agency=unit,
            issuer_name=unit.name,
            reason=f"Ký số biên lai điện tử {txn.receipt_number}",
            fingerprint=_fingerprint(txn),
            dossier=txn.dossier,
            file_name=receipt_file_name(txn),
        )
        Transaction.objects.filter(pk=txn.pk).update(receipt_document=issued)
        audit.record(
            actor=None,
            verb="issue_payment_receipt",
            obj=txn,
            code=txn.dossier.code,
            receipt=txn.receipt_number,
            token=issued.token,
            sha256=issued.sha256,
        )
    return issued

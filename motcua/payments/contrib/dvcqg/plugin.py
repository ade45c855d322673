"""Our side of the national payment platform: build and send the signed DVCQG payment request
(domain.md §10), verify the platform's answer, results and look-ups."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.payments import conf
from motcua.payments.base import BasePlugin, GatewayResult, InvalidMessage, ReportLine
from motcua.payments.collecting import account_for
from motcua.payments.constants import Outcome
from motcua.payments.errors import PaymentError
from motcua.payments.registry import register

from . import protocol as p

# The HTTP client (requests) and jsonschema are imported by the methods that use them: this
# module is imported at every process's start to register the plugin (#18).

logger = logging.getLogger(__name__)

ACKNOWLEDGEMENTS = {
    Outcome.APPLIED: ("00", "Đã ghi nhận"),
    Outcome.APPLIED_LATE: ("00", "Đã ghi nhận (sau hạn)"),
    Outcome.REFUND_DUE: ("00", "Đã ghi nhận, sẽ hoàn trả"),
    Outcome.DECLINED: ("00", "Đã ghi nhận hủy"),
    Outcome.DUPLICATE: ("02", "Đã ghi nhận trước đó"),
    Outcome.UNKNOWN_ORDER: ("04", "Không tìm thấy giao dịch"),
    Outcome.BAD_AMOUNT: ("05", "Sai số tiền"),
    Outcome.BAD_CURRENCY: ("05", "Sai loại tiền"),
    Outcome.BAD_SIGNATURE: ("97", "Sai chữ ký"),
    Outcome.MALFORMED: ("99", "Sai định dạng"),
}


def _unavailable(reason: str) -> PaymentError:
    logger.warning("National payment platform unusable: %s", reason)
    return PaymentError(
        _(
            "Nền tảng thanh toán của Cổng Dịch vụ công quốc gia đang không phản hồi. Chưa có "
            "khoản nào bị trừ tiền. Vui lòng thử lại sau ít phút hoặc chọn cách nộp khác."
        ),
        code="platform_unavailable",
    )


def _fee_code(fee) -> str:
    return fee.code or f"PLP{fee.pk}"


def _district_and_province(address: str) -> tuple[str, str]:
    """The last two comma-separated parts of an address ("…, Xã X, Tỉnh Y"), best effort."""
    parts = [part.strip() for part in (address or "").split(",") if part.strip()]
    if len(parts) >= 2:
        return parts[-2][:100], parts[-1][:100]
    return "", ""


def _payer_id_number(dossier) -> str:
    """The payer's number for ``SoCMNDNguoiNop``, a field of 12 characters: the applicant's
    own number (a personal identity number, a 10-digit tax code) when it fits; a branch's
    tax code (``0101234567-001``) does not, and then the person who files and pays for the
    organisation is named by their personal number, or nobody (the field is optional)."""
    limit = p.REQUEST_SCHEMA["properties"]["SoCMNDNguoiNop"]["maxLength"]
    for number in (dossier.applicant_id_number, dossier.representative_id_number):
        if number and len(number) <= limit:
            return number
    return ""


def build_request(txn, *, return_url: str, notify_url: str) -> dict:
    """The signed DVCQG payment request of ``txn`` (fields of domain.md §10)."""
    dossier = txn.dossier
    unit = dossier.receiving_unit
    procedure = dossier.procedure_version
    account = account_for(unit)
    district, province = _district_and_province(dossier.applicant_address)
    lines = [line for line in txn.lines.select_related("fee").order_by("id")]
    message = {
        "PhienBan": p.VERSION,
        "MaDoiTac": conf.paygov_partner(),
        "MaThamChieu": txn.order_reference,
        "MaTraCuuTT": txn.lookup_code,
        "ThoiGianTao": p.stamp(txn.created_at),
        "ThoiGianHetHan": p.stamp(txn.expires_at),
        "UrlTraVe": return_url,
        "UrlThongBao": notify_url,
        "MaHoSo": dossier.code,
        "MaDichVu": "",
        "MaTTHC": procedure.procedure.code,
        "TenTTHC": procedure.name[:1000],
        "MaDonVi": unit.code or str(unit.pk),
        "TenDonVi": unit.name,
        "MaLoaiHinhThuPhat": p.FEE_COLLECTION[0],
        "TenLoaiHinhThuPhat": p.FEE_COLLECTION[1],
        "PhiLePhi": [
            {
                "LoaiPhiLePhi": p.FEE_KIND_CODES.get(line.fee.kind, "1"),
                "MaPhiLePhi": _fee_code(line.fee),
                "TenPhiLePhi": line.name[:255],
                "SoTien": int(line.amount),
            }
            for line in lines
        ],
        "TongTien": int(txn.amount),
        "LoaiTien": txn.currency,
        "NoiDungThanhToan": f"Nop phi, le phi ho so {dossier.code}"[:210],
        "TKThuHuong": account.account_number,
        "MaNHThuHuong": account.bank_code,
        "TenTKThuHuong": account.account_name,
        "KhoBac": account.treasury,
        "TaiKhoanThuNSNN": account.budget_account,
        "HoTenNguoiNop": dossier.applicant_name,
        "SoCMNDNguoiNop": _payer_id_number(dossier),
        "DiaChiNguoiNop": (dossier.applicant_address or "")[:255],
        "HuyenNguoiNop": district,
        "TinhNguoiNop": province,
    }
    return p.sign(message, conf.paygov_secret())


def notify_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("payments:ipn", kwargs={"gateway": "dvcqg"})


@register
class NationalPaymentPlatform(BasePlugin):
    identifier = "dvcqg"
    message_fields = (*p.RESULT_FIELDS, "PhuongThuc", p.SIGNATURE)
    verbose_name = gettext_lazy("Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia")
    description = gettext_lazy(
        "Thẻ ATM, mã QR ngân hàng, thẻ quốc tế, ví điện tử; tiền nộp thẳng vào tài khoản "
        "của đơn vị thu tại Kho bạc Nhà nước."
    )
    # DuocThanhToanTrucTuyen of the DVCQG sync: 1 = through the national platform.
    national_channel = 1

    def start_url(self, transaction, *, return_url: str, client_ip: str = "") -> str:
        from . import client

        message = build_request(transaction, return_url=return_url, notify_url=notify_url())
        try:
            answer = client.send_request(message)
        except client.PlatformUnavailable as error:
            raise _unavailable(str(error)) from error
        if answer["MaLoi"] != p.OK or answer.get("MaTraCuuTT") != transaction.lookup_code:
            raise _unavailable(f"refused: {answer['MaLoi']} {answer['MoTa']}")
        if not answer.get("UrlThanhToan"):
            raise _unavailable("no payment URL")
        return answer["UrlThanhToan"]

    def parse_result(self, params: dict[str, str]) -> GatewayResult:
        ours = {k: str(v) for k, v in params.items() if k in (*p.RESULT_FIELDS, "PhuongThuc")}
        ours[p.SIGNATURE] = str(params.get(p.SIGNATURE, ""))
        if not p.verify(ours, conf.paygov_secret()):
            raise InvalidMessage("bad signature", signature=True)
        import jsonschema

        try:
            jsonschema.validate(ours, p.RESULT_SCHEMA)
        except jsonschema.ValidationError as error:
            raise InvalidMessage(error.message) from error
        if ours["MaDoiTac"] != conf.paygov_partner():
            raise InvalidMessage("another partner's result")
        try:
            amount = Decimal(ours["SoTien"])
            paid_at = p.parse_stamp(ours["ThoiGianThanhToan"])
        except (InvalidOperation, ValueError) as error:
            raise InvalidMessage(str(error)) from error
        from motcua.payments.models import Transaction

        reference = ours["MaThamChieu"]
        known = Transaction.objects.filter(
            pk=int(reference) if reference.isdigit() and len(reference) <= 18 else 0
        ).values_list("lookup_code", flat=True)
        if known and known[0] != ours["MaTraCuuTT"]:
            raise InvalidMessage("look-up code does not match the order")
        return GatewayResult(
            order_reference=ours["MaThamChieu"],
            amount=amount,
            currency=ours["LoaiTien"],
            success=ours["MaLoi"] == p.OK,
            gateway_reference=ours["MaGiaoDich"],
            paid_at=paid_at,
            response_code=ours["MaLoi"],
            raw=ours,
        )

    def notification_response(self, outcome: str) -> dict:
        code, text = ACKNOWLEDGEMENTS.get(outcome, ("99", "Lỗi không xác định"))
        return p.sign({"MaLoi": code, "MoTa": text}, conf.paygov_secret())

    def look_up(self, transaction, *, at=None) -> GatewayResult | None:
        """What the platform says about ``transaction`` now: a verified result when it was paid
        or cancelled there, None while unpaid or unknown. Raises ``PaymentError`` when the
        platform cannot be asked."""
        from . import client

        try:
            answer = client.look_up(transaction.lookup_code, at=at or timezone.now())
        except client.PlatformUnavailable as error:
            raise _unavailable(str(error)) from error
        if answer["MaLoi"] not in (p.OK, p.CANCELLED):
            return None
        try:
            return self.parse_result(answer)
        except InvalidMessage as error:
            raise _unavailable(f"look-up answer: {error}") from error

    def report(self, day: datetime.date) -> list[ReportLine]:
        """The platform has no daily list: every order of ours that could have been paid on
        ``day`` (started from the day before to the end of the day) is looked up by its
        MaTraCuuTT, and those it reports paid on ``day`` are the report."""
        from motcua.payments.models import Transaction

        start = datetime.datetime.combine(day, datetime.time(), tzinfo=p.VN)
        candidates = Transaction.objects.filter(
            gateway=self.identifier,
            lookup_code__isnull=False,
            created_at__gte=start - datetime.timedelta(days=1),
            created_at__lt=start + datetime.timedelta(days=1),
        ).order_by("id")
        lines = []
        for txn in candidates:
            result = self.look_up(txn)
            if result is None or not result.success or result.paid_at is None:
                continue
            if timezone.localtime(result.paid_at, p.VN).date() != day:
                continue
            lines.append(
                ReportLine(
                    order_reference=result.order_reference,
                    gateway_reference=result.gateway_reference,
                    amount=result.amount,
                    currency=result.currency,
                    paid_at=timezone.localtime(result.paid_at),
                )
            )
        return lines

"""Payment states, outcomes of gateway messages and the fixed protocol values."""

from django.db import models
from django.utils.translation import gettext_lazy as _

CURRENCY = "VND"  # VND has no minor unit: every amount is whole đồng.
CASH_GATEWAY = "cash"


class TransactionStatus(models.TextChoices):
    """Where a payment stands. ``paid`` and ``refund_due`` are terminal: the money arrived."""

    PENDING = "pending", _("Đang chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")
    EXPIRED = "expired", _("Hết hạn, chưa thanh toán")
    REFUND_DUE = "refund_due", _("Đã nhận tiền nhưng các khoản đã được nộp: cần hoàn trả")


SETTLED = frozenset({TransactionStatus.PAID, TransactionStatus.REFUND_DUE})
OPEN = frozenset({TransactionStatus.PENDING, TransactionStatus.FAILED, TransactionStatus.EXPIRED})


class Method(models.TextChoices):
    ONLINE = "online", _("Thanh toán trực tuyến")
    CASH = "cash", _("Tiền mặt tại Bộ phận Một cửa")


class Source(models.TextChoices):
    """How a gateway result reached us."""

    IPN = "ipn", _("Thông báo máy chủ tới máy chủ (IPN)")
    RETURN = "return", _("Trình duyệt quay về")
    RECONCILIATION = "reconciliation", _("Đối soát cuối ngày")


class Outcome(models.TextChoices):
    """What we did with one gateway message; every message is kept with its outcome."""

    APPLIED = "applied", _("Ghi nhận thanh toán")
    APPLIED_LATE = "applied_late", _("Ghi nhận thanh toán đến sau khi giao dịch hết hạn")
    REFUND_DUE = "refund_due", _("Tiền đến cho khoản đã nộp: ghi nhận để hoàn trả")
    DUPLICATE = "duplicate", _("Trùng, đã ghi nhận trước đó")
    DECLINED = "declined", _("Ngân hàng báo không thành công")
    BAD_SIGNATURE = "bad_signature", _("Sai chữ ký")
    BAD_AMOUNT = "bad_amount", _("Sai số tiền")
    BAD_CURRENCY = "bad_currency", _("Sai loại tiền")
    UNKNOWN_ORDER = "unknown_order", _("Không tìm thấy giao dịch")
    MALFORMED = "malformed", _("Thiếu hoặc sai tham số")


ACCEPTED_OUTCOMES = frozenset(
    {Outcome.APPLIED, Outcome.APPLIED_LATE, Outcome.REFUND_DUE, Outcome.DUPLICATE, Outcome.DECLINED}
)

"""Payments of a dossier's fee lines: one ``Transaction`` per attempt to pay (online or cash),
the fee lines it covers, and every message a gateway sent about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import CURRENCY, Method, Outcome, Source, TransactionStatus

# The demo gateway's own ledger lives in this app (plugins cannot add apps to settings).
from .contrib.demo.models import DemoLedgerEntry  # noqa: F401
from .contrib.dvcqg.models import PaygovBill, PaygovSwitch  # noqa: F401
from .settings_models import CollectingAccount, ReceiptSeries  # noqa: F401
from .treasury_models import (  # noqa: F401
    MonthSignOff,
    ReconciledPayment,
    Remittance,
    TreasuryAccount,
)


class Transaction(models.Model):
    """One payment of some unpaid fee lines of a dossier. Its id is the order reference sent to
    the gateway (mã đơn hàng, vnp_TxnRef in VNPay's terms)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="payment_transactions",
        help_text=_("Hồ sơ có các khoản phí, lệ phí được thanh toán."),
        verbose_name=_("hồ sơ"),
    )
    gateway = models.CharField(
        _("cổng thanh toán"),
        max_length=30,
        help_text=_("Mã plugin cổng thanh toán, hoặc “cash” khi nộp tiền mặt tại quầy."),
    )
    method = models.CharField(
        _("hình thức"),
        max_length=10,
        choices=Method.choices,
        help_text=_("Trực tuyến hoặc tiền mặt."),
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"),
        max_digits=14,
        decimal_places=0,
        help_text=_("Tổng các khoản được thanh toán, đồng (không có phần lẻ)."),
    )
    currency = models.CharField(
        _("loại tiền"), max_length=3, default=CURRENCY, help_text=_("Luôn là VND.")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=TransactionStatus.choices,
        default=TransactionStatus.PENDING,
        db_index=True,
        help_text=_("Chỉ đổi qua các nghiệp vụ thanh toán."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Người bắt đầu thanh toán (người nộp hoặc cán bộ thu tiền)."),
        verbose_name=_("người bắt đầu thanh toán"),
    )
    created_at = models.DateTimeField(
        _("thời điểm tạo"), db_index=True, help_text=_("Lúc bắt đầu thanh toán.")
    )
    expires_at = models.DateTimeField(
        _("hết hạn lúc"),
        null=True,
        blank=True,
        help_text=_("Sau thời điểm này cổng không nhận thanh toán cho giao dịch."),
    )
    paid_at = models.DateTimeField(
        _("thời điểm thanh toán"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Thời điểm cổng (hoặc quầy) ghi nhận tiền đã nộp."),
    )
    gateway_reference = models.CharField(
        _("mã giao dịch của cổng"),
        max_length=100,
        blank=True,
        help_text=_("Mã giao dịch do ngân hàng, cổng thanh toán cấp."),
    )
    receipt_number = models.CharField(  # noqa: DJ001 (null: no receipt yet; selectors filter on it)
        _("ký hiệu và số biên lai"),
        max_length=40,
        null=True,
        blank=True,
        help_text=_(
            "Ký hiệu và số biên lai điện tử (ND 123/2020), cấp khi thanh toán thành công, "
            "ví dụ AA-26E-0000012."
        ),
    )
    lookup_code = models.CharField(
        _("mã tra cứu thanh toán"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_(
            "MaTraCuuTT gửi nền tảng thanh toán của Cổng DVCQG; người nộp tra cứu khoản "
            "thanh toán bằng mã này."
        ),
    )
    collecting_unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị thu"),
        help_text=_("Đơn vị thu phí, lệ phí, ký biên lai (Bộ phận Một cửa tiếp nhận hồ sơ)."),
    )
    receipt_form = models.CharField(
        _("ký hiệu mẫu biên lai"),
        max_length=20,
        blank=True,
        help_text=_("Ký hiệu mẫu biên lai của đơn vị thu khi lập biên lai."),
    )
    receipt_symbol = models.CharField(
        _("ký hiệu biên lai"),
        max_length=20,
        blank=True,
        help_text=_("Ký hiệu biên lai (có 2 chữ số cuối của năm), ví dụ AA-26E."),
    )
    receipt_sequence = models.PositiveIntegerField(
        _("số biên lai"),
        null=True,
        blank=True,
        help_text=_("Số thứ tự trong dãy biên lai của đơn vị thu trong năm."),
    )
    receipt_document = models.ForeignKey(
        "signatures.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("biên lai đã ký số"),
        help_text=_("Biên lai điện tử đã ký số bằng chữ ký số của đơn vị thu."),
    )
    note = models.CharField(
        _("ghi chú"), max_length=255, blank=True, help_text=_("Ghi chú của cán bộ thu tiền.")
    )

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same bank transaction can never be recorded twice.
            models.UniqueConstraint(
                fields=["gateway", "gateway_reference"],
                condition=~Q(gateway_reference=""),
                name="payments_unique_gateway_reference",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_positive_amount"),
            # ND 123/2020: one number per receipt in a unit's series (the symbol holds the year).
            models.UniqueConstraint(
                fields=["collecting_unit", "receipt_symbol", "receipt_sequence"],
                condition=Q(receipt_sequence__isnull=False),
                name="payments_receipt_number_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.amount} {self.currency} ({self.get_status_display()})"

    @property
    def order_reference(self) -> str:
        return str(self.pk)

    @property
    def is_paid(self) -> bool:
        return self.status == TransactionStatus.PAID


class TransactionLine(models.Model):
    """A fee line covered by a transaction. ``settled`` is set when the transaction's money
    paid this line; a fee line can be settled by one transaction only (the database refuses a
    second), so no fee is ever recorded as paid twice."""

    transaction = models.ForeignKey(
        Transaction, on_delete=models.CASCADE, related_name="lines", verbose_name=_("giao dịch")
    )
    fee = models.ForeignKey(
        "dossiers.DossierFee",
        on_delete=models.PROTECT,
        related_name="payment_lines",
        help_text=_("Khoản phí, lệ phí của hồ sơ."),
        verbose_name=_("khoản phí, lệ phí"),
    )
    name = models.CharField(
        _("tên khoản thu"), max_length=255, help_text=_("Tên khoản thu khi bắt đầu thanh toán.")
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"),
        max_digits=14,
        decimal_places=0,
        help_text=_("Số tiền của khoản khi bắt đầu thanh toán, đồng."),
    )
    settled = models.BooleanField(
        _("đã nộp bằng giao dịch này"),
        default=False,
        help_text=_("Khoản được thanh toán bằng giao dịch này."),
    )

    class Meta:
        verbose_name = _("khoản trong giao dịch")
        verbose_name_plural = _("khoản trong giao dịch")
        ordering = ["transaction", "id"]
        constraints = [
            models.UniqueConstraint(fields=["transaction", "fee"], name="payments_line_once"),
            models.UniqueConstraint(
                fields=["fee"], condition=Q(settled=True), name="payments_fee_settled_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class GatewayMessage(models.Model):
    """Every return, notification and reconciliation line received from a gateway, with what
    we did with it — duplicates, forgeries and late arrivals included."""

    gateway = models.CharField(_("cổng thanh toán"), max_length=30, help_text=_("Mã plugin."))
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        choices=Source.choices,
        help_text=_("IPN, trình duyệt, đối soát."),
    )
    transaction = models.ForeignKey(
        Transaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        help_text=_("Giao dịch được nhắc tới (trống nếu không tìm thấy)."),
        verbose_name=_("giao dịch"),
    )
    params = models.JSONField(
        _("tham số"), default=dict, help_text=_("Các tham số nhận được, nguyên văn.")
    )
    outcome = models.CharField(
        _("kết quả xử lý"), max_length=20, choices=Outcome.choices, help_text=_("Đã làm gì.")
    )
    received_at = models.DateTimeField(
        _("thời điểm nhận"), db_index=True, help_text=_("Lúc hệ thống nhận thông điệp.")
    )

    class Meta:
        verbose_name = _("thông điệp từ cổng thanh toán")
        verbose_name_plural = _("thông điệp từ cổng thanh toán")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.gateway} {self.source} {self.outcome}"


class RefusedMessageCount(models.Model):
    """Messages refused before anything was applied (a forged or missing signature, unreadable
    fields): only counted, per gateway, way, outcome, sender address and hour, never kept
    verbatim, so junk sent at the notification address cannot fill the database (#17 item 2)."""

    gateway = models.CharField(_("cổng thanh toán"), max_length=30, help_text=_("Mã plugin."))
    source = models.CharField(
        _("nguồn"), max_length=20, choices=Source.choices, help_text=_("IPN, trình duyệt.")
    )
    outcome = models.CharField(
        _("kết quả xử lý"), max_length=20, choices=Outcome.choices, help_text=_("Lý do từ chối.")
    )
    address = models.CharField(
        _("địa chỉ gửi"), max_length=45, blank=True, help_text=_("Địa chỉ IP của bên gửi.")
    )
    hour = models.DateTimeField(_("giờ"), help_text=_("Đầu giờ nhận các thông điệp được đếm."))
    count = models.PositiveIntegerField(_("số lần"), default=0)
    last_at = models.DateTimeField(_("lần cuối"), help_text=_("Lúc nhận thông điệp gần nhất."))

    class Meta:
        verbose_name = _("thông điệp bị từ chối (đếm)")
        verbose_name_plural = _("thông điệp bị từ chối (đếm)")
        ordering = ["-hour", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "source", "outcome", "address", "hour"],
                name="payments_refused_count_once_per_hour",
            )
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.outcome} {self.address} × {self.count}"

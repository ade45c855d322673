"""The monthly remittance of collected fees to the State Treasury (nộp ngân sách nhà nước tại
Kho bạc Nhà nước): the budget accounts a collecting unit remits to, each remittance with its
voucher, the accountant's sign-off of a month, and which online payments a gateway's daily
statement confirmed (reconciled), since only those count as collected and available."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TreasuryAccount(models.Model):
    """A collecting unit's state-budget revenue account at a Treasury (tài khoản thu ngân sách
    nhà nước tại Kho bạc Nhà nước), in effect from one date to another; kept by the
    administrator. A unit may have several (one per treasury or per kind of revenue)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="treasury_accounts",
        verbose_name=_("đơn vị thu"),
        help_text=_("Đơn vị thu phí, lệ phí (có Bộ phận Một cửa) nộp tiền vào tài khoản này."),
    )
    treasury = models.CharField(
        _("kho bạc"),
        max_length=255,
        help_text=_("Kho bạc Nhà nước nơi mở tài khoản, ví dụ Kho bạc Nhà nước khu vực XV."),
    )
    account_number = models.CharField(
        _("số tài khoản thu ngân sách"),
        max_length=40,
        help_text=_("Tài khoản thu NSNN, ví dụ 7111 (thu NSNN) hoặc 3511 (tạm thu)."),
    )
    budget_chapter = models.CharField(
        _("mã chương"),
        max_length=10,
        blank=True,
        help_text=_("Mã chương của đơn vị trong mục lục ngân sách, nếu có."),
    )
    name = models.CharField(
        _("diễn giải"),
        max_length=255,
        blank=True,
        help_text=_("Khoản thu nộp vào tài khoản này, ví dụ lệ phí hộ tịch."),
    )
    valid_from = models.DateField(_("có hiệu lực từ"), help_text=_("Ngày bắt đầu dùng."))
    valid_to = models.DateField(
        _("có hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng dùng; trống nếu còn dùng."),
    )

    class Meta:
        verbose_name = _("tài khoản thu ngân sách tại Kho bạc")
        verbose_name_plural = _("tài khoản thu ngân sách tại Kho bạc")
        ordering = ["agency", "valid_from", "account_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="payments_treasury_account_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_number} – {self.treasury}"

    def in_effect_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Remittance(models.Model):
    """Money of a collecting unit paid into its budget account (nộp tiền vào NSNN), with the
    voucher the treasury stamped (giấy nộp tiền, số chứng từ). Recorded by the accountant
    through ``treasury.record_remittance`` only; never changed."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị thu"),
        help_text=_("Đơn vị nộp tiền."),
    )
    account = models.ForeignKey(
        TreasuryAccount,
        on_delete=models.PROTECT,
        related_name="remittances",
        verbose_name=_("tài khoản nhận"),
        help_text=_("Tài khoản thu ngân sách nhận tiền."),
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"), max_digits=14, decimal_places=0, help_text=_("Đồng, không có phần lẻ.")
    )
    remitted_on = models.DateField(
        _("ngày nộp"), db_index=True, help_text=_("Ngày trên chứng từ nộp tiền.")
    )
    voucher_number = models.CharField(
        _("số chứng từ"),
        max_length=40,
        help_text=_("Số giấy nộp tiền vào NSNN (chứng từ do Kho bạc xác nhận)."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi"),
        help_text=_("Kế toán ghi khoản nộp."),
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"))

    class Meta:
        verbose_name = _("khoản nộp ngân sách")
        verbose_name_plural = _("khoản nộp ngân sách")
        ordering = ["remitted_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_remittance_positive"),
            # One voucher is entered once per unit.
            models.UniqueConstraint(
                fields=["agency", "voucher_number"], name="payments_remittance_voucher_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher_number} {self.amount} ({self.remitted_on})"


class MonthSignOff(models.Model):
    """The accountant's sign-off of a unit's monthly remittance report (kế toán ký xác nhận):
    the figures signed, kept as they were. A signed month is closed: no remittance may be dated
    in it, and money that becomes available later counts in the next open month."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị thu"),
        help_text=_("Đơn vị thu."),
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng được ký."))
    opening = models.DecimalField(
        _("còn phải nộp đầu kỳ"), max_digits=16, decimal_places=0, help_text=_("Đồng.")
    )
    collected = models.DecimalField(
        _("thu trong kỳ"), max_digits=16, decimal_places=0, help_text=_("Đồng.")
    )
    remitted = models.DecimalField(
        _("đã nộp trong kỳ"), max_digits=16, decimal_places=0, help_text=_("Đồng.")
    )
    closing = models.DecimalField(
        _("còn phải nộp cuối kỳ"), max_digits=16, decimal_places=0, help_text=_("Đồng.")
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kế toán ký"),
        help_text=_("Người ký xác nhận."),
    )
    signed_at = models.DateTimeField(_("thời điểm ký"))

    class Meta:
        verbose_name = _("xác nhận báo cáo nộp ngân sách tháng")
        verbose_name_plural = _("xác nhận báo cáo nộp ngân sách tháng")
        ordering = ["agency", "month"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="payments_signoff_once"),
            models.CheckConstraint(
                condition=Q(opening__gte=0) & Q(closing__gte=0), name="payments_signoff_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.month:%m/%Y}"


class ReconciledPayment(models.Model):
    """An online payment that a gateway's daily statement confirmed (đối soát khớp): from then
    on it counts as collected and available to remit."""

    transaction = models.OneToOneField(
        "payments.Transaction",
        on_delete=models.PROTECT,
        related_name="reconciled",
        verbose_name=_("giao dịch"),
        help_text=_("Giao dịch trực tuyến đã khớp với bảng kê của cổng thanh toán."),
    )
    day = models.DateField(_("ngày đối soát"), help_text=_("Ngày của bảng kê (giờ Việt Nam)."))
    recorded_at = models.DateTimeField(
        _("thời điểm ghi nhận"), db_index=True, help_text=_("Lúc đối soát xác nhận giao dịch.")
    )

    class Meta:
        verbose_name = _("giao dịch đã đối soát")
        verbose_name_plural = _("giao dịch đã đối soát")
        ordering = ["-day", "transaction"]

    def __str__(self) -> str:
        return f"{self.transaction_id} ({self.day})"

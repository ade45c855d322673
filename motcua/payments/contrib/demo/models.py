"""The demo gateway's own ledger: what "the bank" recorded, independent of our transactions,
so the daily reconciliation compares two real sources."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoLedgerEntry(models.Model):
    """One payment attempt as the demo bank recorded it."""

    merchant = models.CharField(_("mã đơn vị"), max_length=20, help_text=_("Mã merchant."))
    order_reference = models.CharField(
        _("mã đơn hàng"), max_length=40, db_index=True, help_text=_("Mã giao dịch của motcua.")
    )
    bank_reference = models.CharField(
        _("mã giao dịch ngân hàng"),
        max_length=40,
        unique=True,
        help_text=_("Số giao dịch do ngân hàng demo cấp."),
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"), max_digits=14, decimal_places=0, help_text=_("Số tiền, đồng.")
    )
    currency = models.CharField(_("loại tiền"), max_length=3, help_text=_("VND."))
    response_code = models.CharField(
        _("mã kết quả"), max_length=2, help_text=_("00 thành công; 24 khách hàng hủy.")
    )
    bank_code = models.CharField(_("ngân hàng"), max_length=20, help_text=_("Mã ngân hàng."))
    at = models.DateTimeField(_("thời điểm"), db_index=True, help_text=_("Lúc ngân hàng ghi."))

    class Meta:
        app_label = "payments"
        verbose_name = _("sổ cái cổng thanh toán demo")
        verbose_name_plural = _("sổ cái cổng thanh toán demo")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.bank_reference} {self.order_reference} {self.amount}"

    @property
    def success(self) -> bool:
        return self.response_code == "00"

"""What each collecting unit (đơn vị thu) declares for payments: the payee account sent to the
national payment platform, and the symbols and numbering of its e-receipts (ND 123/2020)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_RECEIPT_FORM = "01BLP0-001"
DEFAULT_RECEIPT_SYMBOL = "AA-{yy}E"


def validate_symbol_template(value: str) -> None:
    # ND 123/2020 Art. 32: the receipt symbol carries the last two digits of the year.
    if "{yy}" not in value:
        raise ValidationError(
            _("Ký hiệu biên lai phải có {yy} (2 chữ số cuối của năm), ví dụ AA-{yy}E."),
            code="no_year",
        )
    try:
        value.format(yy="26")
    except (KeyError, IndexError, ValueError) as error:
        raise ValidationError(
            _("Ký hiệu biên lai chỉ được dùng {yy}."), code="bad_template"
        ) from error


class CollectingAccount(models.Model):
    """A collecting unit's payee account (tài khoản thu hưởng) at the State Treasury and bank,
    and its e-receipt symbols. Units without one collect online only where defaults for the
    demo are allowed (DEBUG, tests)."""

    agency = models.OneToOneField(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="collecting_account",
        verbose_name=_("đơn vị thu"),
        help_text=_("Cơ quan, đơn vị thu phí, lệ phí (Bộ phận Một cửa tiếp nhận hồ sơ)."),
    )
    account_number = models.CharField(
        _("số tài khoản thu hưởng"), max_length=40, help_text=_("TKThuHuong.")
    )
    account_name = models.CharField(
        _("tên tài khoản thu hưởng"), max_length=255, help_text=_("TenTKThuHuong.")
    )
    bank_code = models.CharField(
        _("mã ngân hàng thu hưởng"),
        max_length=20,
        help_text=_("MaNHThuHuong: mã ngân hàng nơi mở tài khoản thu hưởng."),
    )
    treasury = models.CharField(
        _("kho bạc"),
        max_length=255,
        help_text=_("KhoBac: Kho bạc Nhà nước nơi đơn vị mở tài khoản."),
    )
    budget_account = models.CharField(
        _("tài khoản thu ngân sách nhà nước"),
        max_length=40,
        help_text=_("TaiKhoanThuNSNN, ví dụ 7111 (thu ngân sách) hoặc 3511 (tạm thu)."),
    )
    receipt_form = models.CharField(
        _("ký hiệu mẫu biên lai"),
        max_length=20,
        default=DEFAULT_RECEIPT_FORM,
        help_text=_("Ký hiệu mẫu biên lai điện tử đơn vị đã đăng ký (ND 123/2020)."),
    )
    receipt_symbol = models.CharField(
        _("ký hiệu biên lai"),
        max_length=20,
        default=DEFAULT_RECEIPT_SYMBOL,
        validators=[validate_symbol_template],
        help_text=_("Ký hiệu biên lai; {yy} được thay bằng 2 chữ số cuối của năm lập biên lai."),
    )

    class Meta:
        verbose_name = _("tài khoản thu của đơn vị")
        verbose_name_plural = _("tài khoản thu của đơn vị")

    def __str__(self) -> str:
        return f"{self.agency} – {self.account_number}"


class ReceiptSeries(models.Model):
    """The running number of a unit's receipts with one symbol (one year): numbers are taken
    under a row lock, so two payments never get the same number and none is skipped."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị thu"),
        help_text=_("Đơn vị lập biên lai."),
    )
    year = models.PositiveIntegerField(_("năm"), help_text=_("Năm lập biên lai (giờ Việt Nam)."))
    symbol = models.CharField(
        _("ký hiệu biên lai"), max_length=20, help_text=_("Ký hiệu đã thay năm, ví dụ AA-26E.")
    )
    last_number = models.PositiveIntegerField(
        _("số đã cấp cuối cùng"), default=0, help_text=_("Số biên lai cấp gần nhất.")
    )

    class Meta:
        verbose_name = _("dãy số biên lai")
        verbose_name_plural = _("dãy số biên lai")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "symbol"], name="payments_receipt_series_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.symbol} {self.last_number}"

"""The collecting unit's payee account and the numbering of its e-receipts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .errors import PaymentError
from .settings_models import (
    DEFAULT_RECEIPT_FORM,
    DEFAULT_RECEIPT_SYMBOL,
    CollectingAccount,
    ReceiptSeries,
)


@dataclass(frozen=True)
class PayeeAccount:
    """The payee group of the national payment request (TKThuHuong …)."""

    account_number: str
    account_name: str
    bank_code: str
    treasury: str
    budget_account: str
    receipt_form: str
    receipt_symbol: str
    demo: bool = False


def _demo_account(agency) -> PayeeAccount:
    digits = "".join(ch for ch in agency.code if ch.isdigit()) or f"{agency.pk:08d}"
    return PayeeAccount(
        account_number=f"3511.0.{digits}",
        account_name=agency.name,
        bank_code="DEMO0001",
        treasury=_("Kho bạc Nhà nước (tài khoản demo)"),
        budget_account="3511",
        receipt_form=DEFAULT_RECEIPT_FORM,
        receipt_symbol=DEFAULT_RECEIPT_SYMBOL,
        demo=True,
    )


def account_for(agency, *, required: bool = True) -> PayeeAccount | None:
    """What ``agency`` declared (admin: Tài khoản thu của đơn vị); where it declared nothing, a
    demo account when DEBUG or tests allow it, else a refusal (``required``) or None."""
    row = CollectingAccount.objects.filter(agency=agency).first()
    if row is not None:
        return PayeeAccount(
            account_number=row.account_number,
            account_name=row.account_name,
            bank_code=row.bank_code,
            treasury=row.treasury,
            budget_account=row.budget_account,
            receipt_form=row.receipt_form,
            receipt_symbol=row.receipt_symbol,
        )
    if conf.insecure_defaults_allowed():
        return _demo_account(agency)
    if not required:
        return None
    raise PaymentError(
        _(
            "%(unit)s chưa khai báo tài khoản thu hưởng nên chưa thu được trực tuyến qua nền "
            "tảng thanh toán quốc gia. Vui lòng chọn cách nộp khác hoặc nộp tại Bộ phận Một cửa."
        )
        % {"unit": agency.name},
        code="no_payee_account",
    )


def receipt_symbols(agency, at: datetime.datetime) -> tuple[str, str]:
    """(ký hiệu mẫu, ký hiệu) of ``agency``'s receipts in the year of ``at``."""
    account = account_for(agency, required=False)
    form = account.receipt_form if account else DEFAULT_RECEIPT_FORM
    template = account.receipt_symbol if account else DEFAULT_RECEIPT_SYMBOL
    year = timezone.localtime(at).year
    return form, template.format(yy=f"{year % 100:02d}")


def take_receipt_number(agency, at: datetime.datetime) -> tuple[str, str, int]:
    """The next number of ``agency``'s series for the year of ``at``: (form, symbol, number).
    Call inside a transaction: the series row stays locked until it commits."""
    form, symbol = receipt_symbols(agency, at)
    year = timezone.localtime(at).year
    ReceiptSeries.objects.get_or_create(agency=agency, year=year, symbol=symbol)
    series = ReceiptSeries.objects.select_for_update().get(agency=agency, year=year, symbol=symbol)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return form, symbol, series.last_number


def receipt_number_text(symbol: str, number: int) -> str:
    """``AA-26E-0000012``: the symbol and the 7-digit number printed on the receipt."""
    return f"{symbol}-{number:07d}"

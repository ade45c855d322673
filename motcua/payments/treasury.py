"""Use cases of the remittance to the treasury: record a remittance, sign a month off, and keep
what a gateway's daily statement confirmed. Each runs in one transaction with the collecting
unit's row locked (so two accountants' entries are checked one after the other) and writes an
audit row."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.catalog.fees import money_text

from . import ledger as ledgers
from .errors import PaymentError
from .models import MonthSignOff, ReconciledPayment, Remittance, TreasuryAccount
from .treasury_access import keeps


class RemittanceError(PaymentError):
    """The remittance or the sign-off is refused; nothing was recorded."""


def _check_accountant(actor, unit: Agency) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not keeps(actor, unit):
        raise RemittanceError(
            _("Chỉ kế toán của %(unit)s được thực hiện thao tác này.") % {"unit": unit.name},
            code="not_accountant",
        )


def _lock(unit: Agency) -> Agency:
    return Agency.objects.select_for_update().get(pk=unit.pk)


def normalise_voucher(value: str) -> str:
    return " ".join((value or "").split()).upper()


def accounts_in_effect(unit: Agency, day: datetime.date, until: datetime.date | None = None):
    """``unit``'s treasury accounts in effect on ``day`` (or on some day up to ``until``)."""
    return (
        TreasuryAccount.objects.filter(agency=unit, valid_from__lte=until or day)
        .exclude(valid_to__lt=day)
        .order_by("valid_from", "account_number")
    )


def record_remittance(
    unit: Agency,
    *,
    actor,
    account: TreasuryAccount,
    amount,
    remitted_on: datetime.date,
    voucher_number: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Remittance:
    """Record money of ``unit`` paid into ``account`` on ``remitted_on`` with its voucher.
    Refused (``RemittanceError``) when the person is not the unit's accountant, the day is in
    the future or in a signed month, the account is not the unit's or not in effect that day,
    the voucher was entered already, or the amount is more than is still to remit."""
    now = at or timezone.now()
    voucher = normalise_voucher(voucher_number)
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError) as error:
        raise RemittanceError(_("Số tiền không hợp lệ."), code="bad_amount") from error
    if amount <= 0 or amount != amount.to_integral_value():
        raise RemittanceError(_("Số tiền phải là số đồng nguyên lớn hơn 0."), code="bad_amount")
    if not voucher:
        raise RemittanceError(_("Cần nhập số chứng từ nộp tiền."), code="no_voucher")
    with transaction.atomic():
        unit = _lock(unit)
        _check_accountant(actor, unit)
        if remitted_on > timezone.localdate(now):
            raise RemittanceError(
                _("Ngày nộp %(day)s ở tương lai.") % {"day": f"{remitted_on:%d/%m/%Y}"},
                code="future",
            )
        book = ledgers.load(unit)
        month = ledgers.month_of(remitted_on)
        if book.is_locked(month):
            signed = book.sign_offs.get(month) or book.sign_offs[book.last_signed]
            raise RemittanceError(
                _(
                    "Tháng %(m)s đã được kế toán ký xác nhận (%(who)s, %(when)s); không ghi "
                    "thêm khoản nộp có ngày trong tháng này."
                )
                % {
                    "m": f"{month:%m/%Y}",
                    "who": signed.signed_by.get_full_name(),
                    "when": f"{timezone.localtime(signed.signed_at):%d/%m/%Y}",
                },
                code="locked",
            )
        if account.agency_id != unit.pk or not account.in_effect_on(remitted_on):
            raise RemittanceError(
                _("Tài khoản %(account)s không phải tài khoản của đơn vị có hiệu lực ngày %(day)s.")
                % {"account": account.account_number, "day": f"{remitted_on:%d/%m/%Y}"},
                code="bad_account",
            )
        if Remittance.objects.filter(agency=unit, voucher_number=voucher).exists():
            raise RemittanceError(
                _("Chứng từ số %(v)s đã được ghi trước đó.") % {"v": voucher}, code="duplicate"
            )
        outstanding = book.outstanding_on(remitted_on)
        if amount > outstanding:
            raise RemittanceError(
                _(
                    "Số tiền nộp (%(amount)s) vượt số còn phải nộp ngày %(day)s (%(left)s); "
                    "khoản trực tuyến chưa đối soát chưa được tính."
                )
                % {
                    "amount": money_text(amount),
                    "day": f"{remitted_on:%d/%m/%Y}",
                    "left": money_text(outstanding) if outstanding else "0 đồng",
                },
                code="exceeds",
            )
        try:
            with transaction.atomic():
                remittance = Remittance.objects.create(
                    agency=unit,
                    account=account,
                    amount=amount,
                    remitted_on=remitted_on,
                    voucher_number=voucher,
                    note=(note or "").strip()[:255],
                    recorded_by=actor,
                    recorded_at=now,
                )
        except IntegrityError as error:  # the same voucher entered at the same moment
            raise RemittanceError(
                _("Chứng từ số %(v)s đã được ghi trước đó.") % {"v": voucher}, code="duplicate"
            ) from error
        audit.record(
            actor=actor,
            verb="record_remittance",
            obj=remittance,
            at=now,
            unit=unit.code,
            amount=str(amount),
            voucher=voucher,
            account=account.account_number,
            day=remitted_on.isoformat(),
        )
    return remittance


def sign_off_month(
    unit: Agency, month: datetime.date, *, actor, at: datetime.datetime | None = None
) -> MonthSignOff:
    """The accountant signs ``unit``'s report of ``month`` off: its figures are kept and the
    month is closed. Months are signed in order, each once, after they have ended."""
    now = at or timezone.now()
    month = ledgers.month_of(month)
    with transaction.atomic():
        unit = _lock(unit)
        _check_accountant(actor, unit)
        book = ledgers.load(unit)
        problem = ledgers.signing_problem(book, month, timezone.localdate(now))
        if problem:
            raise RemittanceError(problem, code="cannot_sign")
        figures = book.month(month)
        sign_off = MonthSignOff.objects.create(
            agency=unit,
            month=month,
            opening=figures.opening,
            collected=figures.collected_total,
            remitted=figures.remitted,
            closing=figures.closing,
            signed_by=actor,
            signed_at=now,
        )
        audit.record(
            actor=actor,
            verb="sign_off_remittance_month",
            obj=sign_off,
            at=now,
            unit=unit.code,
            month=f"{month:%Y-%m}",
            opening=str(figures.opening),
            collected=str(figures.collected_total),
            remitted=str(figures.remitted),
            closing=str(figures.closing),
        )
    return sign_off


def record_reconciled(transactions, *, day: datetime.date, at=None) -> int:
    """Keep that a gateway's statement of ``day`` confirmed these online payments (once each);
    returns how many are new."""
    now = at or timezone.now()
    fresh = 0
    with transaction.atomic():
        for txn in transactions:
            _row, created = ReconciledPayment.objects.get_or_create(
                transaction=txn, defaults={"day": day, "recorded_at": now}
            )
            fresh += created
    return fresh

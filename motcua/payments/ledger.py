"""A collecting unit's remittance ledger (sổ theo dõi nộp ngân sách): the fees it collected and
may remit, what it remitted, and what is still to remit, month by month.

Money counts as **collected and available** when it is in the unit's hands for sure: cash at
the desk when the receipt is issued, an online payment once a gateway's daily statement
confirmed it (``ReconciledPayment``). It counts in the month it was paid, unless that month had
already been signed off when it became available: then in the first month still open, so the
figures an accountant signed never change. Online payments not reconciled yet are listed
apart and do not count. Money received for fees already paid (``refund_due``) is owed back to
the payer, not to the budget: listed apart, never counted.

Every month balances by construction and is checked by the tests:
``opening + collected = remitted + closing``, and each month opens with the previous one's
closing."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import Method, TransactionStatus
from .models import MonthSignOff, Remittance, Transaction
from .registry import registry

ZERO = Decimal(0)


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    return next_month(month) - datetime.timedelta(days=1)


def channel_label(gateway: str) -> str:
    """ "Tiền mặt tại Bộ phận Một cửa", or the gateway's name."""
    if gateway == Method.CASH:
        return str(Method.CASH.label)
    if gateway in registry:
        return str(registry.get(gateway).verbose_name)
    return gateway


@dataclass(frozen=True)
class Entry:
    """One payment of the unit: ``counted`` is the month it counts in (None while an online
    payment waits for reconciliation)."""

    transaction_id: int
    gateway: str
    amount: Decimal
    paid_on: datetime.date
    counted: datetime.date | None
    dossier_code: str
    receipt_number: str

    @property
    def channel(self) -> str:
        return channel_label(self.gateway)

    @property
    def counted_on(self) -> datetime.date | None:
        """The day it enters the balance: its own, or the first of the later month it counts in."""
        if self.counted is None:
            return None
        return self.paid_on if self.counted == month_of(self.paid_on) else self.counted


@dataclass
class Month:
    """One month of the ledger. ``collected`` maps each channel (``cash`` or a gateway) to the
    money counted in the month."""

    month: datetime.date
    opening: Decimal
    collected: dict[str, Decimal]
    remittances: list[Remittance]
    entries: list[Entry]
    carried_in: list[Entry]  # paid in an earlier, signed month, available only later
    unreconciled: list[Entry]  # online, paid in the month, not counted in it
    refund_due: list[Entry]
    sign_off: MonthSignOff | None = None
    signed_figures_differ: bool = False

    @property
    def collected_total(self) -> Decimal:
        return sum(self.collected.values(), ZERO)

    @property
    def remitted(self) -> Decimal:
        return sum((r.amount for r in self.remittances), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.collected_total - self.remitted

    @property
    def balanced(self) -> bool:
        return self.opening + self.collected_total == self.remitted + self.closing

    @property
    def unreconciled_total(self) -> Decimal:
        return sum((e.amount for e in self.unreconciled), ZERO)

    @property
    def refund_due_total(self) -> Decimal:
        return sum((e.amount for e in self.refund_due), ZERO)

    @property
    def channels(self) -> list[tuple[str, str, Decimal]]:
        """(channel, label, amount): cash first, then the gateways by name."""
        keys = sorted(self.collected, key=lambda k: (k != Method.CASH, k))
        return [(k, channel_label(k), self.collected[k]) for k in keys]


@dataclass
class Ledger:
    agency: object
    entries: list[Entry]
    remittances: list[Remittance]
    sign_offs: dict[datetime.date, MonthSignOff]
    refund_due: list[Entry] = field(default_factory=list)

    @property
    def last_signed(self) -> datetime.date | None:
        return max(self.sign_offs) if self.sign_offs else None

    def first_month(self) -> datetime.date | None:
        """The first month with any money in or out."""
        days = [e.paid_on for e in self.entries] + [r.remitted_on for r in self.remittances]
        return month_of(min(days)) if days else None

    def is_locked(self, month: datetime.date) -> bool:
        last = self.last_signed
        return last is not None and month <= last

    def balance_on(self, day: datetime.date) -> Decimal:
        """What was still to remit at the end of ``day``."""
        counted = sum(
            (e.amount for e in self.entries if e.counted_on and e.counted_on <= day), ZERO
        )
        remitted = sum((r.amount for r in self.remittances if r.remitted_on <= day), ZERO)
        return counted - remitted

    def outstanding_on(self, day: datetime.date) -> Decimal:
        """The most that may be remitted on ``day``: the least still to remit at the end of
        that day or of any later day with money in or out (a remittance on ``day`` lowers
        them all)."""
        later = {e.counted_on for e in self.entries if e.counted_on and e.counted_on > day}
        later |= {r.remitted_on for r in self.remittances if r.remitted_on > day}
        return min(self.balance_on(d) for d in {day, *later})

    def month(self, month: datetime.date) -> Month:
        month = month_of(month)
        end = month_end(month)
        opening = self.balance_on(month - datetime.timedelta(days=1))
        collected: dict[str, Decimal] = defaultdict(lambda: ZERO)
        counted = [e for e in self.entries if e.counted == month]
        for entry in counted:
            collected[entry.gateway] += entry.amount
        result = Month(
            month=month,
            opening=opening,
            collected=dict(collected),
            remittances=[r for r in self.remittances if month <= r.remitted_on <= end],
            entries=sorted(counted, key=lambda e: (e.paid_on, e.transaction_id)),
            carried_in=[e for e in counted if month_of(e.paid_on) < month],
            unreconciled=[
                e for e in self.entries if month_of(e.paid_on) == month and e.counted != month
            ],
            refund_due=[e for e in self.refund_due if month_of(e.paid_on) == month],
            sign_off=self.sign_offs.get(month),
        )
        signed = result.sign_off
        if signed is not None:
            result.signed_figures_differ = (
                signed.opening,
                signed.collected,
                signed.remitted,
                signed.closing,
            ) != (result.opening, result.collected_total, result.remitted, result.closing)
        return result


def _counted_month(paid_on, available_at, sign_offs) -> datetime.date:
    """The month a payment counts in: its own, or the first open one when it became available
    after later months were signed."""
    signed_before = [m for m, s in sign_offs.items() if s.signed_at <= available_at]
    own = month_of(paid_on)
    if signed_before and max(signed_before) >= own:
        return next_month(max(signed_before))
    return own


def _entry(txn: Transaction, counted) -> Entry:
    return Entry(
        transaction_id=txn.pk,
        gateway=Method.CASH if txn.method == Method.CASH else txn.gateway,
        amount=txn.amount,
        paid_on=timezone.localdate(txn.paid_at),
        counted=counted,
        dossier_code=txn.dossier.code,
        receipt_number=txn.receipt_number or "",
    )


def load(agency) -> Ledger:
    """The whole ledger of ``agency`` as a collecting unit (a few thousand rows a year)."""
    sign_offs = {s.month: s for s in MonthSignOff.objects.filter(agency=agency)}
    entries = []
    paid = (
        Transaction.objects.filter(collecting_unit=agency, status=TransactionStatus.PAID)
        .select_related("dossier", "reconciled")
        .order_by("paid_at", "pk")
    )
    for txn in paid:
        if txn.method == Method.CASH:
            available_at = txn.paid_at
        else:
            reconciled = getattr(txn, "reconciled", None)
            available_at = reconciled.recorded_at if reconciled is not None else None
        counted = (
            None
            if available_at is None
            else _counted_month(timezone.localdate(txn.paid_at), available_at, sign_offs)
        )
        entries.append(_entry(txn, counted))
    refund_due = [
        _entry(txn, None)
        for txn in Transaction.objects.filter(
            dossier__receiving_unit=agency, status=TransactionStatus.REFUND_DUE
        )
        .select_related("dossier")
        .order_by("paid_at", "pk")
    ]
    remittances = list(
        Remittance.objects.filter(agency=agency).select_related("account", "recorded_by")
    )
    return Ledger(agency, entries, remittances, sign_offs, refund_due)


def signing_problem(ledger: Ledger, month: datetime.date, today: datetime.date) -> str:
    """Why ``month`` cannot be signed off now ("" when it can): months are signed in order,
    each once, after it has ended."""
    if month in ledger.sign_offs:
        return _("Tháng %(m)s đã được ký xác nhận.") % {"m": f"{month:%m/%Y}"}
    if month_end(month) >= today:
        return _("Tháng %(m)s chưa kết thúc nên chưa ký xác nhận được.") % {"m": f"{month:%m/%Y}"}
    last = ledger.last_signed
    expected = next_month(last) if last else ledger.first_month()
    if last and month < last:
        return _("Đã ký đến tháng %(m)s; không ký lại tháng trước đó.") % {"m": f"{last:%m/%Y}"}
    if expected is not None and month > expected:
        return _("Cần ký xác nhận tháng %(m)s trước.") % {"m": f"{expected:%m/%Y}"}
    return ""

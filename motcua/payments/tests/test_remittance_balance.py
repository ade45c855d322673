"""The ledger balances whatever happens (hypothesis): random cash and online payments over
five months, reconciliations arriving late, remittances (some refused) and sign-offs, in the
order they happen. After the whole story:

- every month balances (opening + collected = remitted + closing) and opens with the previous
  month's closing; nothing is ever owed below zero;
- the months together count each available payment once, and every remittance once;
- the figures of every signed month are still those signed, whatever came after;
- a remittance was refused as exceeding only when it did exceed what was left."""

import datetime
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.payments import ledger, treasury
from motcua.payments.models import MonthSignOff, Remittance
from motcua.payments.treasury import RemittanceError

from .treasury_fixtures import noon, settled

START = datetime.date(2026, 1, 1)
DAYS = 150  # January to May 2026

events = st.lists(
    st.one_of(
        st.tuples(st.just("cash"), st.integers(1, 40).map(lambda n: n * 5000)),
        st.tuples(st.just("online"), st.integers(1, 40).map(lambda n: n * 5000)),
        st.tuples(st.just("reconcile"), st.integers(0, 30)),
        st.tuples(st.just("remit"), st.integers(1, 80).map(lambda n: n * 5000), st.integers(0, 20)),
        st.tuples(st.just("sign")),
    ).flatmap(lambda e: st.tuples(st.just(e), st.integers(0, DAYS - 1))),
    max_size=40,
)


def _months(book, last):
    month = book.first_month() or last
    while month <= last:
        yield month
        month = ledger.next_month(month)


def _check(book, today):
    last = ledger.month_of(today)
    previous_closing = Decimal(0)
    counted = Decimal(0)
    for month in _months(book, last):
        figures = book.month(month)
        assert figures.opening == previous_closing
        assert figures.opening + figures.collected_total == figures.remitted + figures.closing
        assert figures.closing >= 0
        if figures.sign_off is not None:
            assert not figures.signed_figures_differ, month
        previous_closing = figures.closing
        counted += figures.collected_total
    available = sum((e.amount for e in book.entries if e.counted), Decimal(0))
    assert counted == available
    assert sum((r.amount for r in book.remittances), Decimal(0)) == sum(
        book.month(m).remitted for m in _months(book, last)
    )
    assert previous_closing == available - sum((r.amount for r in book.remittances), Decimal(0))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(story=events)
def test_the_ledger_balances_whatever_happens(story, received, accountants, account_x, tree):
    unit = tree.commune_x
    with transaction.atomic():
        online = []
        vouchers = 0
        for event, offset in sorted(story, key=lambda item: item[1]):
            day = START + datetime.timedelta(days=offset)
            at = noon(day)
            kind = event[0]
            if kind == "cash":
                settled(received, event[1], day)
            elif kind == "online":
                online.append(settled(received, event[1], day, online=True))
            elif kind == "reconcile" and online:
                txn = online.pop(event[1] % len(online))
                treasury.record_reconciled([txn], day=day, at=at)
            elif kind == "remit":
                vouchers += 1
                remitted_on = max(START, day - datetime.timedelta(days=event[2]))
                left = ledger.load(unit).outstanding_on(remitted_on)
                try:
                    treasury.record_remittance(
                        unit,
                        actor=accountants.x,
                        account=account_x,
                        amount=event[1],
                        remitted_on=remitted_on,
                        voucher_number=f"GNT {vouchers}",
                        at=at,
                    )
                except RemittanceError as refused:
                    assert refused.code in {"exceeds", "locked"}
                    if refused.code == "exceeds":
                        assert event[1] > left
                else:
                    assert event[1] <= left
            elif kind == "sign":
                book = ledger.load(unit)
                month = (
                    ledger.next_month(book.last_signed)
                    if book.last_signed
                    else (book.first_month() or START)
                )
                if not ledger.signing_problem(book, month, day):
                    treasury.sign_off_month(unit, month, actor=accountants.x, at=at)
        signed = {s.month: s for s in MonthSignOff.objects.filter(agency=unit)}
        _check(ledger.load(unit), START + datetime.timedelta(days=DAYS))
        # What was signed is what the snapshot still says.
        for month, sign_off in signed.items():
            assert ledger.load(unit).month(month).closing == sign_off.closing
        assert Remittance.objects.filter(agency=unit).count() <= vouchers
        transaction.set_rollback(True)

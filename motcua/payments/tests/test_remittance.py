"""The remittance ledger and its use cases: what counts as collected, the refusals of a
remittance, the accountant's sign-off and the lock it puts on a month."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from motcua.audit.models import AuditEntry
from motcua.payments import ledger, services, treasury
from motcua.payments.contrib.demo.tasks import send_notification
from motcua.payments.models import MonthSignOff, Remittance, TreasuryAccount
from motcua.payments.treasury import RemittanceError

from .conftest import bank_pays
from .treasury_fixtures import noon, settled

MARCH = datetime.date(2026, 3, 1)
APRIL = datetime.date(2026, 4, 1)
MAY = datetime.date(2026, 5, 1)


def remit(unit, actor, account, amount, day, voucher, *, at=None):
    return treasury.record_remittance(
        unit,
        actor=actor,
        account=account,
        amount=amount,
        remitted_on=day,
        voucher_number=voucher,
        at=at or noon(day),
    )


def test_cash_counts_at_once_and_online_only_once_reconciled(received, walk_in, people, tree):
    cash = services.record_cash_payment(received, actor=people.desk_x)
    online = services.start_payment(walk_in(), actor=people.citizen_a)
    send_notification.call(bank_pays(online)[0].pk)
    online.refresh_from_db()
    assert online.is_paid and cash.is_paid

    march = ledger.load(tree.commune_x).month(MARCH)
    assert march.collected == {"cash": Decimal(50000)}
    assert [e.transaction_id for e in march.unreconciled] == [online.pk]
    assert march.unreconciled_total == 50000 and march.closing == 50000

    out = io.StringIO()
    call_command("reconcile_payments", "--date", "2026-03-02", stdout=out)
    assert "Khớp: 1" in out.getvalue()
    march = ledger.load(tree.commune_x).month(MARCH)
    assert march.collected == {"cash": Decimal(50000), "demo": Decimal(50000)}
    assert march.unreconciled == [] and march.closing == 100000
    # Running the day again counts nothing twice.
    call_command("reconcile_payments", "--date", "2026-03-02", stdout=io.StringIO())
    assert ledger.load(tree.commune_x).month(MARCH).collected_total == 100000


def test_a_lost_notification_applied_by_reconciliation_counts(received, people, tree):
    lost = services.start_payment(received, actor=people.citizen_a)
    bank_pays(lost)  # the bank took the money; its notification never arrives
    assert ledger.load(tree.commune_x).month(MARCH).collected_total == 0
    call_command("reconcile_payments", "--date", "2026-03-02", "--apply", stdout=io.StringIO())
    march = ledger.load(tree.commune_x).month(MARCH)
    assert march.collected == {"demo": Decimal(50000)}


@pytest.fixture
def march_cash(received, tree):
    """300,000 đ in cash at commune X: 100,000 on 2 March and 200,000 on 20 March."""
    settled(received, 100000, datetime.date(2026, 3, 2))
    settled(received, 200000, datetime.date(2026, 3, 20))
    return tree.commune_x


def test_a_remittance_is_recorded_with_its_audit_row(march_cash, accountants, account_x):
    unit = march_cash
    remittance = remit(
        unit, accountants.x, account_x, 250000, datetime.date(2026, 3, 25), " gnt 01 "
    )
    assert remittance.voucher_number == "GNT 01"
    entry = AuditEntry.objects.get(verb="record_remittance")
    assert entry.object_id == str(remittance.pk) and entry.data["amount"] == "250000"
    march = ledger.load(unit).month(MARCH)
    assert (march.opening, march.collected_total, march.remitted, march.closing) == (
        0,
        300000,
        250000,
        50000,
    )
    april = ledger.load(unit).month(APRIL)
    assert april.opening == 50000 and april.closing == 50000


@pytest.mark.parametrize(
    ("amount", "day", "voucher", "code"),
    [
        # Money of 20 March cannot have been remitted on 10 March.
        (150000, datetime.date(2026, 3, 10), "GNT 02", "exceeds"),
        (300001, datetime.date(2026, 3, 25), "GNT 02", "exceeds"),
        (1000, datetime.date(2026, 3, 26), "GNT 02", "future"),
        (1000, datetime.date(2026, 3, 25), "gnt  01", "duplicate"),
        (0, datetime.date(2026, 3, 25), "GNT 02", "bad_amount"),
        (1000, datetime.date(2026, 3, 25), "  ", "no_voucher"),
    ],
)
def test_refusals_record_nothing(march_cash, accountants, account_x, amount, day, voucher, code):
    unit = march_cash
    remit(unit, accountants.x, account_x, 100000, datetime.date(2026, 3, 3), "GNT 01")
    audits = AuditEntry.objects.count()
    with pytest.raises(RemittanceError) as refused:
        remit(
            unit,
            accountants.x,
            account_x,
            amount,
            day,
            voucher,
            at=noon(datetime.date(2026, 3, 25)),
        )
    assert refused.value.code == code
    assert refused.value.messages[0]
    assert Remittance.objects.count() == 1 and AuditEntry.objects.count() == audits


def test_the_exceeding_message_says_what_is_left(march_cash, accountants, account_x):
    with pytest.raises(RemittanceError, match=r"vượt số còn phải nộp ngày 02/03/2026 \(100.000"):
        remit(march_cash, accountants.x, account_x, 100001, datetime.date(2026, 3, 2), "GNT 9")


def test_an_earlier_remittance_may_not_take_money_a_later_one_already_took(
    march_cash, accountants, account_x
):
    unit = march_cash
    remit(unit, accountants.x, account_x, 300000, datetime.date(2026, 3, 21), "GNT 1")
    # On 5 March 100,000 was in hand, but all of it went on 21 March.
    with pytest.raises(RemittanceError) as refused:
        remit(unit, accountants.x, account_x, 1, datetime.date(2026, 3, 5), "GNT 2")
    assert refused.value.code == "exceeds"


def test_only_the_units_accountant_records(march_cash, accountants, account_x, people, tree):
    for other in (accountants.y, people.desk_x, people.leader_x, people.manager, None):
        with pytest.raises(RemittanceError) as refused:
            remit(march_cash, other, account_x, 1000, datetime.date(2026, 3, 25), "GNT 5")
        assert refused.value.code == "not_accountant"
    y_account = TreasuryAccount.objects.create(
        agency=tree.commune_y, treasury="KBNN", account_number="7111", valid_from=MARCH
    )
    with pytest.raises(RemittanceError) as refused:
        remit(march_cash, accountants.x, y_account, 1000, datetime.date(2026, 3, 25), "GNT 5")
    assert refused.value.code == "bad_account"
    assert not Remittance.objects.exists()


def test_an_account_is_used_only_within_its_dates(march_cash, accountants, account_x):
    account_x.valid_to = datetime.date(2026, 3, 15)
    account_x.save()
    remit(march_cash, accountants.x, account_x, 1000, datetime.date(2026, 3, 15), "GNT 1")
    with pytest.raises(RemittanceError) as refused:
        remit(march_cash, accountants.x, account_x, 1000, datetime.date(2026, 3, 21), "GNT 2")
    assert refused.value.code == "bad_account"
    assert "16/03" not in refused.value.messages[0] and "21/03/2026" in refused.value.messages[0]


def test_sign_off_keeps_the_figures_and_locks_the_month(march_cash, accountants, account_x):
    unit = march_cash
    remit(unit, accountants.x, account_x, 250000, datetime.date(2026, 3, 25), "GNT 1")
    too_early = noon(datetime.date(2026, 3, 31))
    with pytest.raises(RemittanceError, match="chưa kết thúc"):
        treasury.sign_off_month(unit, MARCH, actor=accountants.x, at=too_early)
    with pytest.raises(RemittanceError) as refused:
        treasury.sign_off_month(unit, MARCH, actor=accountants.y, at=noon(APRIL))
    assert refused.value.code == "not_accountant"
    with pytest.raises(RemittanceError, match="Cần ký xác nhận tháng 03/2026 trước"):
        treasury.sign_off_month(unit, APRIL, actor=accountants.x, at=noon(MAY))

    signed = treasury.sign_off_month(unit, MARCH, actor=accountants.x, at=noon(APRIL))
    assert (signed.opening, signed.collected, signed.remitted, signed.closing) == (
        0,
        300000,
        250000,
        50000,
    )
    assert AuditEntry.objects.filter(verb="sign_off_remittance_month").count() == 1
    with pytest.raises(RemittanceError, match="đã được ký"):
        treasury.sign_off_month(unit, MARCH, actor=accountants.x, at=noon(MAY))
    with pytest.raises(RemittanceError) as refused:
        remit(
            unit,
            accountants.x,
            account_x,
            1000,
            datetime.date(2026, 3, 31),
            "GNT 2",
            at=noon(datetime.date(2026, 4, 2)),
        )
    assert refused.value.code == "locked"
    assert "03/2026" in refused.value.messages[0]
    # April is open: the 50,000 carried over may go there.
    remit(
        unit,
        accountants.x,
        account_x,
        50000,
        datetime.date(2026, 4, 2),
        "GNT 2",
        at=noon(datetime.date(2026, 4, 2)),
    )
    assert ledger.load(unit).month(APRIL).closing == 0


def test_money_reconciled_after_the_sign_off_counts_in_the_next_open_month(
    received, accountants, tree
):
    unit = tree.commune_x
    late = settled(received, 70000, datetime.date(2026, 3, 31), online=True)
    settled(received, 30000, datetime.date(2026, 3, 10))
    treasury.sign_off_month(unit, MARCH, actor=accountants.x, at=noon(APRIL))
    treasury.record_reconciled(
        [late], day=datetime.date(2026, 3, 31), at=noon(datetime.date(2026, 4, 3))
    )
    book = ledger.load(unit)
    march, april = book.month(MARCH), book.month(APRIL)
    assert march.collected_total == 30000 and not march.signed_figures_differ
    assert [e.transaction_id for e in march.unreconciled] == [late.pk]
    assert [e.transaction_id for e in april.carried_in] == [late.pk]
    assert april.opening == 30000 and april.collected_total == 70000 and april.closing == 100000
    # Reconciled before the sign-off, it would have counted in March itself.
    assert ledger._counted_month(datetime.date(2026, 3, 31), noon(MARCH), book.sign_offs) == MARCH


def test_refund_due_money_is_listed_apart(received, tree):
    from motcua.payments.constants import TransactionStatus

    txn = settled(received, 50000, datetime.date(2026, 3, 5), online=True)
    txn.status = TransactionStatus.REFUND_DUE
    txn.save()
    march = ledger.load(tree.commune_x).month(MARCH)
    assert march.refund_due_total == 50000
    assert march.collected_total == 0 and march.unreconciled == []


def test_months_sign_in_order_from_the_first_with_money(received, accountants, tree):
    unit = tree.commune_x
    # Nothing yet: any month that has ended may be signed (an empty month).
    assert (
        ledger.signing_problem(ledger.load(unit), datetime.date(2026, 1, 1), APRIL.replace(day=2))
        == ""
    )
    settled(received, 10000, datetime.date(2026, 2, 10))
    book = ledger.load(unit)
    assert "02/2026" in ledger.signing_problem(book, MARCH, APRIL.replace(day=2))
    treasury.sign_off_month(unit, datetime.date(2026, 2, 1), actor=accountants.x, at=noon(MARCH))
    treasury.sign_off_month(unit, MARCH, actor=accountants.x, at=noon(APRIL))
    assert MonthSignOff.objects.filter(agency=unit).count() == 2


def test_record_reconciled_is_idempotent(received):
    txn = settled(received, 10000, datetime.date(2026, 3, 2), online=True)
    assert treasury.record_reconciled([txn], day=datetime.date(2026, 3, 2)) == 1
    assert treasury.record_reconciled([txn], day=datetime.date(2026, 3, 2)) == 0

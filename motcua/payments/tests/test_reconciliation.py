"""The daily reconciliation against the demo gateway's own ledger."""

import io

from django.core.management import call_command

from motcua.payments import services
from motcua.payments.constants import TransactionStatus
from motcua.payments.contrib.demo.tasks import send_notification

from .conftest import bank_pays


def _run(*args):
    out = io.StringIO()
    call_command("reconcile_payments", *args, stdout=out)
    return out.getvalue()


def test_a_lost_notification_shows_and_can_be_applied(awaiting, received, people, walk_in):
    other = walk_in()  # a second dossier of citizen A with its receipt fee due
    matched = services.start_payment(received, actor=people.citizen_a)
    send_notification.call(bank_pays(matched)[0].pk)
    lost = services.start_payment(other, actor=people.citizen_a)
    lost_entry, _result = bank_pays(lost)  # its notification never arrives
    output = _run("--date", "2026-03-02")
    assert "Khớp: 1" in output
    assert f"CHỈ CÓ Ở CỔNG: đơn {lost.pk} mã GD {lost_entry.bank_reference} 50.000 đ" in output
    assert "Chênh lệch: 1" in output
    output = _run("--date", "2026-03-02", "--apply")
    assert f"ĐÃ GHI NHẬN BỔ SUNG: đơn {lost.pk} → applied" in output
    lost.refresh_from_db()
    assert lost.status == TransactionStatus.PAID
    output = _run("--date", "2026-03-02")
    assert "Khớp: 2" in output and "Chênh lệch: 0" in output
    assert "Khớp: 0" in _run("--date", "2026-03-03")


def test_a_payment_the_gateway_does_not_report(received, people):
    from motcua.payments.models import DemoLedgerEntry

    txn = services.start_payment(received, actor=people.citizen_a)
    send_notification.call(bank_pays(txn)[0].pk)
    DemoLedgerEntry.objects.all().delete()  # as if the gateway's report missed it
    output = _run("--date", "2026-03-02", "--gateway", "demo")
    assert f"CHỈ CÓ Ở HỆ THỐNG: giao dịch {txn.pk} hồ sơ {received.code}" in output
    assert "Chênh lệch: 1" in output

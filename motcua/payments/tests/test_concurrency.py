"""Two notifications of the same payment at the same instant, on real PostgreSQL sessions."""

import threading

import pytest
from django.db import connection, connections

from motcua.dossiers.constants import Action
from motcua.dossiers.models import Event
from motcua.payments import services
from motcua.payments.constants import Outcome, Source, TransactionStatus
from motcua.payments.models import GatewayMessage, TransactionLine

from .conftest import bank_pays

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent PostgreSQL sessions"
    ),
]


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # collected for the assertions
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_notifications_at_once_record_one_payment(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    _entry, result = bank_pays(txn)

    def notify(source):
        return lambda: services.apply_gateway_message("demo", result, source=source)[0]

    outcomes = _race(notify(Source.IPN), notify(Source.IPN), notify(Source.RETURN))
    assert sorted(outcomes) == sorted([Outcome.APPLIED, Outcome.DUPLICATE, Outcome.DUPLICATE])
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.PAID
    assert Event.objects.filter(dossier=awaiting, action=Action.CONFIRM_PAYMENT).count() == 1
    assert TransactionLine.objects.filter(settled=True).count() == 2
    assert GatewayMessage.objects.count() == 3


def test_cash_and_a_notification_at_once_never_pay_twice(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    _entry, result = bank_pays(txn)
    outcomes = _race(
        lambda: services.apply_gateway_message("demo", result, source=Source.IPN)[0],
        lambda: services.record_cash_payment(awaiting, actor=people.desk_x),
    )
    assert TransactionLine.objects.filter(settled=True).count() == 2
    assert Event.objects.filter(dossier=awaiting, action=Action.CONFIRM_PAYMENT).count() == 1
    online = outcomes[0]
    txn.refresh_from_db()
    if online == Outcome.APPLIED:
        assert txn.status == TransactionStatus.PAID
        assert isinstance(outcomes[1], Exception)  # nothing left to pay in cash
    else:
        assert online == Outcome.REFUND_DUE and txn.status == TransactionStatus.REFUND_DUE

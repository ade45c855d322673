"""The whole chain through the real task worker: the demo bank's notification task, the
dossier event it causes and the applicant's notifications, as `make run` runs them."""

import pytest
from django.core import mail
from django.core.management import call_command

from motcua.dossiers.constants import Status
from motcua.notifications.constants import DeliveryStatus, Topic
from motcua.notifications.models import Delivery
from motcua.payments import services
from motcua.payments.constants import TransactionStatus

from .conftest import bank_pays

# The worker commits and recycles connections as in production: no wrapping test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_db_worker_delivers_the_notification_and_its_side_effects(awaiting, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    bank_pays(txn)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    txn.refresh_from_db()
    awaiting.refresh_from_db()
    assert txn.status == TransactionStatus.PAID
    assert awaiting.status == Status.IN_PROGRESS
    # The receipt and payment-due events were dispatched too: their messages went out once.
    sent = Delivery.objects.filter(dossier=awaiting, status=DeliveryStatus.SENT)
    assert {d.topic for d in sent} == {Topic.RECEIVED, Topic.PAYMENT_DUE}
    assert len(mail.outbox) == 2

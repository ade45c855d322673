"""The signed redirect + notification protocol: verification, idempotency, message order."""

import datetime
from decimal import Decimal

import pytest

from motcua.dossiers.constants import Action, Status
from motcua.dossiers.models import Event
from motcua.payments import services, signing
from motcua.payments.constants import Outcome, Source, TransactionStatus
from motcua.payments.contrib.demo import protocol as p
from motcua.payments.contrib.demo.tasks import send_notification
from motcua.payments.models import GatewayMessage, RefusedMessageCount, TransactionLine

from .conftest import bank_pays, forged_result

IPN, RETURN = Source.IPN, Source.RETURN


def ipn(params):
    return services.apply_gateway_message("demo", params, source=IPN)


def confirmations(dossier):
    return Event.objects.filter(dossier=dossier, action=Action.CONFIRM_PAYMENT).count()


def test_signature_is_hmac_sha512_over_sorted_query_string():
    params = {"b": "2 3", "a": "x&y", "c": ""}
    assert signing.canonical(params) == "a=x%26y&b=2+3"
    assert len(signing.sign(params, "k")) == 128
    assert signing.verify(params, signing.sign(params, "k").upper(), "k")
    assert not signing.verify(params, signing.sign(params, "other"), "k")


def test_valid_notification_pays_and_ends_the_pause(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    assert txn.amount == Decimal("150000") and txn.status == TransactionStatus.PENDING
    entry, _result = bank_pays(txn)
    assert send_notification.call(entry.pk) == Outcome.APPLIED
    txn.refresh_from_db()
    awaiting.refresh_from_db()
    assert txn.status == TransactionStatus.PAID
    assert txn.gateway_reference == entry.bank_reference
    # The first receipt of commune X's series for 2026 (ND 123/2020 symbols, demo defaults).
    assert txn.receipt_number == "AA-26E-0000001"
    assert (txn.receipt_form, txn.receipt_symbol, txn.receipt_sequence) == (
        "01BLP0-001",
        "AA-26E",
        1,
    )
    assert txn.collecting_unit == awaiting.receiving_unit
    assert awaiting.status == Status.IN_PROGRESS
    assert all(fee.paid_online and fee.paid_at for fee in awaiting.fees.all())
    assert confirmations(awaiting) == 1
    assert TransactionLine.objects.filter(transaction=txn, settled=True).count() == 2


@pytest.mark.parametrize(
    ("changes", "outcome"),
    [
        ({"mc_Amount": "1000"}, Outcome.BAD_AMOUNT),
        ({"mc_CurrCode": "USD"}, Outcome.BAD_CURRENCY),
        ({"mc_TxnRef": "999999"}, Outcome.UNKNOWN_ORDER),
    ],
)
def test_signed_but_wrong_results_change_nothing(awaiting, people, changes, outcome):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    assert ipn(forged_result(txn, **changes))[0] == outcome
    txn.refresh_from_db()
    awaiting.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert awaiting.status == Status.AWAITING_PAYMENT
    assert GatewayMessage.objects.get().outcome == outcome


def test_tampered_signature_is_rejected_and_logged(awaiting, people, client):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    params = forged_result(txn)
    params["mc_Amount"] = "1"  # changed after signing
    response = client.post("/payments/ipn/demo/", params)
    assert response.json() == {"RspCode": "97", "Message": "Invalid signature"}
    wrong_key = {k: v for k, v in forged_result(txn).items() if k != p.SIGNATURE}
    wrong_key[p.SIGNATURE] = signing.sign(wrong_key, "not-the-secret")
    assert ipn(wrong_key)[0] == Outcome.BAD_SIGNATURE
    assert ipn({"mc_TxnRef": str(txn.pk)})[0] == Outcome.BAD_SIGNATURE
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    # Refused messages are counted, not kept (#17 item 2).
    assert not GatewayMessage.objects.exists()
    counted = RefusedMessageCount.objects.filter(outcome=Outcome.BAD_SIGNATURE)
    # One from the notification address (its sender's address), two from the service directly.
    assert dict(counted.values_list("address", "count")) == {"127.0.0.1": 1, "": 2}


@pytest.mark.parametrize("signature", [None, "", "00" * 64])
def test_a_complete_success_without_a_valid_signature_pays_nothing(awaiting, people, signature):
    # Every field of a genuine success, only the signature missing, empty or made up.
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    params = {k: v for k, v in forged_result(txn).items() if k != p.SIGNATURE}
    assert params["mc_ResponseCode"] == p.SUCCESS and set(p.RESULT_FIELDS) <= set(params)
    if signature is not None:
        params[p.SIGNATURE] = signature
    assert ipn(params)[0] == Outcome.BAD_SIGNATURE
    txn.refresh_from_db()
    awaiting.refresh_from_db()
    assert txn.status == TransactionStatus.PENDING
    assert awaiting.status == Status.AWAITING_PAYMENT
    assert confirmations(awaiting) == 0


def test_duplicate_notifications_are_harmless(awaiting, people, client):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    entry, result = bank_pays(txn)
    assert client.get("/payments/ipn/demo/", result).json()["RspCode"] == "00"
    assert client.get("/payments/ipn/demo/", result).json()["RspCode"] == "02"
    assert send_notification.call(entry.pk) == Outcome.DUPLICATE
    assert confirmations(awaiting) == 1
    assert TransactionLine.objects.filter(settled=True).count() == 2
    outcomes = list(GatewayMessage.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [Outcome.APPLIED, Outcome.DUPLICATE, Outcome.DUPLICATE]


def test_return_before_notification(awaiting, people, as_user):
    """The whole browser journey through the demo bank; the IPN task runs afterwards."""
    client = as_user(people.citizen_a)
    page = client.get(f"/payments/dossiers/{awaiting.code}/pay/")
    assert page.status_code == 200 and "150.000" in page.text
    to_bank = client.post(f"/payments/dossiers/{awaiting.code}/pay/")
    assert to_bank.status_code == 302 and to_bank.url.startswith("/payments/demo-gateway/pay/?")
    bank_page = client.get(to_bank.url)
    assert "CỔNG THANH TOÁN DEMO" in bank_page.text and "Không có tiền thật" in bank_page.text
    form = {k: v for k, v in bank_page.context["params"].items()} | {"choice": "approve"}
    back = client.post("/payments/demo-gateway/pay/", form)
    assert back.status_code == 302 and back.url.startswith(
        "http://testserver/payments/return/demo/"
    )
    result = client.get(back.url)
    assert result.status_code == 200 and result.context["paid"]
    awaiting.refresh_from_db()
    assert awaiting.status == Status.IN_PROGRESS
    txn = awaiting.payment_transactions.get()
    entry = GatewayMessage.objects.get().transaction
    assert entry == txn
    from motcua.payments.models import DemoLedgerEntry

    assert send_notification.call(DemoLedgerEntry.objects.get().pk) == Outcome.DUPLICATE
    assert confirmations(awaiting) == 1


def test_return_after_notification(awaiting, people, client):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    entry, result = bank_pays(txn)
    send_notification.call(entry.pk)
    response = client.get("/payments/return/demo/", result)
    assert response.status_code == 200 and response.context["paid"]
    assert confirmations(awaiting) == 1
    forged = dict(result, mc_ResponseCode="24")
    assert client.get("/payments/return/demo/", forged).status_code == 400


def test_cancelled_payment_leaves_the_dossier_waiting(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    entry, _result = bank_pays(txn, approve=False)
    assert send_notification.call(entry.pk) == Outcome.DECLINED
    txn.refresh_from_db()
    awaiting.refresh_from_db()
    assert txn.status == TransactionStatus.FAILED
    assert awaiting.status == Status.AWAITING_PAYMENT
    again = services.start_payment(awaiting, actor=people.citizen_a)
    assert again.pk != txn.pk


def test_late_notification_after_expiry_is_recorded_not_lost(awaiting, people, clock):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    entry, _result = bank_pays(txn)  # the bank took the money; its notification is delayed
    clock.shift(datetime.timedelta(hours=2))
    assert services.expire_transactions() == 1
    assert send_notification.call(entry.pk) == Outcome.APPLIED_LATE
    txn.refresh_from_db()
    awaiting.refresh_from_db()
    assert txn.status == TransactionStatus.PAID and awaiting.status == Status.IN_PROGRESS
    assert send_notification.call(entry.pk) == Outcome.DUPLICATE


def test_the_bank_refuses_an_expired_request(awaiting, people, client, clock):
    from .conftest import request_params

    txn = services.start_payment(awaiting, actor=people.citizen_a)
    params = request_params(txn)
    clock.shift(datetime.timedelta(minutes=16))
    assert client.get("/payments/demo-gateway/pay/", params).status_code == 400
    params["mc_Amount"] = "1"
    clock.shift(datetime.timedelta(minutes=-10))
    assert client.get("/payments/demo-gateway/pay/", params).status_code == 400


def test_starting_twice_reuses_the_pending_order(awaiting, people):
    first = services.start_payment(awaiting, actor=people.citizen_a)
    assert services.start_payment(awaiting, actor=people.citizen_a).pk == first.pk


def test_fees_at_receipt_are_paid_without_touching_the_dossier(received, people):
    txn = services.start_payment(received, actor=people.citizen_a)
    assert txn.amount == Decimal("50000")
    entry, _result = bank_pays(txn)
    assert send_notification.call(entry.pk) == Outcome.APPLIED
    received.refresh_from_db()
    fee = received.fees.get()
    assert (
        fee.paid_at and fee.paid_online and fee.payment_reference == f"demo:{entry.bank_reference}"
    )
    assert received.status == Status.RECEIVED
    assert confirmations(received) == 0


def test_the_bank_never_charges_an_order_twice(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    first, result = bank_pays(txn)
    again, result_again = bank_pays(txn)  # the customer pressed "back" and paid again
    assert again.pk == first.pk and result_again == result

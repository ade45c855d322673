"""Every payment page refuses the other citizen, other desks and the anonymous visitor."""

import pytest

from motcua.payments import services
from motcua.payments.tasks import issue_receipt

from .conftest import bank_pays


@pytest.fixture
def paid(awaiting, people):
    from motcua.payments.contrib.demo.tasks import send_notification

    txn = services.start_payment(awaiting, actor=people.citizen_a)
    send_notification.call(bank_pays(txn)[0].pk)
    issue_receipt.call(txn.pk)
    txn.refresh_from_db()
    return txn


def _urls(txn):
    code = txn.dossier.code
    return [
        f"/payments/dossiers/{code}/pay/",
        f"/payments/transactions/{txn.pk}/",
        f"/payments/transactions/{txn.pk}/receipt.pdf",
    ]


def test_owner_sees_own_payment_pages(paid, people, as_user):
    client = as_user(people.citizen_a)
    for url in _urls(paid):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["citizen_b", "desk_y"])
def test_others_get_not_found(paid, people, as_user, who):
    client = as_user(getattr(people, who))
    for url in _urls(paid):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/payments/dossiers/{paid.dossier.code}/pay/").status_code == 404
    assert paid.dossier.payment_transactions.count() == 1


def test_anonymous_is_sent_to_sign_in(paid, client):
    for url in [*_urls(paid), f"/payments/dossiers/{paid.dossier.code}/cash/"]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url


def test_unpaid_transaction_has_no_receipt(awaiting, people, as_user):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    client = as_user(people.citizen_a)
    assert client.get(f"/payments/transactions/{txn.pk}/receipt.pdf").status_code == 404


@pytest.mark.parametrize("who", ["citizen_a", "citizen_b", "desk_y", "specialist_department"])
def test_cash_form_is_for_the_receiving_desk_only(awaiting, people, as_user, who):
    client = as_user(getattr(people, who))
    url = f"/payments/dossiers/{awaiting.code}/cash/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirm": "on"}).status_code == 404
    assert awaiting.payment_transactions.count() == 0


def test_cash_form_records_the_payment(awaiting, people, as_user):
    client = as_user(people.desk_x)
    url = f"/payments/dossiers/{awaiting.code}/cash/"
    page = client.get(url)
    assert page.status_code == 200 and "150.000" in page.text
    assert client.post(url, {}).status_code == 200  # confirmation box unticked
    response = client.post(url, {"confirm": "on", "note": "BL 0012"})
    txn = awaiting.payment_transactions.get()
    assert response.status_code == 302 and response.url == f"/payments/transactions/{txn.pk}/"
    pending = client.get(f"/payments/transactions/{txn.pk}/receipt.pdf")
    assert pending.status_code == 200 and "đang được lập và ký số" in pending.text
    issue_receipt.call(txn.pk)  # the task enqueued with the payment
    signed = client.get(f"/payments/transactions/{txn.pk}/receipt.pdf")
    assert signed.status_code == 200 and signed["Content-Type"] == "application/pdf"

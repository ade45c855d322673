"""Fees taken at the counter during desk intake (thu phí, lệ phí tại quầy): recorded in the same
transaction as the receipt, so the receipt form (issued once) shows them paid; only when the
dossier is received; a refused payment leaves nothing behind."""

import pytest
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.models import Dossier, Event
from motcua.notices.constants import FormKey
from motcua.notices.tests.helpers import flat, pdf_text
from motcua.payments import services as payments
from motcua.payments.constants import Method, TransactionStatus
from motcua.payments.errors import PaymentError
from motcua.payments.models import Transaction

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db


def _url(version):
    return reverse("backoffice:intake_form", args=[version.pk])


def _data(tree, form_component, **overrides):
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Văn Bình",
        "id_number": "068080999999",
        "phone": "0911222333",
        "delivery": "desk",
        "idempotency_key": "intake-cash-1",
        f"c{form_component.pk}_originals": "1",
        "decision": "receive",
    }
    return data | overrides


def _receipt_text(client, dossier) -> str:
    url = reverse("notices:document", args=[dossier.code, FormKey.RECEIPT])
    response = client.post(url, follow=True)  # the desk issues it, then opens it
    assert response.status_code == 200
    return flat(pdf_text(response.content))


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_the_form_offers_the_fees_due_at_receipt(as_user, people, version):
    html = as_user(people.desk_x).get(_url(version)).content.decode()
    assert 'name="collect_fees"' in html
    assert "Thu phí, lệ phí tại quầy: 50.000 đồng" in html
    assert 'aria-describedby="collect-fees-help"' in html


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_received_with_cash_the_receipt_shows_the_fee_paid(
    as_user, people, version, tree, form_component
):
    client = as_user(people.desk_x)
    response = client.post(_url(version), _data(tree, form_component, collect_fees="on"))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED
    txn = Transaction.objects.get(dossier=dossier)
    assert txn.method == Method.CASH and txn.status == TransactionStatus.PAID
    assert txn.receipt_number and txn.amount == 50000 and txn.started_by == people.desk_x
    fee = dossier.fees.get()
    assert fee.paid_at == dossier.received_at and not fee.paid_online
    assert fee.payment_reference == txn.receipt_number
    actions = list(dossier.events.order_by("sequence").values_list("action", flat=True))
    assert actions == [Action.RECEIVE, Action.RECORD_PAYMENT]
    paid = dossier.events.get(action=Action.RECORD_PAYMENT)
    assert paid.actor == people.desk_x and paid.data["reference"] == txn.receipt_number
    assert AuditEntry.objects.filter(verb="payment_settled", object_id=str(txn.pk)).exists()
    text = _receipt_text(client, dossier)
    assert "Lệ phí: 50.000" in text and "(đã nộp)" in text and "chưa nộp" not in text
    assert (
        txn.receipt_number
        in client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    )


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_received_without_ticking_leaves_the_fee_unpaid(
    as_user, people, version, tree, form_component
):
    client = as_user(people.desk_x)
    assert client.post(_url(version), _data(tree, form_component)).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.fees.get().paid_at is None
    assert not Transaction.objects.exists()
    assert not dossier.events.filter(action=Action.RECORD_PAYMENT).exists()
    assert "(chưa nộp)" in _receipt_text(client, dossier)


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_refused_payment_rolls_the_whole_intake_back(
    as_user, people, version, tree, form_component, monkeypatch
):
    def refuse(*args, **kwargs):
        raise PaymentError("Máy thu tiền không phản hồi.", code="test")

    # Fails after the transaction row and its lines were written.
    monkeypatch.setattr(payments, "_settle", refuse)
    data = _data(tree, form_component, collect_fees="on", summary="Giữ lại nội dung")
    response = as_user(people.desk_x).post(_url(version), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chưa thu được phí, lệ phí tại quầy nên hồ sơ chưa được tiếp nhận." in html
    assert "Máy thu tiền không phản hồi." in html and "Giữ lại nội dung" in html
    assert not Dossier.objects.exists() and not Transaction.objects.exists()
    assert not Event.objects.exists()
    assert not AuditEntry.objects.filter(verb__in=[Action.RECEIVE, "payment_settled"]).exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_the_same_intake_posted_twice_takes_the_money_once(
    as_user, people, version, tree, form_component
):
    client = as_user(people.desk_x)
    data = _data(tree, form_component, collect_fees="on")
    first = client.post(_url(version), data)
    again = client.post(_url(version), data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Dossier.objects.count() == 1 and Transaction.objects.count() == 1


@pytest.mark.parametrize(
    "decision", [{"decision": "supplement", "item_0": "Giấy ủy quyền"}, {"decision": "refuse"}]
)
@freeze_time(vn(2026, 3, 2, 9, 0))
def test_no_cash_is_taken_on_guidance_or_refusal(
    as_user, people, version, tree, form_component, decision
):
    data = _data(
        tree, form_component, collect_fees="on", refusal_reason="Không thuộc thẩm quyền", **decision
    )
    assert as_user(people.desk_x).post(_url(version), data).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.status in (Status.INTAKE_SUPPLEMENT, Status.REFUSED_AT_INTAKE)
    assert not Transaction.objects.exists()
    assert not dossier.fees.filter(paid_at__isnull=False).exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_no_cash_at_the_counter_for_a_postal_dossier(
    as_user, people, version, tree, form_component
):
    data = _data(tree, form_component, collect_fees="on", channel="postal")
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 400
    assert "Hồ sơ nộp qua bưu chính không thu tiền mặt tại quầy" in response.content.decode()
    assert not Dossier.objects.exists()

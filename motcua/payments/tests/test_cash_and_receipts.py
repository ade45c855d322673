"""Cash at the desk, money arriving for fees already paid, and the e-receipt PDF."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from pypdf import PdfReader

from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.errors import NotPermitted, RuleViolation
from motcua.dossiers.models import DossierFee, Event
from motcua.payments import conf, services
from motcua.payments import selectors as payment_selectors
from motcua.payments.constants import Method, Outcome, TransactionStatus
from motcua.payments.contrib.demo.tasks import send_notification
from motcua.payments.errors import PaymentError
from motcua.payments.models import TransactionLine
from motcua.payments.tasks import issue_receipt

from .conftest import bank_pays


def test_cash_at_the_desk_ends_the_pause(awaiting, people):
    txn = services.record_cash_payment(awaiting, actor=people.desk_x, note="BL giấy 0012")
    awaiting.refresh_from_db()
    assert txn.method == Method.CASH and txn.status == TransactionStatus.PAID
    assert awaiting.status == Status.IN_PROGRESS
    event = Event.objects.get(dossier=awaiting, action=Action.CONFIRM_PAYMENT)
    assert event.actor == people.desk_x and event.data["online"] is False
    assert not any(fee.paid_online for fee in awaiting.fees.all())
    with pytest.raises(PaymentError):
        services.record_cash_payment(awaiting, actor=people.desk_x)


@pytest.mark.parametrize("who", ["desk_y", "specialist_x", "citizen_a", "citizen_b"])
def test_only_the_receiving_desk_takes_cash(awaiting, people, who):
    with pytest.raises(NotPermitted):
        services.record_cash_payment(awaiting, actor=getattr(people, who))
    assert awaiting.payment_transactions.count() == 0


def test_online_money_for_fees_paid_in_cash_is_kept_for_refund(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    entry, _result = bank_pays(txn)
    services.record_cash_payment(awaiting, actor=people.desk_x)
    assert send_notification.call(entry.pk) == Outcome.REFUND_DUE
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.REFUND_DUE and txn.gateway_reference
    assert TransactionLine.objects.filter(settled=True).count() == 2  # the cash lines only
    assert Event.objects.filter(dossier=awaiting, action=Action.CONFIRM_PAYMENT).count() == 1


def test_other_citizens_and_nobody_cannot_start_a_payment(awaiting, people):
    with pytest.raises(NotPermitted):
        services.start_payment(awaiting, actor=people.citizen_b)
    with pytest.raises(NotPermitted):
        services.start_payment(awaiting, actor=None)
    with pytest.raises(NotPermitted):
        services.record_cash_payment(awaiting, actor=None)
    assert awaiting.payment_transactions.count() == 0


def test_desk_may_start_an_online_payment_for_the_applicant(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.desk_x)
    assert txn.started_by == people.desk_x


def test_receipt_pdf_text(awaiting, people, as_user):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    entry, _result = bank_pays(txn)
    send_notification.call(entry.pk)
    issue_receipt.call(txn.pk)
    txn.refresh_from_db()
    response = as_user(people.citizen_a).get(f"/payments/transactions/{txn.pk}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in [
        "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ",
        "Ký hiệu mẫu: 01BLP0-001",
        "Ký hiệu: AA-26E",
        "Số: 0000001",
        "Nguyễn Văn An",
        awaiting.code,
        "Lệ phí cấp giấy chứng nhận",
        "150.000 đồng",
        entry.bank_reference,
        "14:00:00 ngày 02/03/2026",
    ]:
        assert expected in text, expected


def test_demo_secret_is_required_outside_debug_and_tests(monkeypatch):
    monkeypatch.delenv("PAYMENT_DEMO_SECRET", raising=False)
    monkeypatch.setattr(conf, "_insecure_defaults_allowed", lambda: False)
    with pytest.raises(ImproperlyConfigured):
        conf.demo_secret()
    monkeypatch.setenv("PAYMENT_DEMO_SECRET", "s3cret")
    assert conf.demo_secret() == "s3cret"


def _waived_line(dossier):
    # A fee the catalogue lists as waived ("miễn") is copied to the dossier as a 0 đ line.
    return DossierFee.objects.create(
        dossier=dossier, name="Phí thẩm định (miễn)", kind="fee", amount=0, stage="at_receipt"
    )


def test_a_free_line_is_never_asked_for_and_does_not_hold_the_pause(awaiting, people):
    waived = _waived_line(awaiting)
    assert waived not in payment_selectors.unpaid_fees(awaiting)
    txn = services.record_cash_payment(awaiting, actor=people.desk_x)
    assert waived.pk not in {line.fee_id for line in txn.lines.all()}
    assert txn.amount == 150000
    awaiting.refresh_from_db()
    assert awaiting.status == Status.IN_PROGRESS  # the paid lines were all that was due


def test_only_free_lines_left_is_a_clear_refusal_not_an_error(received, people, client):
    received.fees.update(paid_at=received.received_at, payment_reference="BL 1")
    _waived_line(received)
    with pytest.raises(PaymentError) as refused:
        services.record_cash_payment(received, actor=people.desk_x)
    assert refused.value.code == "nothing_due"
    assert received.payment_transactions.count() == 0
    with pytest.raises(RuleViolation) as no_obligation:
        dossier_services.request_payment(
            dossier_services.assign(received, actor=people.desk_x),
            actor=people.specialist_x,
            lines=[],
        )
    assert no_obligation.value.code == "nothing_due"

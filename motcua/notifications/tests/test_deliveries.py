"""Deliveries: once per event, channel and recipient; retried with backoff; never lost."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import Action
from motcua.notifications import services
from motcua.notifications.constants import MAX_ATTEMPTS, Channel, DeliveryStatus, Topic
from motcua.notifications.models import Delivery, DeliveryAttempt, DemoSmsMessage
from motcua.notifications.tasks import send_delivery

from .conftest import dispatch, vn


def _sms(dossier):
    return Delivery.objects.get(dossier=dossier, channel=Channel.SMS)


def test_received_event_makes_one_email_and_one_sms(received):
    deliveries = {d.channel: d for d in Delivery.objects.filter(dossier=received)}
    assert set(deliveries) == {Channel.EMAIL, Channel.SMS}
    email, sms = deliveries[Channel.EMAIL], deliveries[Channel.SMS]
    assert email.recipient == "an@example.vn" and sms.recipient == "0912345678"
    assert email.topic == Topic.RECEIVED
    assert email.subject == f"Hồ sơ {received.code} đã được tiếp nhận"
    assert "Ngày hẹn trả kết quả:" in email.body and "Xã Thử X" in email.body
    assert sms.body.startswith(f"Ho so {received.code} da duoc tiep nhan. Hen tra:")
    queued = DBTaskResult.objects.filter(task_path__endswith="send_delivery")
    assert sorted(r.args_kwargs["args"][0] for r in queued) == sorted(
        d.pk for d in deliveries.values()
    )


def test_nothing_is_created_or_sent_twice(received):
    dispatch(received, Action.RECEIVE)  # the task ran again
    assert Delivery.objects.filter(dossier=received).count() == 2
    for delivery in Delivery.objects.all():
        assert send_delivery.call(delivery.pk) == DeliveryStatus.SENT
        assert send_delivery.call(delivery.pk) == DeliveryStatus.SENT
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@example.vn"]
    assert DemoSmsMessage.objects.count() == 1
    assert DeliveryAttempt.objects.count() == 2


def test_events_without_a_message_send_nothing(received, people):
    dossier = dossier_services.assign(received, actor=people.desk_x)
    dispatch(dossier, Action.ASSIGN)
    assert Delivery.objects.filter(dossier=received).count() == 2


def test_payment_due_names_the_amount_and_the_payment_page(received, people):
    dossier = dossier_services.assign(received, actor=people.desk_x)
    dossier = dossier_services.request_payment(
        dossier, actor=people.specialist_x, lines=[{"name": "Lệ phí", "amount": 100000}]
    )
    dispatch(dossier, Action.REQUEST_PAYMENT)
    email = Delivery.objects.get(dossier=dossier, topic=Topic.PAYMENT_DUE, channel=Channel.EMAIL)
    assert "150.000 đồng" in email.body
    assert f"/payments/dossiers/{dossier.code}/pay/" in email.body


def test_retry_with_backoff_after_a_provider_outage(received, clock, monkeypatch):
    sms = _sms(received)
    monkeypatch.setenv("NOTIFICATIONS_DEMO_SMS_DOWN", "true")
    assert send_delivery.call(sms.pk) == DeliveryStatus.PENDING
    sms.refresh_from_db()
    assert sms.attempts == 1 and "down" in sms.last_error
    assert sms.next_attempt_at == vn(2026, 3, 2, 9, 1)
    deferred = DBTaskResult.objects.filter(task_path__endswith="send_delivery").exclude(
        run_after__year=9999  # the backend's "no delay"
    )
    assert [(r.args_kwargs["args"], r.run_after) for r in deferred] == [
        ([sms.pk], sms.next_attempt_at)
    ]
    assert send_delivery.call(sms.pk) == DeliveryStatus.PENDING  # not due yet: no attempt
    assert DeliveryAttempt.objects.filter(delivery=sms).count() == 1
    clock.shift(datetime.timedelta(minutes=1))
    assert send_delivery.call(sms.pk) == DeliveryStatus.PENDING
    sms.refresh_from_db()
    assert sms.attempts == 2 and sms.next_attempt_at == vn(2026, 3, 2, 9, 5)
    monkeypatch.delenv("NOTIFICATIONS_DEMO_SMS_DOWN")
    clock.shift(datetime.timedelta(minutes=4))
    assert services.send_due()[DeliveryStatus.SENT] == 2  # the SMS and the waiting e-mail
    sms.refresh_from_db()
    assert sms.status == DeliveryStatus.SENT and sms.attempts == 3 and sms.last_error == ""
    assert DemoSmsMessage.objects.get().phone == "0912345678"
    assert services.send_due() == {}


def test_a_long_outage_ends_failed_and_can_be_resent(received, clock, monkeypatch, people):
    sms = _sms(received)
    monkeypatch.setenv("NOTIFICATIONS_DEMO_SMS_DOWN", "1")
    for _ in range(MAX_ATTEMPTS):
        sms.refresh_from_db()
        clock.move_to(sms.next_attempt_at)
        services.attempt(sms.pk)
    sms.refresh_from_db()
    assert sms.status == DeliveryStatus.FAILED and sms.next_attempt_at is None
    assert sms.attempts == MAX_ATTEMPTS
    monkeypatch.delenv("NOTIFICATIONS_DEMO_SMS_DOWN")
    assert services.resend(Delivery.objects.all(), actor=people.manager) == 1
    assert send_delivery.call(sms.pk) == DeliveryStatus.SENT


def test_a_worker_dying_mid_send_does_not_lose_the_delivery(received, clock):
    sms = _sms(received)
    Delivery.objects.filter(pk=sms.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=timezone.now()
    )
    assert services.send_due().get(DeliveryStatus.SENT) == 1  # only the e-mail
    clock.shift(datetime.timedelta(minutes=11))
    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert "Đã xử lý 1 thông báo (sent: 1)" in out.getvalue()
    assert DemoSmsMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("action", "topic"),
    [
        (Action.REQUEST_SUPPLEMENT, Topic.SUPPLEMENT_REQUESTED),
        (Action.REAPPOINT, Topic.LATE_APOLOGY),
    ],
)
def test_other_topics(received, people, action, topic):
    dossier = dossier_services.assign(received, actor=people.desk_x)
    if action == Action.REQUEST_SUPPLEMENT:
        dossier = dossier_services.request_supplement(
            dossier,
            actor=people.specialist_x,
            items=[{"name": "Bản sao giấy khai sinh", "reason": "Bản chụp bị mờ"}],
        )
    else:
        dossier = dossier_services.reappoint(
            dossier,
            actor=people.leader_x,
            new_due_at=vn(2026, 3, 10, 16, 0),
            reason="Cần xác minh thêm",
        )
    dispatch(dossier, action)
    email = Delivery.objects.get(dossier=dossier, topic=topic, channel=Channel.EMAIL)
    assert email.body.count(dossier.code) == 1
    if topic == Topic.SUPPLEMENT_REQUESTED:
        assert "- Bản sao giấy khai sinh: Bản chụp bị mờ" in email.body
    else:
        assert "Cần xác minh thêm" in email.body and "16:00 10/03/2026" in email.body


def test_the_result_message_links_to_the_dossier_and_its_rating(received, people):
    dossier = dossier_services.assign(received, actor=people.desk_x, assignee=people.specialist_x)
    dossier = dossier_services.complete_step(dossier, actor=people.specialist_x)
    dossier = dossier_services.approve(dossier, actor=people.leader_x)
    dossier = dossier_services.record_result(
        dossier, actor=people.leader_x, document_number="1/GCN"
    )
    dispatch(dossier, Action.RECORD_RESULT)
    email = Delivery.objects.get(dossier=dossier, topic=Topic.RESULT_READY, channel=Channel.EMAIL)
    sms = Delivery.objects.get(dossier=dossier, topic=Topic.RESULT_READY, channel=Channel.SMS)
    assert f"/feedback/rate/{dossier.code}/" in email.body
    assert "Đánh giá mức độ hài lòng" in email.body
    assert f"/my/dossiers/{dossier.code}/" in sms.body and "danh gia" in sms.body

"""Use cases of notifications: create the deliveries of a dossier event once, and attempt
them with retries. Providers are called outside any database transaction; a delivery is
claimed with a conditional update first, so two workers never send the same one."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from motcua.audit import services as audit

from . import conf, messages
from .constants import MAX_ATTEMPTS, STALE_CLAIM, Channel, DeliveryStatus, backoff, topic_for
from .models import Delivery, DeliveryAttempt
from .registry import registry

logger = logging.getLogger(__name__)


def recipients_of(dossier) -> list[tuple[str, str]]:
    """(channel, address) pairs the applicant can be reached at."""
    found = []
    if dossier.applicant_email:
        found.append((Channel.EMAIL, dossier.applicant_email.strip().lower()))
    if dossier.applicant_phone:
        found.append((Channel.SMS, "".join(dossier.applicant_phone.split())))
    return found


def notify_event(event, *, at: datetime.datetime | None = None) -> list[Delivery]:
    """The deliveries of ``event`` (created once whatever how often this runs), each new one
    enqueued for sending in the same transaction that creates it. Returns the new ones."""
    from .tasks import send_delivery

    topic = topic_for(event)
    if topic is None:
        return []
    now = at or timezone.now()
    created = []
    with transaction.atomic():
        for channel, recipient in recipients_of(event.dossier):
            subject, body = messages.render(topic, channel, event)
            delivery, new = Delivery.objects.get_or_create(
                event=event,
                channel=channel,
                recipient=recipient,
                defaults={
                    "dossier": event.dossier,
                    "topic": topic,
                    "provider": conf.provider_for(channel),
                    "subject": subject,
                    "body": body,
                    "next_attempt_at": now,
                    "created_at": now,
                },
            )
            if new:
                send_delivery.enqueue(delivery.pk)
                created.append(delivery)
    return created


def enqueue_message(
    *, dossier, topic: str, channel: str, recipient: str, body: str, subject: str = "", at=None
) -> Delivery:
    """A message about ``dossier`` that no dossier event triggers (a survey invitation), put in
    the same outbox and sent by the same worker. The caller keeps it from being sent twice and
    calls this inside its own transaction: the send is enqueued on commit."""
    from .tasks import send_delivery

    now = at or timezone.now()
    if channel == Channel.SMS:
        body = messages.fold_vietnamese(" ".join(body.split()))
    delivery = Delivery.objects.create(
        event=None,
        dossier=dossier,
        topic=topic,
        channel=channel,
        provider=conf.provider_for(channel),
        recipient=recipient,
        subject=subject,
        body=body,
        next_attempt_at=now,
        created_at=now,
    )
    send_delivery.enqueue(delivery.pk)
    return delivery


def attempt(delivery_id: int, *, at: datetime.datetime | None = None) -> str:
    """Try to send one delivery if it is due; returns its status afterwards. Safe to call any
    number of times: a sent, failed, not yet due or claimed delivery is left alone."""
    from .tasks import send_delivery

    now = at or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(status=DeliveryStatus.SENDING, claimed_at=now)
    delivery = Delivery.objects.get(pk=delivery_id)
    if not claimed:
        return delivery.status
    try:
        reference = registry.get(delivery.provider).send(
            recipient=delivery.recipient, subject=delivery.subject, body=delivery.body
        )
    except Exception as error:  # any provider failure is retried, never lost
        logger.warning("Delivery %s failed: %s", delivery_id, error)
        with transaction.atomic():
            delivery.attempts += 1
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            DeliveryAttempt.objects.create(
                delivery=delivery, at=now, succeeded=False, error=delivery.last_error
            )
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                delivery.status = DeliveryStatus.PENDING
                delivery.next_attempt_at = now + backoff(delivery.attempts)
                send_delivery.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
            delivery.save()
        return delivery.status
    with transaction.atomic():
        delivery.attempts += 1
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = now
        delivery.next_attempt_at = None
        delivery.last_error = ""
        delivery.provider_reference = str(reference or "")[:100]
        delivery.save()
        DeliveryAttempt.objects.create(delivery=delivery, at=now, succeeded=True)
    return delivery.status


def send_due(*, at: datetime.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Attempt every due delivery (the safety net when a task was lost or a worker died
    mid-send); returns the count of each resulting status."""
    now = at or timezone.now()
    Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now
    )
    due = Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "id"
    )
    counts: dict[str, int] = {}
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        status = attempt(pk, at=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


def resend(deliveries, *, actor, at: datetime.datetime | None = None) -> int:
    """An administrator sends failed deliveries again, with a fresh series of attempts."""
    from .tasks import send_delivery

    now = at or timezone.now()
    count = 0
    with transaction.atomic():
        for delivery in deliveries.select_for_update().filter(status=DeliveryStatus.FAILED):
            delivery.status = DeliveryStatus.PENDING
            delivery.attempts = 0
            delivery.next_attempt_at = now
            delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
            audit.record(actor=actor, verb="resend_notification", obj=delivery, at=now)
            send_delivery.enqueue(delivery.pk)
            count += 1
    return count

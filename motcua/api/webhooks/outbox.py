"""The outbox of webhooks: a delivery per subscriber and event, written in the transaction of the
dossier event (``dossiers.signals.event_recorded``), sent after commit by a task, one subscriber
at a time in ``sequence`` order, with retries, backoff and dead letters — the shape of the
national portal's outbox (``integrations.portal.outbox``).

- ``enqueue_event`` runs inside the event's transaction: a delivery exists if and only if the
  event does, and only for active subscribers of active clients whose agencies see the dossier.
- ``deliver(subscriber_id)`` sends the subscriber's due deliveries in order under its lease and
  stops at the first failure, so a receiver that is down gets everything, in order, when it
  comes back. A delivery failing ``WEBHOOK_MAX_ATTEMPTS`` times becomes a dead letter and the
  queue goes on; an administrator re-sends it (``resend``).
- ``drain()`` delivers every subscriber with a delivery due (``manage.py webhooks drain``)."""

from __future__ import annotations

import datetime
import json
import logging
import time
import uuid
from dataclasses import dataclass

import requests
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from motcua.audit import services as audit
from motcua.dossiers import access
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.models import Event
from motcua.integrations.http import session_for

from ..constants import Scope
from ..models_webhooks import (
    DeliveryState,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscriber,
)
from . import conf, signing

logger = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=2)
PAYMENT_ACTIONS = frozenset({Action.CONFIRM_PAYMENT, Action.RECORD_PAYMENT})


def event_types(event: Event) -> list[str]:
    """The webhook events a dossier event is: a change of state (and which), a payment."""
    if event.to_status == Status.DRAFT:
        return []
    found = []
    if event.from_status != event.to_status:
        if event.to_status == Status.RECEIVED:
            found.append(WebhookEvent.DOSSIER_RECEIVED)
        found.append(WebhookEvent.STATUS_CHANGED)
        if event.to_status == Status.RESULT_READY:
            found.append(WebhookEvent.RESULT_READY)
    if event.action in PAYMENT_ACTIONS:
        found.append(WebhookEvent.PAYMENT_RECORDED)
    return [str(t) for t in found]


def payload(event: Event, event_type: str, key: str, dossier) -> dict:
    """The body of one delivery, fixed when it is queued: every attempt sends the same bytes."""
    data = {
        "dossier": {
            "code": dossier.code,
            "status": dossier.status,
            "version": dossier.version,
            "url": f"/api/v1/dossiers/{dossier.code}/",
        },
        "event": {
            "sequence": event.sequence,
            "action": event.action,
            "from_status": event.from_status or None,
            "to_status": event.to_status,
            "at": timezone.localtime(event.at).isoformat(),
        },
    }
    if event_type == WebhookEvent.PAYMENT_RECORDED:
        details = event.data or {}
        data["payment"] = {
            "reference": details.get("reference", ""),
            "online": bool(details.get("online", False)),
        }
    return {
        "id": key,
        "type": event_type,
        "created_at": timezone.localtime().isoformat(),
        "data": data,
    }


def _subscribers_for(event: Event, types: list[str]) -> list[tuple[WebhookSubscriber, list[str]]]:
    chosen = []
    candidates = WebhookSubscriber.objects.filter(
        active=True, client__revoked_at__isnull=True
    ).select_related("client")
    for subscriber in candidates:
        wanted = [t for t in types if t in set(subscriber.events)]
        if not wanted or Scope.DOSSIERS_READ not in subscriber.client.scopes:
            continue
        agencies = list(subscriber.client.agencies.all())
        if not access.visible_in(agencies).filter(pk=event.dossier_id).exists():
            continue  # never told of another agency's dossier
        chosen.append((subscriber, wanted))
    return chosen


def enqueue_event(event: Event) -> list[WebhookDelivery]:
    """The deliveries of ``event``, each after its subscriber's earlier ones. Call inside the
    event's transaction."""
    types = event_types(event)
    if not types:
        return []
    targets = _subscribers_for(event, types)
    if not targets:
        return []
    dossier = type(event.dossier).objects.only("code", "status", "version").get(pk=event.dossier_id)
    now = timezone.now()
    created = []
    for subscriber, wanted in targets:
        locked = WebhookSubscriber.objects.select_for_update().get(pk=subscriber.pk)
        first = locked.last_sequence + 1
        rows = []
        for offset, event_type in enumerate(wanted):
            key = f"whd_{uuid.uuid4().hex}"
            rows.append(
                WebhookDelivery(
                    subscriber=locked,
                    event=event,
                    event_type=event_type,
                    sequence=first + offset,
                    key=key,
                    payload=payload(event, event_type, key, dossier),
                    next_attempt_at=now,
                    created_at=now,
                )
            )
        WebhookDelivery.objects.bulk_create(rows)
        WebhookSubscriber.objects.filter(pk=locked.pk).update(last_sequence=first + len(rows) - 1)
        created.extend(rows)
        _after_commit(locked.pk)
    return created


def _after_commit(subscriber_id: int) -> None:
    from .tasks import deliver_webhooks

    def enqueue():
        try:
            deliver_webhooks.enqueue(subscriber_id)
        except Exception:  # the drain delivers it anyway
            logger.exception("Could not enqueue the webhooks of subscriber %s", subscriber_id)

    transaction.on_commit(enqueue)


def _take_lease(subscriber_id: int, now: datetime.datetime) -> bool:
    return bool(
        WebhookSubscriber.objects.filter(pk=subscriber_id)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )


def _release(subscriber_id: int) -> None:
    WebhookSubscriber.objects.filter(pk=subscriber_id).update(lease_until=None)


@dataclass(frozen=True)
class Run:
    """What one run did: deliveries sent, and when to try again if an attempt failed."""

    delivered: int = 0
    retry_at: datetime.datetime | None = None


def deliver(subscriber_id: int, *, now: datetime.datetime | None = None) -> Run:
    """Send the subscriber's due deliveries in order; nothing when another worker holds it."""
    now = now or timezone.now()
    if not _take_lease(subscriber_id, now):
        return Run()
    delivered = 0
    retry_at = None
    try:
        subscriber = WebhookSubscriber.objects.select_related("client").get(pk=subscriber_id)
        if subscriber.client.revoked_at is not None:
            return Run()  # a revoked client's system is told nothing more, not even what was queued
        session = session_for(subscriber.url)
        while True:
            delivery = (
                WebhookDelivery.objects.filter(
                    subscriber_id=subscriber_id, state=DeliveryState.PENDING
                )
                .order_by("sequence")
                .first()
            )
            if delivery is None or delivery.next_attempt_at > now:
                break
            if not _send(session, subscriber, delivery, now):
                delivery.refresh_from_db(fields=["state", "next_attempt_at"])
                if delivery.state == DeliveryState.PENDING:
                    retry_at = delivery.next_attempt_at
                    break
                continue  # a dead letter: the queue goes on
            delivered += 1
    finally:
        _release(subscriber_id)
    return Run(delivered, retry_at)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def _send(session, subscriber: WebhookSubscriber, delivery: WebhookDelivery, now) -> bool:
    body = body_of(delivery)
    headers = signing.headers(
        subscriber.secret, body, key=delivery.key, event_type=delivery.event_type
    )
    started = time.monotonic()
    status_code = None
    error = ""
    try:
        response = session.post(
            subscriber.url,
            data=body,
            headers=headers,
            timeout=conf.timeout(),
            allow_redirects=False,
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}: {response.text[:300]}"
    except requests.RequestException as failure:
        error = f"{type(failure).__name__}: {failure}"
    ok = not error
    duration = int((time.monotonic() - started) * 1000)
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=status_code,
            ok=ok,
            error=error[:2000],
            duration_ms=duration,
        )
        attempts = delivery.attempts + 1
        if ok:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                state=DeliveryState.DELIVERED,
                attempts=F("attempts") + 1,
                delivered_at=now,
                last_attempt_at=now,
                last_error="",
            )
            WebhookSubscriber.objects.filter(pk=subscriber.pk).update(last_delivered_at=now)
        else:
            dead = attempts >= conf.max_attempts()
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                state=DeliveryState.DEAD if dead else DeliveryState.PENDING,
                attempts=attempts,
                next_attempt_at=now + conf.backoff(attempts),
                last_attempt_at=now,
                last_error=error[:4000],
            )
            log = logger.error if dead else logger.warning
            log("Webhook %s to %s failed: %s", delivery.key, subscriber.url, error[:300])
    return ok


def due_subscribers(now: datetime.datetime | None = None, limit: int = 1000) -> list[int]:
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        .order_by("subscriber_id")
        .values_list("subscriber_id", flat=True)
        .distinct()[:limit]
    )


def drain(*, now: datetime.datetime | None = None, rounds: int = 100) -> int:
    """Deliver every subscriber with a delivery due; returns the number delivered."""
    total = 0
    for _round in range(rounds):
        subscribers = due_subscribers(now)
        if not subscribers:
            break
        sent = sum(deliver(pk, now=now).delivered for pk in subscribers)
        total += sent
        if not sent:
            break  # what is left waits for its backoff or a lease
    return total


def resend(delivery: WebhookDelivery, *, actor, now: datetime.datetime | None = None) -> bool:
    """Send a delivery again (a dead letter, or one delivered that the receiver lost), with the
    same id and body: at the head of the subscriber's queue, at once."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = WebhookDelivery.objects.filter(pk=delivery.pk).update(
            state=DeliveryState.PENDING, attempts=0, next_attempt_at=now
        )
        if updated:
            audit.record(
                actor=actor,
                verb="webhook_resend",
                obj=delivery,
                at=now,
                key=delivery.key,
                subscriber=str(delivery.subscriber_id),
            )
            _after_commit(delivery.subscriber_id)
    return bool(updated)

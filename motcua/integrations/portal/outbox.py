"""The outbox to the national portal: messages written with the dossier events they report, then
delivered in order, one dossier at a time, with retries, backoff and dead letters (domain.md
§4.3 "idempotent outbox, retries, dead letters; per-dossier sync status").

- ``enqueue_event`` runs inside the transaction of the event (``dossiers.signals.event_recorded``):
  two messages, the record and the step, exist if and only if the event does.
- ``deliver(dossier_id)`` sends that dossier's due messages in ``sequence`` order and stops at the
  first failure, so a later status never overtakes an earlier one. A worker holds the dossier's
  lease while sending (``PortalCursor.lease_until``): two workers never send one dossier at once,
  and a worker killed mid-way loses the lease when it expires. No transaction is held while the
  portal answers.
- ``drain()`` delivers every dossier with a message due (the scheduler and ``manage.py
  integrations drain`` call it).
- ``resend(message)`` puts a dead letter back in the queue (administrators)."""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from motcua.audit import services as audit
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Event
from motcua.dossiers.national import national_status

from ..models import MessageState, PortalCursor, PortalMessage, PortalService
from . import conf, payloads, registry
from .base import PortalError, PortalRejected

logger = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=2)


def enqueue_event(event: Event) -> list[PortalMessage]:
    """The record and the step of ``event``, queued after the dossier's earlier messages. Drafts
    are never sent (they have no national status). Call inside the event's transaction."""
    if event.to_status == Status.DRAFT or national_status(event.to_status) is None:
        return []
    now = timezone.now()
    services = [PortalService.DOSSIER, PortalService.PROGRESS]
    first = _take_numbers(event.dossier_id, len(services))
    code = int(national_status(event.to_status))
    messages = [
        PortalMessage(
            dossier_id=event.dossier_id,
            event=event,
            sequence=first + offset,
            service=service,
            key=f"motcua-{uuid.uuid4().hex}",
            national_status=code,
            next_attempt_at=now,
            created_at=now,
        )
        for offset, service in enumerate(services)
    ]
    PortalMessage.objects.bulk_create(messages)
    from .tasks import deliver_dossier

    transaction.on_commit(lambda: _enqueue_delivery(deliver_dossier, event.dossier_id))
    return messages


def enqueue_record(dossier_id: int, *, reason: str = "") -> PortalMessage:
    """One more full record of the dossier (the reconciliation's re-send)."""
    with transaction.atomic():
        sequence = _take_numbers(dossier_id, 1)
        now = timezone.now()
        message = PortalMessage.objects.create(
            dossier_id=dossier_id,
            sequence=sequence,
            service=PortalService.DOSSIER,
            key=f"motcua-{uuid.uuid4().hex}",
            next_attempt_at=now,
            created_at=now,
            last_error=reason,
        )
        from .tasks import deliver_dossier

        transaction.on_commit(lambda: _enqueue_delivery(deliver_dossier, dossier_id))
    return message


def _enqueue_delivery(task, dossier_id: int) -> None:
    try:
        task.enqueue(dossier_id)
    except Exception:  # the scheduler's drain delivers it anyway
        logger.exception("Could not enqueue the portal delivery of dossier %s", dossier_id)


def _take_numbers(dossier_id: int, count: int) -> int:
    """The first of ``count`` message numbers of the dossier, taken in one statement that
    creates or advances its cursor; the cursor's row stays locked until the caller's
    transaction ends, so numbers are unique, in order and gap-free (a rollback gives them
    back), as with a locked read and an update."""
    table = PortalCursor._meta.db_table
    with connection.cursor() as cursor:
        # Constant identifiers (the model's own table name); values are parameters.
        cursor.execute(
            f"INSERT INTO {table} (dossier_id, last_sequence) VALUES (%s, %s) "  # noqa: S608  # nosec B608
            f"ON CONFLICT (dossier_id) DO UPDATE SET last_sequence = {table}.last_sequence "
            "+ EXCLUDED.last_sequence RETURNING last_sequence",
            [dossier_id, count],
        )
        (last,) = cursor.fetchone()
    return last - count + 1


def _take_lease(dossier_id: int, now: datetime.datetime) -> bool:
    return bool(
        PortalCursor.objects.filter(pk=dossier_id)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )


def _release(dossier_id: int) -> None:
    PortalCursor.objects.filter(pk=dossier_id).update(lease_until=None)


@dataclass(frozen=True)
class Run:
    """What one delivery run of a dossier did: messages delivered, and when to try again if an
    attempt failed in this run (None otherwise: nothing failed, or nothing was due)."""

    delivered: int = 0
    retry_at: datetime.datetime | None = None


def deliver(dossier_id: int, *, now: datetime.datetime | None = None) -> Run:
    """Send the dossier's due messages in order. Does nothing when another worker holds the
    dossier, or when delivery is switched off."""
    if conf.plugin() == "off":
        return Run()
    now = now or timezone.now()
    if not _take_lease(dossier_id, now):
        return Run()
    delivered = 0
    retry_at = None
    try:
        portal = registry.get(conf.plugin())
        while True:
            message = (
                PortalMessage.objects.filter(dossier_id=dossier_id)
                .exclude(state=MessageState.DELIVERED)
                .order_by("sequence")
                .first()
            )
            if message is None or message.state == MessageState.DEAD:
                break  # nothing left, or a dead letter blocks the rest until it is re-sent
            if message.next_attempt_at > now:
                break
            if not _send(portal, message, now):
                message.refresh_from_db(fields=["state", "next_attempt_at"])
                if message.state == MessageState.PENDING:
                    retry_at = message.next_attempt_at
                break
            delivered += 1
    finally:
        _release(dossier_id)
    return Run(delivered, retry_at)


def _send(portal, message: PortalMessage, now: datetime.datetime) -> bool:
    try:
        item, built_through = _build(message)
    except Exception as error:  # a bug or missing data: a dead letter an administrator can see
        logger.exception("Could not build portal message %s", message.pk)
        _failed(message, now, f"{type(error).__name__}: {error}", dead=True)
        return False
    try:
        receipt = portal.send(message.service, item, key=message.key, sequence=message.sequence)
    except PortalRejected as error:
        _failed(message, now, str(error), dead=True, payload=item)
        return False
    except PortalError as error:
        _failed(message, now, str(error), payload=item)
        return False
    with transaction.atomic():
        PortalMessage.objects.filter(pk=message.pk).update(
            state=MessageState.DELIVERED,
            attempts=F("attempts") + 1,
            delivered_at=now,
            last_attempt_at=now,
            remote_id=receipt.remote_id[:100],
            payload=item,
            last_error="",
        )
        cursor_changes = {"last_delivered_at": now}
        if message.service == PortalService.DOSSIER:
            cursor_changes["last_national_status"] = item.get("TrangThaiHoSo")
            # The record just sent is the dossier as it stands: the later records of events it
            # already contains need not go again.
            PortalMessage.objects.filter(
                dossier_id=message.dossier_id,
                service=PortalService.DOSSIER,
                state=MessageState.PENDING,
                sequence__gt=message.sequence,
                event__sequence__lte=built_through,
            ).update(state=MessageState.DELIVERED, superseded=True, delivered_at=now)
            if item.get("NgayTiepNhan"):
                PortalCursor.objects.filter(
                    pk=message.dossier_id, received_synced_at__isnull=True
                ).update(received_synced_at=now)
        PortalCursor.objects.filter(pk=message.dossier_id).update(**cursor_changes)
    return True


def _build(message: PortalMessage) -> tuple[dict, int]:
    """The item to send and, for a record, the last event sequence it reflects."""
    if message.service == PortalService.PROGRESS:
        event = Event.objects.select_related("dossier", "actor", "actor_unit", "step").get(
            pk=message.event_id
        )
        return payloads.progress_item(event), event.sequence
    last_event = (
        Event.objects.filter(dossier_id=message.dossier_id)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    ) or 0
    dossier = payloads.load(message.dossier_id)
    return payloads.dossier_record(dossier), last_event


def _failed(message, now, error: str, *, dead: bool = False, payload=None) -> None:
    attempts = message.attempts + 1
    dead = dead or attempts >= conf.max_attempts()
    PortalMessage.objects.filter(pk=message.pk).update(
        attempts=attempts,
        state=MessageState.DEAD if dead else MessageState.PENDING,
        next_attempt_at=now + conf.backoff(attempts),
        last_attempt_at=now,
        last_error=error[:4000],
        payload=payload,
    )
    log = logger.error if dead else logger.warning
    log("Portal message %s (dossier %s) failed: %s", message.pk, message.dossier_id, error[:300])


def due_dossiers(now: datetime.datetime | None = None, limit: int = 1000) -> list[int]:
    now = now or timezone.now()
    return list(
        PortalMessage.objects.filter(state=MessageState.PENDING, next_attempt_at__lte=now)
        .order_by("dossier_id")
        .values_list("dossier_id", flat=True)
        .distinct()[:limit]
    )


def drain(*, now: datetime.datetime | None = None, rounds: int = 100) -> int:
    """Deliver every dossier with a message due; returns the number of messages delivered."""
    total = 0
    for _round in range(rounds):
        dossiers = due_dossiers(now)
        if not dossiers:
            break
        sent = sum(deliver(pk, now=now).delivered for pk in dossiers)
        total += sent
        if not sent:
            break  # what is left waits for its backoff, a lease, or an administrator
    return total


def resend(message: PortalMessage, *, actor, now: datetime.datetime | None = None) -> None:
    """Put a dead letter back in the queue, at the head of its dossier's messages."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = PortalMessage.objects.filter(pk=message.pk, state=MessageState.DEAD).update(
            state=MessageState.PENDING, attempts=0, next_attempt_at=now
        )
        if updated:
            audit.record(
                actor=actor, verb="portal_resend", obj=message, at=now, code=str(message.dossier_id)
            )
            from .tasks import deliver_dossier

            transaction.on_commit(lambda: _enqueue_delivery(deliver_dossier, message.dossier_id))

"""What other apps may read of the integrations: the national portal sync of dossiers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery

from .models import MessageState, PortalCursor, PortalMessage


def received_synced_at(dossier_ids) -> dict[int, datetime.datetime]:
    """When the portal first received each dossier's record with its NgayTiepNhan (766 1.4);
    dossiers never synced are absent."""
    ids = list(dossier_ids)
    found: dict[int, datetime.datetime] = {}
    for start in range(0, len(ids), 900):  # SQLite's parameter limit
        chunk = ids[start : start + 900]
        found.update(
            PortalCursor.objects.filter(pk__in=chunk, received_synced_at__isnull=False).values_list(
                "dossier_id", "received_synced_at"
            )
        )
    return found


@dataclass(frozen=True)
class SyncStatus:
    """The sync of one dossier as the officer's page shows it."""

    state: str  # "synced", "pending", "failing", "dead", "none"
    national_status: int | None
    last_delivered_at: datetime.datetime | None
    pending: int
    dead: int
    last_error: str
    next_attempt_at: datetime.datetime | None


def sync_status(dossier) -> SyncStatus:
    """In one query: the dossier's cursor with its undelivered messages counted and the first of
    them (the one every later message waits for) described."""
    undelivered = PortalMessage.objects.filter(dossier=OuterRef("pk")).exclude(
        state=MessageState.DELIVERED
    )
    first = undelivered.order_by("sequence")

    def count(queryset):
        return Subquery(
            queryset.values("dossier").annotate(n=Count("id")).values("n")[:1],
            output_field=IntegerField(),
        )

    cursor = (
        PortalCursor.objects.filter(pk=dossier.pk)
        .annotate(
            pending=count(undelivered.filter(state=MessageState.PENDING)),
            dead=count(undelivered.filter(state=MessageState.DEAD)),
            first_state=Subquery(first.values("state")[:1]),
            first_attempts=Subquery(first.values("attempts")[:1]),
            first_error=Subquery(first.values("last_error")[:1]),
            first_next=Subquery(first.values("next_attempt_at")[:1]),
        )
        .first()
    )
    if cursor is None:
        return SyncStatus("none", None, None, 0, 0, "", None)
    pending, dead = cursor.pending or 0, cursor.dead or 0
    if dead:
        state = "dead"
    elif pending and cursor.first_attempts:
        state = "failing"
    elif pending:
        state = "pending"
    else:
        state = "synced"
    return SyncStatus(
        state=state,
        national_status=cursor.last_national_status,
        last_delivered_at=cursor.last_delivered_at,
        pending=pending,
        dead=dead,
        last_error=cursor.first_error or "",
        next_attempt_at=cursor.first_next if state in ("failing", "pending") else None,
    )

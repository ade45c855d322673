"""What other apps may read of the integrations: the national portal sync of dossiers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery

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


def with_sync_status(dossiers: QuerySet) -> QuerySet:
    """``dossiers`` with what ``sync_status`` reads, in the same query: each dossier's cursor,
    its undelivered messages counted and the first of them (the one every later message waits
    for) described."""
    cursor = PortalCursor.objects.filter(pk=OuterRef("pk"))
    undelivered = PortalMessage.objects.filter(dossier=OuterRef("pk")).exclude(
        state=MessageState.DELIVERED
    )
    first = undelivered.order_by("sequence")

    def count(queryset):
        return Subquery(
            queryset.values("dossier").annotate(n=Count("id")).values("n")[:1],
            output_field=IntegerField(),
        )

    return dossiers.annotate(
        sync_cursor=Exists(cursor),
        sync_national=Subquery(cursor.values("last_national_status")[:1]),
        sync_delivered=Subquery(cursor.values("last_delivered_at")[:1]),
        sync_pending=count(undelivered.filter(state=MessageState.PENDING)),
        sync_dead=count(undelivered.filter(state=MessageState.DEAD)),
        sync_attempts=Subquery(first.values("attempts")[:1]),
        sync_error=Subquery(first.values("last_error")[:1]),
        sync_next=Subquery(first.values("next_attempt_at")[:1]),
    )


def sync_status(dossier) -> SyncStatus:
    """The national portal sync of ``dossier``, from the annotations it was read with
    (``with_sync_status``): no query of its own."""
    if not dossier.sync_cursor:
        return SyncStatus("none", None, None, 0, 0, "", None)
    pending, dead = dossier.sync_pending or 0, dossier.sync_dead or 0
    if dead:
        state = "dead"
    elif pending and dossier.sync_attempts:
        state = "failing"
    elif pending:
        state = "pending"
    else:
        state = "synced"
    return SyncStatus(
        state=state,
        national_status=dossier.sync_national,
        last_delivered_at=dossier.sync_delivered,
        pending=pending,
        dead=dead,
        last_error=dossier.sync_error or "",
        next_attempt_at=dossier.sync_next if state in ("failing", "pending") else None,
    )

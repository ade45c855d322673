"""What other apps may read of the integrations: the national portal sync of dossiers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q

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
    cursor = PortalCursor.objects.filter(pk=dossier.pk).first()
    counts = PortalMessage.objects.filter(dossier=dossier).aggregate(
        pending=Count("id", filter=Q(state=MessageState.PENDING)),
        dead=Count("id", filter=Q(state=MessageState.DEAD)),
        failing=Count("id", filter=Q(state=MessageState.PENDING, attempts__gt=0)),
        total=Count("id"),
        latest=Max("sequence"),
    )
    problem = (
        PortalMessage.objects.filter(dossier=dossier)
        .exclude(state=MessageState.DELIVERED)
        .order_by("sequence")
        .only("last_error", "next_attempt_at", "state")
        .first()
    )
    if not counts["total"]:
        state = "none"
    elif counts["dead"]:
        state = "dead"
    elif counts["failing"]:
        state = "failing"
    elif counts["pending"]:
        state = "pending"
    else:
        state = "synced"
    return SyncStatus(
        state=state,
        national_status=cursor.last_national_status if cursor else None,
        last_delivered_at=cursor.last_delivered_at if cursor else None,
        pending=counts["pending"],
        dead=counts["dead"],
        last_error=problem.last_error if problem else "",
        next_attempt_at=problem.next_attempt_at if problem and state != "dead" else None,
    )

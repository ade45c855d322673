"""What other apps may read of the integrations: the national portal sync of dossiers."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    Field,
    IntegerField,
    PositiveSmallIntegerField,
    QuerySet,
    TextField,
)
from django.db.models.expressions import RawSQL

from motcua.dossiers.models import Dossier

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
    for) described.

    The subqueries are written once as SQL (standard, for PostgreSQL and SQLite) over the
    tables' names from the models: the dossier page reads them on every view, and the ORM
    spent more CPU building and compiling eight correlated subqueries than the database spent
    running them (#18)."""
    # Only quoted names from the models go into the text; the states are parameters.
    return dossiers.annotate(
        **{
            name: RawSQL(sql, params, output_field=field)  # noqa: S611  # nosec B611
            for name, (sql, params, field) in _sync_sql().items()
        }
    )


@functools.cache
def _sync_sql() -> dict[str, tuple[str, tuple, Field]]:
    q = connection.ops.quote_name
    dossier = f"{q(Dossier._meta.db_table)}.{q(Dossier._meta.pk.column)}"
    cursor = q(PortalCursor._meta.db_table)
    cursor_of = f"FROM {cursor} WHERE {cursor}.{q(PortalCursor._meta.pk.column)} = {dossier}"
    message = q(PortalMessage._meta.db_table)

    def column(model, name: str) -> str:
        return f"{q(model._meta.db_table)}.{q(model._meta.get_field(name).column)}"

    undelivered = (
        f"FROM {message} WHERE {column(PortalMessage, 'dossier')} = {dossier} "
        f"AND {column(PortalMessage, 'state')} <> %s"
    )
    first = f"{undelivered} ORDER BY {column(PortalMessage, 'sequence')} LIMIT 1"
    delivered = (MessageState.DELIVERED,)
    state = column(PortalMessage, "state")
    return {
        "sync_cursor": (f"EXISTS (SELECT 1 {cursor_of})", (), BooleanField()),
        "sync_national": (
            f"(SELECT {column(PortalCursor, 'last_national_status')} {cursor_of})",
            (),
            PositiveSmallIntegerField(),
        ),
        "sync_delivered": (
            f"(SELECT {column(PortalCursor, 'last_delivered_at')} {cursor_of})",
            (),
            DateTimeField(),
        ),
        "sync_pending": (
            f"(SELECT COUNT(*) {undelivered} AND {state} = %s)",
            (*delivered, MessageState.PENDING),
            IntegerField(),
        ),
        "sync_dead": (
            f"(SELECT COUNT(*) {undelivered} AND {state} = %s)",
            (*delivered, MessageState.DEAD),
            IntegerField(),
        ),
        "sync_attempts": (
            f"(SELECT {column(PortalMessage, 'attempts')} {first})",
            delivered,
            IntegerField(),
        ),
        "sync_error": (
            f"(SELECT {column(PortalMessage, 'last_error')} {first})",
            delivered,
            TextField(),
        ),
        "sync_next": (
            f"(SELECT {column(PortalMessage, 'next_attempt_at')} {first})",
            delivered,
            DateTimeField(),
        ),
    }


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

"""A dossier as plain data: what the statistics read of it, loaded for thousands of dossiers
with five flat queries (no model instances), or taken from one prefetched model instance."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierFee,
    DossierMove,
    DossierResult,
    Pause,
    RuleSet,
)

from .history import PauseSpan


class Fee(NamedTuple):
    amount: Decimal
    paid_online: bool
    paid_at: datetime.datetime | None


class Component(NamedTuple):
    digitized: bool
    reused: bool
    origin: str
    source_database: str


@dataclass
class DossierRecord:
    pk: int
    unit_id: int  # the resolving agency
    version_id: int
    channel: str
    received_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    outcome: str
    original_due_at: datetime.datetime | None
    clock_start_at: datetime.datetime | None
    vneid_verified: bool
    rules_id: int
    applicant_data_source: str
    max_supplements: int
    pauses: tuple[PauseSpan, ...] = ()
    fees: list[Fee] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    result_files: list[int | None] = field(default_factory=list)
    # (effective date, resolving agency before) of each reorganisation that moved it, in order.
    moves: tuple[tuple[datetime.date, int], ...] = ()

    def unit_on(self, day: datetime.date) -> int:
        """The resolving agency the dossier had on ``day``: a reorganisation moves open work on
        its effective date, and every day before it stays counted with the old unit, so the
        reports of past periods never change (docs/reorganisations.md)."""
        for effective, before in self.moves:
            if day < effective:
                return before
        return self.unit_id

    @classmethod
    def from_model(cls, dossier) -> DossierRecord:
        """From a dossier with ``rules`` loaded and its parts prefetched. Its reorganisation
        moves are not read (``load`` reads them for the aggregates; the facts of a period take
        the unit at the period's end from ``facts.unit_at_end``)."""
        return cls(
            pk=dossier.pk,
            unit_id=dossier.resolving_agency_id,
            version_id=dossier.procedure_version_id,
            channel=dossier.channel or "",
            received_at=dossier.received_at,
            finished_at=dossier.finished_at,
            outcome=dossier.outcome,
            original_due_at=dossier.original_due_at,
            clock_start_at=dossier.clock_start_at,
            vneid_verified=dossier.vneid_verified,
            rules_id=dossier.rules_id,
            applicant_data_source=dossier.applicant_data_source,
            max_supplements=dossier.rules.max_supplements_on_time,
            pauses=tuple(
                PauseSpan(p.started_at, p.ended_at, p.reason)
                for p in sorted(dossier.pauses.all(), key=lambda p: (p.started_at, p.pk))
            ),
            fees=[Fee(f.amount, f.paid_online, f.paid_at) for f in dossier.fees.all()],
            components=[
                Component(c.digitized, c.reused, c.origin, c.source_database)
                for c in dossier.components.all()
            ],
            result_files=[r.file_id for r in dossier.results.all()],
        )


def _moves_of(moves) -> tuple[tuple[datetime.date, int], ...]:
    ordered = sorted(moves, key=lambda m: (m.effective_date, m.pk))
    return tuple((m.effective_date, m.from_resolving_agency_id) for m in ordered)


DOSSIER_FIELDS = (
    "pk",
    "resolving_agency_id",
    "procedure_version_id",
    "channel",
    "received_at",
    "finished_at",
    "outcome",
    "original_due_at",
    "clock_start_at",
    "vneid_verified",
    "rules_id",
    "applicant_data_source",
)


def load(dossiers, *, parts: bool = True) -> list[DossierRecord]:
    """Records of the dossiers of the queryset ``dossiers`` (evaluated once), in its order.
    ``parts=False``: only what the state at an instant needs (pauses, moves; no fees, components
    or results), read by id list — for a few dossiers scattered over the table."""
    rows = list(dossiers.values_list(*DOSSIER_FIELDS))
    if not rows:
        return []
    ids = [row[0] for row in rows]
    # Parts are read by id range (cheaper than a long IN list); rows of other dossiers in the
    # range are simply not used.
    scope = {"dossier_id__gte": min(ids), "dossier_id__lte": max(ids)}
    if len(ids) < 50 or not parts:
        scope = {"dossier_id__in": ids}
    max_supplements = dict(RuleSet.objects.values_list("pk", "max_supplements_on_time"))
    pauses = defaultdict(list)
    for dossier_id, start, end, reason in (
        Pause.objects.filter(**scope)
        .order_by("dossier_id", "started_at", "pk")
        .values_list("dossier_id", "started_at", "ended_at", "reason")
    ):
        pauses[dossier_id].append(PauseSpan(start, end, reason))
    fees = defaultdict(list)
    components = defaultdict(list)
    results = defaultdict(list)
    if parts:
        for dossier_id, *values in DossierFee.objects.filter(**scope).values_list(
            "dossier_id", "amount", "paid_online", "paid_at"
        ):
            fees[dossier_id].append(Fee(*values))
        for dossier_id, *values in DossierComponent.objects.filter(**scope).values_list(
            "dossier_id", "digitized", "reused", "origin", "source_database"
        ):
            components[dossier_id].append(Component(*values))
        for dossier_id, file_id in DossierResult.objects.filter(**scope).values_list(
            "dossier_id", "file_id"
        ):
            results[dossier_id].append(file_id)
    moves = defaultdict(list)
    for move in DossierMove.objects.filter(**scope).only(
        "pk", "dossier_id", "effective_date", "from_resolving_agency_id"
    ):
        moves[move.dossier_id].append(move)
    return [
        DossierRecord(
            pk=pk,
            unit_id=unit,
            version_id=version,
            channel=channel or "",
            received_at=received,
            finished_at=finished,
            outcome=outcome,
            original_due_at=due,
            clock_start_at=start,
            vneid_verified=vneid,
            rules_id=rules,
            applicant_data_source=source,
            max_supplements=max_supplements[rules],
            pauses=tuple(pauses[pk]),
            fees=fees[pk],
            components=components[pk],
            result_files=results[pk],
            moves=_moves_of(moves[pk]),
        )
        for (
            pk,
            unit,
            version,
            channel,
            received,
            finished,
            outcome,
            due,
            start,
            vneid,
            rules,
            source,
        ) in rows
    ]


def accepted() -> object:
    """The dossiers the statistics count: accepted ones."""
    return Dossier.objects.filter(received_at__isnull=False)

"""Keeping the aggregates: a dossier's change replaces its old contribution by the new one in
the same transaction (``refresh``); ``rebuild`` recomputes everything from the dossiers and
``compare`` tells whether what is stored equals a recomputation.

Deltas are applied in key order with ``INSERT … ON CONFLICT DO UPDATE`` (PostgreSQL and SQLite),
so two transactions touching the same day's row wait for each other instead of deadlocking, and
rows that fall to zero are deleted, so the stored tables equal a rebuild row for row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from motcua.agencies.models import Agency
from motcua.dossiers.models import Dossier
from motcua.worktime.selectors import get_calendar

from .. import records
from .contribution import Contribution, complaints, compute
from .models import DailyFlow, DossierContribution, StateSpan

FLOW_KEY = "day, unit_id, procedure_version_id, channel, flow, outcome, punctuality, flags"
SPAN_KEY = "unit_id, procedure_version_id, channel, state, flags, since, until"
# Identifiers are constants of this module; values are always passed as parameters.
UPSERT_FLOW = (
    "INSERT INTO reports_dailyflow (" + FLOW_KEY + ", dossiers, resolved_micros) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (" + FLOW_KEY + ") DO UPDATE SET "
    "dossiers = reports_dailyflow.dossiers + excluded.dossiers, "
    "resolved_micros = reports_dailyflow.resolved_micros + excluded.resolved_micros"
)
UPSERT_SPAN = (
    "INSERT INTO reports_statespan (" + SPAN_KEY + ", dossiers) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (" + SPAN_KEY + ") DO UPDATE SET "
    "dossiers = reports_statespan.dossiers + excluded.dossiers"
)


def _calendar(record, memo: dict):
    unit = record.unit_id
    if unit not in memo:
        memo[unit] = get_calendar(Agency.objects.get(pk=unit))
    return memo[unit]


def refresh(dossier_ids: Iterable[int]) -> None:
    """Bring the aggregates up to date with the dossiers' current data. Call inside the
    transaction that changed them; the dossier rows are locked for the rest of it."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return
    with transaction.atomic():
        list(Dossier.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        stored = {
            c.pk: Contribution.from_json(c.flows, c.spans)
            for c in DossierContribution.objects.filter(pk__in=ids)
        }
        complained = complaints(ids)
        memo: dict = {}
        flow_delta: Counter = Counter()
        micros_delta: Counter = Counter()
        span_delta: Counter = Counter()
        for dossier in records.load(Dossier.objects.filter(pk__in=ids)):
            new = compute(dossier, _calendar(dossier, memo), complaint=dossier.pk in complained)
            old = stored.get(dossier.pk, Contribution.empty())
            if new == old:
                continue
            _accumulate(flow_delta, micros_delta, span_delta, old, -1)
            _accumulate(flow_delta, micros_delta, span_delta, new, +1)
            flows, spans = new.as_json()
            DossierContribution.objects.update_or_create(
                dossier_id=dossier.pk, defaults={"flows": flows, "spans": spans}
            )
        _apply(flow_delta, micros_delta, span_delta)


def _accumulate(flow_delta, micros_delta, span_delta, contribution: Contribution, sign: int):
    for key, (n, micros) in contribution.flows.items():
        flow_delta[key] += sign * n
        micros_delta[key] += sign * micros
    for key, n in contribution.spans.items():
        span_delta[key] += sign * n


def _apply(flow_delta: Counter, micros_delta: Counter, span_delta: Counter) -> None:
    flows = [
        (*key, flow_delta[key], micros_delta[key])
        for key in sorted(set(flow_delta) | set(micros_delta))
        if flow_delta[key] or micros_delta[key]
    ]
    spans = [(*key, n) for key, n in sorted(span_delta.items()) if n]
    with connection.cursor() as cursor:
        if flows:
            cursor.executemany(UPSERT_FLOW, flows)
            units = sorted({row[1] for row in flows})
            DailyFlow.objects.filter(unit_id__in=units, dossiers=0).delete()
        if spans:
            cursor.executemany(UPSERT_SPAN, spans)
            units = sorted({row[0] for row in spans})
            StateSpan.objects.filter(unit_id__in=units, dossiers=0).delete()


def needs_rebuild() -> bool:
    """Accepted dossiers exist but no contribution at all: the database predates the aggregates
    (or was filled without the services, e.g. by benchmarks/volume.py)."""
    return (
        not DossierContribution.objects.exists()
        and Dossier.objects.filter(received_at__isnull=False).exists()
    )


def recompute(chunk_size: int = 2000) -> Iterator[tuple[int, Contribution]]:
    """Every accepted dossier's contribution computed afresh, in id order."""
    memo: dict = {}
    last = 0
    while True:
        chunk = records.load(records.accepted().filter(pk__gt=last).order_by("pk")[:chunk_size])
        if not chunk:
            return
        complained = complaints([d.pk for d in chunk])
        for dossier in chunk:
            yield (
                dossier.pk,
                compute(dossier, _calendar(dossier, memo), complaint=dossier.pk in complained),
            )
        last = chunk[-1].pk


def totals(contributions: Iterable[tuple[int, Contribution]]) -> tuple[dict, dict]:
    """Sum contributions into table rows: flows key → (dossiers, micros), spans key → dossiers."""
    flows: dict = {}
    spans: Counter = Counter()
    for _pk, contribution in contributions:
        for key, (n, micros) in contribution.flows.items():
            old = flows.get(key, (0, 0))
            flows[key] = (old[0] + n, old[1] + micros)
        for key, n in contribution.spans.items():
            spans[key] += n
    return flows, dict(spans)


def stored_rows() -> tuple[dict, dict]:
    """The tables as stored, in the same shape as ``totals``."""
    flows = {
        (
            r.day.isoformat(),
            r.unit_id,
            r.procedure_version_id,
            r.channel,
            r.flow,
            r.outcome,
            r.punctuality,
            r.flags,
        ): (r.dossiers, r.resolved_micros)
        for r in DailyFlow.objects.all().iterator(chunk_size=5000)
    }
    spans = {
        (
            r.unit_id,
            r.procedure_version_id,
            r.channel,
            r.state,
            r.flags,
            r.since.isoformat(),
            r.until.isoformat(),
        ): r.dossiers
        for r in StateSpan.objects.all().iterator(chunk_size=5000)
    }
    return flows, spans


def rebuild(*, chunk_size: int = 2000, progress=None) -> tuple[int, int, int]:
    """Recompute every dossier's contribution and the tables from scratch, in one transaction.
    Returns (dossiers, flow rows, span rows)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "LOCK TABLE reports_dailyflow, reports_statespan, "
                    "reports_dossiercontribution IN EXCLUSIVE MODE"
                )
        DossierContribution.objects.all().delete()
        DailyFlow.objects.all().delete()
        StateSpan.objects.all().delete()
        flows: dict = {}
        spans: Counter = Counter()
        batch: list[DossierContribution] = []
        count = 0
        for pk, contribution in recompute(chunk_size):
            count += 1
            for key, (n, micros) in contribution.flows.items():
                old = flows.get(key, (0, 0))
                flows[key] = (old[0] + n, old[1] + micros)
            for key, n in contribution.spans.items():
                spans[key] += n
            rows, span_rows = contribution.as_json()
            batch.append(DossierContribution(dossier_id=pk, flows=rows, spans=span_rows))
            if len(batch) >= chunk_size:
                DossierContribution.objects.bulk_create(batch)
                batch = []
                if progress:
                    progress(count)
        DossierContribution.objects.bulk_create(batch)
        DailyFlow.objects.bulk_create(
            (
                DailyFlow(
                    day=key[0],
                    unit_id=key[1],
                    procedure_version_id=key[2],
                    channel=key[3],
                    flow=key[4],
                    outcome=key[5],
                    punctuality=key[6],
                    flags=key[7],
                    dossiers=n,
                    resolved_micros=micros,
                )
                for key, (n, micros) in flows.items()
                if n or micros
            ),
            batch_size=5000,
        )
        StateSpan.objects.bulk_create(
            (
                StateSpan(
                    unit_id=key[0],
                    procedure_version_id=key[1],
                    channel=key[2],
                    state=key[3],
                    flags=key[4],
                    since=key[5],
                    until=key[6],
                    dossiers=n,
                )
                for key, n in spans.items()
                if n
            ),
            batch_size=5000,
        )
    return count, len(flows), len(spans)


def differences(limit: int = 20) -> list[str]:
    """How the stored tables differ from a recomputation (empty: they match exactly)."""
    want_flows, want_spans = totals(recompute())
    want_flows = {k: v for k, v in want_flows.items() if v != (0, 0)}
    want_spans = {k: v for k, v in want_spans.items() if v}
    have_flows, have_spans = stored_rows()
    found = []
    for name, want, have in (("flow", want_flows, have_flows), ("span", want_spans, have_spans)):
        for key in sorted(set(want) | set(have), key=str):
            if want.get(key) != have.get(key):
                found.append(f"{name} {key}: stored {have.get(key)}, recomputed {want.get(key)}")
                if len(found) >= limit:
                    return found
    return found

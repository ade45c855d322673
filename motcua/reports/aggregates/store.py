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
from .models import DailyFlow, DossierContribution, MonthlyFlow, StateSpan

FLOW_COLUMNS = "unit_id, procedure_version_id, channel, flow, outcome, punctuality, flags, rules_id"
SPAN_KEY = "unit_id, procedure_version_id, channel, state, flags, since, until, rules_id"


def _upsert_flow(table: str, period_column: str) -> str:
    # Identifiers are constants of this module; values are always passed as parameters.
    key = f"{period_column}, {FLOW_COLUMNS}"
    return (
        f"INSERT INTO {table} ({key}, dossiers, resolved_micros) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"dossiers = {table}.dossiers + excluded.dossiers, "
        f"resolved_micros = {table}.resolved_micros + excluded.resolved_micros"
    )


UPSERT_DAILY = _upsert_flow("reports_dailyflow", "day")
UPSERT_MONTHLY = _upsert_flow("reports_monthlyflow", "month")
UPSERT_SPAN = (
    "INSERT INTO reports_statespan (" + SPAN_KEY + ", dossiers) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (" + SPAN_KEY + ") DO UPDATE SET "
    "dossiers = reports_statespan.dossiers + excluded.dossiers"
)


def month_of(day: str) -> str:
    """The first day of the month of an ISO date."""
    return day[:8] + "01"


def monthly(flows: dict) -> dict:
    """Daily flow totals (key → (dossiers, micros)) summed per month."""
    result: dict = {}
    for key, (n, micros) in flows.items():
        month_key = (month_of(key[0]), *key[1:])
        old = result.get(month_key, (0, 0))
        result[month_key] = (old[0] + n, old[1] + micros)
    return result


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
    daily = {
        key: (flow_delta[key], micros_delta[key])
        for key in set(flow_delta) | set(micros_delta)
        if flow_delta[key] or micros_delta[key]
    }
    months = {key: value for key, value in monthly(daily).items() if value != (0, 0)}
    spans = [(*key, n) for key, n in sorted(span_delta.items()) if n]
    with connection.cursor() as cursor:
        if daily:
            cursor.executemany(UPSERT_DAILY, [(*k, *v) for k, v in sorted(daily.items())])
            cursor.executemany(UPSERT_MONTHLY, [(*k, *v) for k, v in sorted(months.items())])
            units = sorted({key[1] for key in daily})
            DailyFlow.objects.filter(unit_id__in=units, dossiers=0).delete()
            MonthlyFlow.objects.filter(unit_id__in=units, dossiers=0).delete()
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


def _add(flows: dict, spans: Counter, contribution: Contribution) -> None:
    for key, (n, micros) in contribution.flows.items():
        old = flows.get(key, (0, 0))
        flows[key] = (old[0] + n, old[1] + micros)
    for key, n in contribution.spans.items():
        spans[key] += n


def totals(contributions: Iterable[tuple[int, Contribution]]) -> tuple[dict, dict]:
    """Sum contributions into table rows: flows key → (dossiers, micros), spans key → dossiers."""
    flows: dict = {}
    spans: Counter = Counter()
    for _pk, contribution in contributions:
        _add(flows, spans, contribution)
    return flows, dict(spans)


FLOW_FIELDS = (
    "unit_id",
    "procedure_version_id",
    "channel",
    "flow",
    "outcome",
    "punctuality",
    "flags",
    "rules_id",
)


def _flow_rows(model, period_field: str) -> dict:
    return {
        (period.isoformat(), *key): (n, micros)
        for period, *key, n, micros in model.objects.values_list(
            period_field, *FLOW_FIELDS, "dossiers", "resolved_micros"
        ).iterator(chunk_size=5000)
    }


def stored_rows() -> tuple[dict, dict, dict]:
    """The tables as stored: daily and monthly flows key → (dossiers, micros), spans key →
    dossiers."""
    spans = {
        (unit, version, channel, state, flags, since.isoformat(), until.isoformat(), rules): n
        for unit, version, channel, state, flags, since, until, rules, n in (
            StateSpan.objects.values_list(
                "unit_id",
                "procedure_version_id",
                "channel",
                "state",
                "flags",
                "since",
                "until",
                "rules_id",
                "dossiers",
            ).iterator(chunk_size=5000)
        )
    }
    return _flow_rows(DailyFlow, "day"), _flow_rows(MonthlyFlow, "month"), spans


def rebuild(*, chunk_size: int = 2000, progress=None) -> tuple[int, int, int]:
    """Recompute every dossier's contribution and the tables from scratch, in one transaction.
    Returns (dossiers, flow rows, span rows)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "LOCK TABLE reports_dailyflow, reports_monthlyflow, reports_statespan, "
                    "reports_dossiercontribution IN EXCLUSIVE MODE"
                )
        DossierContribution.objects.all().delete()
        DailyFlow.objects.all().delete()
        MonthlyFlow.objects.all().delete()
        StateSpan.objects.all().delete()
        flows: dict = {}
        spans: Counter = Counter()
        batch: list[DossierContribution] = []
        count = 0
        for pk, contribution in recompute(chunk_size):
            count += 1
            _add(flows, spans, contribution)
            rows, span_rows = contribution.as_json()
            batch.append(DossierContribution(dossier_id=pk, flows=rows, spans=span_rows))
            if len(batch) >= chunk_size:
                DossierContribution.objects.bulk_create(batch)
                batch = []
                if progress:
                    progress(count)
        DossierContribution.objects.bulk_create(batch)
        for model, period_field, rows in (
            (DailyFlow, "day", flows),
            (MonthlyFlow, "month", monthly(flows)),
        ):
            model.objects.bulk_create(
                (
                    model(
                        **{period_field: key[0]},
                        **dict(zip(FLOW_FIELDS, key[1:], strict=True)),
                        dossiers=n,
                        resolved_micros=micros,
                    )
                    for key, (n, micros) in rows.items()
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
                    rules_id=key[7],
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
    want_months = {k: v for k, v in monthly(want_flows).items() if v != (0, 0)}
    want_spans = {k: v for k, v in want_spans.items() if v}
    have_flows, have_months, have_spans = stored_rows()
    found = []
    for name, want, have in (
        ("day", want_flows, have_flows),
        ("month", want_months, have_months),
        ("span", want_spans, have_spans),
    ):
        for key in sorted(set(want) | set(have), key=str):
            if want.get(key) != have.get(key):
                found.append(f"{name} {key}: stored {have.get(key)}, recomputed {want.get(key)}")
                if len(found) >= limit:
                    return found
    return found

"""Keeping the aggregates: a dossier's change replaces its old contribution by the new one in
the same transaction (``refresh``); ``rebuild`` recomputes everything from the dossiers and
``differences`` tells how what is stored differs from a recomputation.

A contribution is kept at day grain; it is rolled up into month and year rows when applied.
Deltas are applied in key order with ``INSERT … ON CONFLICT DO UPDATE`` (PostgreSQL and SQLite),
so two transactions touching the same row wait for each other instead of deadlocking, and rows
whose counts all fall to zero are deleted, so the stored tables equal a rebuild row for row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q

from motcua.agencies.models import Agency
from motcua.dossiers.models import Dossier
from motcua.worktime.selectors import get_calendar

from .. import records
from .contribution import Contribution, complaints, compute
from .models import (
    FLOW_KEY,
    FLOW_VALUES,
    STOCK_KEY,
    STOCK_VALUES,
    DossierContribution,
    FlowCount,
    Grain,
    StockChange,
)


@dataclass(frozen=True)
class Ledger:
    """One aggregate table: its key columns after (grain, start) and its additive counts."""

    name: str
    model: type
    key: tuple[str, ...]
    values: tuple[str, ...]

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def upsert_sql(self) -> str:
        # Identifiers are constants of this module; values are always passed as parameters.
        key = ", ".join(("grain", "start", *self.key))
        columns = ", ".join((key, *self.values))
        marks = ", ".join(["%s"] * (2 + len(self.key) + len(self.values)))
        updates = ", ".join(f"{v} = {self.table}.{v} + excluded.{v}" for v in self.values)
        return (
            f"INSERT INTO {self.table} ({columns}) VALUES ({marks}) "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
        )

    def all_zero(self) -> Q:
        return Q(**{value: 0 for value in self.values})


FLOWS = Ledger("flows", FlowCount, FLOW_KEY, FLOW_VALUES)
STOCK = Ledger("stock", StockChange, STOCK_KEY, STOCK_VALUES)
LEDGERS = (FLOWS, STOCK)


def _plus(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _minus(a: tuple) -> tuple:
    return tuple(-x for x in a)


def grains(day: str) -> tuple[tuple[str, str], ...]:
    """The (grain, start) rows an ISO day is counted in: the day, its month, its year."""
    return ((Grain.DAY, day), (Grain.MONTH, day[:8] + "01"), (Grain.YEAR, day[:5] + "01-01"))


def rolled_up(daily: dict) -> dict:
    """Day-grain totals (key starting with the ISO day → counts) as the rows of every grain
    (key starting with grain and start); rows whose counts are all zero are left out."""
    rows: dict = {}
    for (day, *rest), values in daily.items():
        for grain, start in grains(day):
            key = (grain, start, *rest)
            old = rows.get(key)
            rows[key] = values if old is None else _plus(old, values)
    return {key: values for key, values in rows.items() if any(values)}


def _calendar(record, memo: dict):
    unit = record.unit_id
    if unit not in memo:
        memo[unit] = get_calendar(Agency.objects.get(pk=unit))
    return memo[unit]


def _parts(contribution: Contribution) -> dict[str, dict]:
    return {FLOWS.name: contribution.flows, STOCK.name: contribution.stock}


def _accumulate(totals: dict[str, dict], contribution: Contribution, negate=False) -> None:
    for name, part in _parts(contribution).items():
        target = totals[name]
        for key, values in part.items():
            values = _minus(values) if negate else values
            old = target.get(key)
            target[key] = values if old is None else _plus(old, values)


def _empty_totals() -> dict[str, dict]:
    return {ledger.name: {} for ledger in LEDGERS}


def refresh(dossier_ids: Iterable[int]) -> None:
    """Bring the aggregates up to date with the dossiers' current data. Call inside the
    transaction that changed them; the dossier rows are locked for the rest of it."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return
    with transaction.atomic():
        list(Dossier.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        stored = {
            c.pk: Contribution.from_json(c.flows, c.stock)
            for c in DossierContribution.objects.filter(pk__in=ids)
        }
        complained = complaints(ids)
        memo: dict = {}
        delta = _empty_totals()
        for dossier in records.load(Dossier.objects.filter(pk__in=ids)):
            new = compute(dossier, _calendar(dossier, memo), complaint=dossier.pk in complained)
            old = stored.get(dossier.pk, Contribution.empty())
            if new == old:
                continue
            _accumulate(delta, old, negate=True)
            _accumulate(delta, new)
            flows, stock = new.as_json()
            DossierContribution.objects.update_or_create(
                dossier_id=dossier.pk, defaults={"flows": flows, "stock": stock}
            )
        _apply(delta)


def _apply(delta: dict[str, dict]) -> None:
    with connection.cursor() as cursor:
        for ledger in LEDGERS:
            rows = rolled_up(delta[ledger.name])
            if not rows:
                continue
            cursor.executemany(
                ledger.upsert_sql(), [(*key, *values) for key, values in sorted(rows.items())]
            )
            # Only the rows just touched can have fallen to zero.
            touched = Q()
            for grain in Grain.values:
                starts = sorted({key[1] for key in rows if key[0] == grain})
                if starts:
                    touched |= Q(grain=grain, start__in=starts)
            units = sorted({key[2] for key in rows})
            ledger.model.objects.filter(touched, ledger.all_zero(), unit_id__in=units).delete()


def needs_rebuild() -> bool:
    """Accepted dossiers exist but no contribution at all: the database predates the aggregates
    (or was filled without the services, e.g. by benchmarks/volume.py)."""
    return (
        not DossierContribution.objects.exists()
        and Dossier.objects.filter(received_at__isnull=False).exists()
    )


def add_missing(*, chunk_size: int = 2000, progress=None) -> int:
    """Add the contribution of every accepted dossier that has none — dossiers written without
    the services, e.g. by a bulk import (nhập dữ liệu hàng loạt) — one chunk per transaction, so
    a long run can be interrupted and resumed; the dossiers already counted are not touched.
    Returns the number of dossiers added."""
    added = 0
    last = 0
    while True:
        ids = list(
            records.accepted()
            .filter(pk__gt=last)
            .exclude(Exists(DossierContribution.objects.filter(pk=OuterRef("pk"))))
            .order_by("pk")
            .values_list("pk", flat=True)[:chunk_size]
        )
        if not ids:
            return added
        refresh(ids)
        added += len(ids)
        last = ids[-1]
        if progress:
            progress(added)


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


def totals(contributions: Iterable[tuple[int, Contribution]]) -> dict[str, dict]:
    """Sum contributions into the rows of every table: ledger name → key → counts."""
    daily = _empty_totals()
    for _pk, contribution in contributions:
        _accumulate(daily, contribution)
    return {name: rolled_up(part) for name, part in daily.items()}


def stored_rows() -> dict[str, dict]:
    """The tables as stored: ledger name → (grain, start ISO, *key) → counts."""
    stored = {}
    for ledger in LEDGERS:
        rows = ledger.model.objects.values_list(
            "grain", "start", *ledger.key, *ledger.values
        ).iterator(chunk_size=5000)
        width = 2 + len(ledger.key)
        stored[ledger.name] = {
            (row[0], row[1].isoformat(), *row[2:width]): tuple(row[width:]) for row in rows
        }
    return stored


def _bulk_create(ledger: Ledger, rows: dict) -> None:
    fields = ("grain", "start", *ledger.key)

    def objects():
        for key, values in rows.items():
            attributes = dict(zip(fields, key, strict=True))
            attributes["start"] = datetime.date.fromisoformat(attributes["start"])
            yield ledger.model(**attributes, **dict(zip(ledger.values, values, strict=True)))

    ledger.model.objects.bulk_create(objects(), batch_size=5000)


def rebuild(*, chunk_size: int = 2000, progress=None) -> tuple[int, int, int]:
    """Recompute every dossier's contribution and the tables from scratch, in one transaction.
    Returns (dossiers, flow rows, stock rows)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            tables = ", ".join(
                [*(ledger.table for ledger in LEDGERS), "reports_dossiercontribution"]
            )
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        DossierContribution.objects.all().delete()
        for ledger in LEDGERS:
            ledger.model.objects.all().delete()
        daily = _empty_totals()
        batch: list[DossierContribution] = []
        count = 0
        for pk, contribution in recompute(chunk_size):
            count += 1
            _accumulate(daily, contribution)
            flows, stock = contribution.as_json()
            batch.append(DossierContribution(dossier_id=pk, flows=flows, stock=stock))
            if len(batch) >= chunk_size:
                DossierContribution.objects.bulk_create(batch)
                batch = []
                if progress:
                    progress(count)
        DossierContribution.objects.bulk_create(batch)
        sizes = []
        for ledger in LEDGERS:
            rows = rolled_up(daily[ledger.name])
            _bulk_create(ledger, rows)
            sizes.append(len(rows))
    return count, *sizes


def differences(limit: int = 20) -> list[str]:
    """How the stored tables differ from a recomputation (empty: they match exactly)."""
    want = totals(recompute())
    have = stored_rows()
    found = []
    for ledger in LEDGERS:
        wanted, held = want[ledger.name], have[ledger.name]
        for key in sorted(set(wanted) | set(held), key=str):
            if wanted.get(key) != held.get(key):
                found.append(
                    f"{ledger.name} {key}: stored {held.get(key)}, recomputed {wanted.get(key)}"
                )
                if len(found) >= limit:
                    return found
    return found

"""Keeping the aggregates: a dossier's change replaces its old contribution by the new one in
the same transaction (``refresh``); ``rebuild`` recomputes everything from the dossiers and
``differences`` tells how what is stored differs from a recomputation.

A contribution is kept at day grain; it is rolled up into month and year rows when applied.
Deltas are applied in key order with ``INSERT … ON CONFLICT DO UPDATE`` (PostgreSQL and SQLite),
so two transactions touching the same row wait for each other instead of deadlocking, and rows
whose counts all fall to zero are deleted, so the stored tables equal a rebuild row for row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q

from motcua.agencies.models import Agency
from motcua.dossiers.models import Dossier
from motcua.worktime.selectors import get_calendar

from ..measurement import records
from . import bulk
from .contribution import Contribution, as_text, complaints, complaints_between, compute, plus
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

    @property
    def columns(self) -> tuple[str, ...]:
        return ("grain", "start", *self.key, *self.values)

    def _conflict(self) -> str:
        key = ", ".join(("grain", "start", *self.key))
        updates = ", ".join(f"{v} = {self.table}.{v} + excluded.{v}" for v in self.values)
        return f"ON CONFLICT ({key}) DO UPDATE SET {updates}"

    def upsert_sql(self) -> str:
        """One row per execution (SQLite's executemany)."""
        # Identifiers are constants of this module; values are always passed as parameters.
        marks = ", ".join(["%s"] * len(self.columns))
        return (
            f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks}) "  # noqa: S608
            + self._conflict()
        )

    def unnest_upsert_sql(self) -> str:
        """Every row in one statement, one array per column (PostgreSQL); the rows are inserted
        in the order of the arrays."""
        arrays = ", ".join(f"%s::{_array_type(self.model, c)}[]" for c in self.columns)
        return (
            f"INSERT INTO {self.table} ({', '.join(self.columns)}) "  # noqa: S608
            f"SELECT * FROM unnest({arrays}) " + self._conflict()
        )

    def all_zero(self) -> Q:
        return Q(**{value: 0 for value in self.values})


def _array_type(model, column: str) -> str:
    field = next(f for f in model._meta.concrete_fields if f.column == column)
    # Strings travel as text (assigned to the varchar columns); others as their column type.
    return "text" if field.get_internal_type() == "CharField" else field.db_type(connection)


FLOWS = Ledger("flows", FlowCount, FLOW_KEY, FLOW_VALUES)
STOCK = Ledger("stock", StockChange, STOCK_KEY, STOCK_VALUES)
LEDGERS = (FLOWS, STOCK)


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
            rows[key] = values if old is None else plus(old, values)
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
            target[key] = values if old is None else plus(old, values)


def merge(totals: dict[str, dict], more: dict[str, dict]) -> None:
    """Add the day-grain totals ``more`` (e.g. a worker's) into ``totals``."""
    for name, part in more.items():
        target = totals[name]
        for key, values in part.items():
            old = target.get(key)
            target[key] = values if old is None else plus(old, values)


def empty_totals() -> dict[str, dict]:
    return {ledger.name: {} for ledger in LEDGERS}


def refresh(dossier_ids: Iterable[int]) -> None:
    """Bring the aggregates up to date with the dossiers' current data. Call inside the
    transaction that changed them; the dossier rows are locked for the rest of it."""
    ids = sorted(set(dossier_ids))
    if not ids:
        return
    # No savepoint of its own: a failure here fails the change that sent the signal (the
    # receiver is called with ``send``, not ``send_robust``), or is the transaction itself.
    with transaction.atomic(savepoint=False):
        # A dossier never received counts nowhere and never did (``received_at`` is never
        # cleared), so a draft saved or a dossier submitted online costs this one query.
        has_counted = Exists(DossierContribution.objects.filter(pk=OuterRef("pk")))
        ids = list(
            Dossier.objects.select_for_update()
            .filter(Q(received_at__isnull=False) | has_counted, pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return
        if len(ids) > 1 and ids[-1] - ids[0] < 2 * len(ids):
            scope = {"pk__gte": ids[0], "pk__lte": ids[-1]}  # a range scan for a dense chunk
        else:
            scope = {"pk__in": ids}
        stored = {
            pk: Contribution.from_json(flows, stock)
            for pk, flows, stock in DossierContribution.objects.filter(**scope).values_list(
                "pk", "flows", "stock"
            )
        }
        complained = complaints(ids)
        memo: dict = {}
        delta = empty_totals()
        changed = []
        for dossier in records.load(Dossier.objects.filter(pk__in=ids).order_by("pk")):
            new = compute(dossier, _calendar(dossier, memo), complaint=dossier.pk in complained)
            old = stored.get(dossier.pk, Contribution.empty())
            if new == old:
                continue
            _accumulate(delta, old, negate=True)
            _accumulate(delta, new)
            changed.append((dossier.pk, new))
        _store_contributions(changed)
        _apply(delta)


def _store_contributions(changed: list[tuple[int, Contribution]]) -> None:
    """Insert or replace the contributions, in dossier order, in one statement."""
    if not changed:
        return
    table = DossierContribution._meta.db_table
    ids, flows, stock = [], [], []
    for pk, contribution in changed:
        flows_json, stock_json = contribution.as_json()
        ids.append(pk)
        flows.append(as_text(flows_json))
        stock.append(as_text(stock_json))
    upsert = "ON CONFLICT (dossier_id) DO UPDATE SET flows = excluded.flows, stock = excluded.stock"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                # bandit B608 is wrong here: table names from model metadata; values are parameters.
                f"INSERT INTO {table} (dossier_id, flows, stock) "  # noqa: S608  # nosec B608
                "SELECT d, f::jsonb, s::jsonb FROM unnest(%s::bigint[], %s::text[], %s::text[]) "
                f"AS u(d, f, s) {upsert}",
                [ids, flows, stock],
            )
        else:
            cursor.executemany(
                # bandit B608 is wrong here: table names from model metadata; values are parameters.
                f"INSERT INTO {table} (dossier_id, flows, stock) VALUES (%s, %s, %s) {upsert}",  # noqa: S608  # nosec B608
                list(zip(ids, flows, stock, strict=True)),
            )


def _apply(delta: dict[str, dict]) -> None:
    with connection.cursor() as cursor:
        for ledger in LEDGERS:
            rows = rolled_up(delta[ledger.name])
            if not rows:
                continue
            # In key order, so that two transactions touching the same rows lock them in the same
            # order and wait for each other instead of deadlocking.
            ordered = [(*key, *values) for key, values in sorted(rows.items())]
            if connection.vendor == "postgresql":
                cursor.execute(
                    ledger.unnest_upsert_sql(), [list(c) for c in zip(*ordered, strict=True)]
                )
            else:
                cursor.executemany(ledger.upsert_sql(), ordered)
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


def chunks(
    chunk_size: int = 2000, *, after: int = 0, upto: int | None = None
) -> Iterator[list[tuple[int, Contribution]]]:
    """The contributions of the accepted dossiers with ids in (``after``, ``upto``], computed
    afresh, in id order, ``chunk_size`` dossiers at a time (six queries a chunk)."""
    memo: dict = {}
    last = after
    while True:
        qs = records.accepted().filter(pk__gt=last)
        if upto is not None:
            qs = qs.filter(pk__lte=upto)
        chunk = records.load(qs.order_by("pk")[:chunk_size])
        if not chunk:
            return
        complained = complaints_between(chunk[0].pk, chunk[-1].pk)
        yield [(d.pk, compute(d, _calendar(d, memo), complaint=d.pk in complained)) for d in chunk]
        last = chunk[-1].pk


def recompute(chunk_size: int = 2000) -> Iterator[tuple[int, Contribution]]:
    """Every accepted dossier's contribution computed afresh, in id order."""
    for chunk in chunks(chunk_size):
        yield from chunk


def totals(contributions: Iterable[tuple[int, Contribution]]) -> dict[str, dict]:
    """Sum contributions into the rows of every table: ledger name → key → counts."""
    daily = empty_totals()
    for _pk, contribution in contributions:
        _accumulate(daily, contribution)
    return {name: rolled_up(part) for name, part in daily.items()}


def add_to(daily: dict[str, dict], chunk: list[tuple[int, Contribution]]) -> None:
    """Add a chunk's contributions to day-grain totals."""
    for _pk, contribution in chunk:
        _accumulate(daily, contribution)


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


def rebuild(*, chunk_size: int = 2000, workers: int = 1, progress=None) -> tuple[int, int, int]:
    """Recompute every dossier's contribution and the tables from scratch, in one transaction:
    a failure (of any worker) rolls everything back to the tables as they were. ``workers`` > 1
    (PostgreSQL only) computes the dossiers in that many processes, by ranges of ids, while
    this one writes their contributions and, last, the tables from the summed totals.
    Returns (dossiers, flow rows, stock rows)."""
    if workers > 1 and connection.vendor != "postgresql":
        raise ValueError("A rebuild in several processes needs PostgreSQL.")
    with transaction.atomic():
        bulk.clear([*(ledger.table for ledger in LEDGERS), DossierContribution._meta.db_table])
        daily = empty_totals()
        count = 0
        writer = bulk.ContributionWriter()
        if workers > 1:
            count = bulk.in_processes(workers, chunk_size, writer, daily, progress)
        else:
            for chunk in chunks(chunk_size):
                writer.write(chunk)
                add_to(daily, chunk)
                count += len(chunk)
                if progress:
                    progress(count)
        sizes = []
        for ledger in LEDGERS:
            rows = rolled_up(daily[ledger.name])
            bulk.write_rows(ledger, rows)
            sizes.append(len(rows))
        bulk.checks_deferred()
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

"""Reading the aggregates for an agency subtree and a period: three grouped queries — the
dossiers open at the period start (carried over), the receipts and ends during the period, and
the dossiers open at the measuring moment (the period end, or now for a period not yet ended:
``Period.measured_at``, then corrected by ``intraday``) — each over whole years, whole months and
the days at the edges (``cover``), so the rows read follow the number of keys, not the number of
dossiers."""

from __future__ import annotations

import datetime
from dataclasses import astuple, dataclass
from functools import cached_property

from django.db import connections
from django.db.models import Q, Sum

from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion

from ..common.periods import Period
from . import intraday
from .models import (
    FLOW_KEY,
    FLOW_VALUES,
    STOCK_KEY,
    STOCK_VALUES,
    Flow,
    FlowCount,
    Grain,
    StockChange,
)

DAY = datetime.timedelta(days=1)
BEGINNING = datetime.date(1, 1, 1)


@dataclass(frozen=True)
class FlowRow:
    unit_id: int
    version_id: int
    channel: str
    flow: str
    outcome: str
    punctuality: str
    rules_id: int
    dossiers: int
    resolved_micros: int
    fee: int
    paid_online: int
    fee_paid_online: int
    digitized: int
    digitized_e_missing: int
    e_missing: int
    reused: int
    shared: int
    population: int
    has_result: int
    complaint: int


@dataclass(frozen=True)
class StockRow:
    unit_id: int
    version_id: int
    channel: str
    state: str
    rules_id: int
    dossiers: int
    complaint: int


@dataclass(frozen=True)
class VersionInfo:
    procedure_id: int
    procedure_code: str
    name: str
    field_code: str
    field_name: str
    result_is_document: bool
    online_level: str
    full_online_eligible: bool


@dataclass
class Tally:
    period: Period
    flows: list[FlowRow]
    at_start: list[StockRow]  # open at the period's first instant: carried over
    at_end: list[StockRow]  # open at the measuring moment (``Period.measured_at``)
    units: dict[int, str]
    versions: dict[int, VersionInfo]

    @cached_property
    def received(self) -> list[FlowRow]:
        return [r for r in self.flows if r.flow == Flow.RECEIVED]

    @cached_property
    def finished(self) -> list[FlowRow]:
        return [r for r in self.flows if r.flow == Flow.FINISHED]


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _whole(first, last, start_of, after) -> tuple[datetime.date, datetime.date]:
    """The first start of a whole unit (month or year) inside [first, last], and the start of
    the unit after the last whole one; equal when no whole unit fits."""
    lo = first if start_of(first) == first else after(first)
    hi = after(last) if after(last) - DAY == last else start_of(last)
    return lo, max(lo, hi)


def _months_and_days(first, last) -> list[tuple[str, datetime.date, datetime.date]]:
    if first > last:
        return []
    lo, hi = _whole(first, last, lambda d: d.replace(day=1), _next_month)
    if lo == hi:
        return [(Grain.DAY, first, last)]
    segments = []
    if first < lo:
        segments.append((Grain.DAY, first, lo - DAY))
    segments.append((Grain.MONTH, lo, (hi - DAY).replace(day=1)))
    if hi <= last:
        segments.append((Grain.DAY, hi, last))
    return segments


def cover(
    first: datetime.date, last: datetime.date
) -> list[tuple[str, datetime.date, datetime.date]]:
    """The days ``first`` … ``last`` as (grain, first start, last start) segments: the whole
    years inside, then the whole months inside what is left, then the days at the edges."""
    if first > last:
        return []
    lo, hi = _whole(
        first,
        last,
        lambda d: d.replace(month=1, day=1),
        lambda d: datetime.date(d.year + 1, 1, 1),
    )
    if lo == hi:
        return _months_and_days(first, last)
    return [
        *(_months_and_days(first, lo - DAY) if first < lo else []),
        (Grain.YEAR, lo, datetime.date(hi.year - 1, 1, 1)),
        *_months_and_days(hi, last),
    ]


def _within(segments) -> Q:
    condition = Q(pk__in=[])
    for grain, first, last in segments:
        condition |= Q(grain=grain, start__gte=first, start__lte=last)
    return condition


def _scope(model, agency: Agency, field_code):
    qs = model.objects.filter(unit__path__startswith=agency.path)
    if field_code:
        qs = qs.filter(procedure_version__field__code=field_code)
    return qs


# Read without the unit and the rule set (the 766 index needs neither): one row per version
# instead of one per unit executing it.
PER_VERSION = frozenset({"unit_id", "rules_id"})
# A row's key, in its fields' order (its counts follow).
_KEYS = {FlowRow: FLOW_KEY, StockRow: STOCK_KEY}


def _grouped(qs, key, values, *, per_unit: bool) -> list[tuple]:
    """Σ ``values`` per ``key`` as full-key tuples (unit and rule set 0 unless ``per_unit``).
    Run on the database cursor: tens of thousands of plain integer rows, no per-value ORM
    conversion."""
    kept = key if per_unit else tuple(k for k in key if k not in PER_VERSION)
    sql, params = (
        qs.values_list(*kept)
        .annotate(**{f"sum_{v}": Sum(v) for v in values})
        .order_by()
        .query.sql_with_params()
    )
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    width = len(kept)
    if per_unit:
        rows = ((*row[:width], *map(int, row[width:])) for row in fetched)
    else:
        at = {name: i for i, name in enumerate(kept)}
        rows = (
            (
                *(row[at[k]] if k in at else 0 for k in key),
                *map(int, row[width:]),
            )
            for row in fetched
        )
    return [row for row in rows if any(row[len(key) :])]


def stock_at(
    agency: Agency, day: datetime.date, *, field_code=None, per_unit: bool = True
) -> list[StockRow]:
    """The dossiers of the subtree in each open state at the first instant of ``day``: the sum
    of every change up to that day."""
    qs = _scope(StockChange, agency, field_code).filter(_within(cover(BEGINNING, day)))
    return [StockRow(*row) for row in _grouped(qs, STOCK_KEY, STOCK_VALUES, per_unit=per_unit)]


def open_at(
    agency: Agency, moment: datetime.datetime, *, field_code=None, per_unit: bool = True
) -> list[StockRow]:
    """The dossiers of the subtree in each open state at ``moment``: the stock at a midnight as
    stored, or — inside a day, the measuring moment of a period not yet ended — the stock at the
    next midnight corrected by the dossiers whose state differs between the two
    (``intraday``)."""
    midnight = intraday.next_midnight(moment)
    if moment == midnight - DAY:
        return stock_at(agency, midnight.date() - DAY, field_code=field_code, per_unit=per_unit)
    rows = stock_at(agency, midnight.date(), field_code=field_code, per_unit=per_unit)
    delta = intraday.corrections(agency, moment, field_code=field_code, per_unit=per_unit)
    if not delta:
        return rows
    counts = {
        (r.unit_id, r.version_id, r.channel, r.state, r.rules_id): (r.dossiers, r.complaint)
        for r in rows
    }
    for key, (dossiers, complaint) in delta.items():
        held = counts.get(key, (0, 0))
        counts[key] = (held[0] + dossiers, held[1] + complaint)
    return [StockRow(*key, *values) for key, values in counts.items() if any(values)]


def load(
    agency: Agency, period: Period, *, field_code: str | None = None, per_unit: bool = True
) -> Tally:
    """``per_unit=False``: rows per procedure version, not per unit and rule set (their
    ``unit_id`` and ``rules_id`` are 0) — what the 766 index reads."""
    qs = _scope(FlowCount, agency, field_code).filter(_within(cover(period.start, period.end)))
    flows = [FlowRow(*row) for row in _grouped(qs, FLOW_KEY, FLOW_VALUES, per_unit=per_unit)]
    at_start = stock_at(agency, period.start, field_code=field_code, per_unit=per_unit)
    at_end = open_at(agency, period.measured_at(), field_code=field_code, per_unit=per_unit)
    everything = [*flows, *at_start, *at_end]
    unit_ids = {r.unit_id for r in everything}
    version_ids = {r.version_id for r in everything}
    # Rows read per version carry unit id 0 (they sum every unit): there is no unit to name.
    units = (
        dict(Agency.objects.filter(pk__in=unit_ids).values_list("pk", "name")) if per_unit else {}
    )
    versions = {
        v.pk: VersionInfo(
            procedure_id=v.procedure_id,
            procedure_code=v.procedure.code,
            name=v.name,
            field_code=v.field.code if v.field_id else "",
            field_name=v.field.name if v.field_id else "",
            result_is_document=v.result_is_document,
            online_level=v.online_level,
            full_online_eligible=v.full_online_eligible,
        )
        for v in ProcedureVersion.objects.filter(pk__in=version_ids).select_related(
            "field", "procedure"
        )
    }
    return Tally(period, flows, at_start, at_end, units, versions)


def per_version(counted: Tally) -> Tally:
    """A tally read per unit (``load``'s default) summed over its units and rule sets: what
    ``load(..., per_unit=False)`` reads, without reading it again — for a period not yet ended
    a read measures the open dossiers now (``intraday``), the costly part of a manager's page.
    A key read per unit is there whenever it is there per version and the other way round (a
    group exists when a row of the key does), and the counts are sums, so the rows are the same
    (their order aside)."""

    def summed(rows, row_type):
        names = _KEYS[row_type]
        width = len(names)
        totals: dict[tuple, list[int]] = {}
        for row in rows:
            values = astuple(row)
            key = tuple(
                0 if name in PER_VERSION else value
                for name, value in zip(names, values[:width], strict=True)
            )
            held = totals.setdefault(key, [0] * (len(values) - width))
            for i, number in enumerate(values[width:]):
                held[i] += number
        return [row_type(*key, *numbers) for key, numbers in totals.items()]

    return Tally(
        counted.period,
        summed(counted.flows, FlowRow),
        summed(counted.at_start, StockRow),
        summed(counted.at_end, StockRow),
        {},
        counted.versions,
    )


def split(counted: Tally, roots: list[Agency]) -> dict[int, Tally]:
    """The aggregates of a subtree read once, cut into those of each of ``roots`` (disjoint
    subtrees inside it, e.g. the child units of a ranking): root id → its tally."""
    paths = dict(Agency.objects.filter(pk__in=counted.units).values_list("pk", "path"))
    owner = {}
    for unit_id, path in paths.items():
        for root in roots:
            if path.startswith(root.path):
                owner[unit_id] = root.pk
                break
    parts = {
        root.pk: Tally(counted.period, [], [], [], counted.units, counted.versions)
        for root in roots
    }
    for name in ("flows", "at_start", "at_end"):
        for row in getattr(counted, name):
            root = owner.get(row.unit_id)
            if root is not None:
                getattr(parts[root], name).append(row)
    return parts


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    flow: str
    outcome: str
    punctuality: str
    dossiers: int


def daily(agency: Agency, period: Period) -> list[DayRow]:
    """Receipts and ends of the subtree per day of the period (for the weekly series)."""
    rows = (
        FlowCount.objects.filter(
            unit__path__startswith=agency.path,
            grain=Grain.DAY,
            start__gte=period.start,
            start__lte=period.end,
        )
        .values("start", "flow", "outcome", "punctuality")
        .annotate(n=Sum("dossiers"))
        .order_by()
    )
    return [DayRow(r["start"], r["flow"], r["outcome"], r["punctuality"], r["n"]) for r in rows]

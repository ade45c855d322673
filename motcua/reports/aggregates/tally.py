"""Reading the aggregates for an agency subtree and a period: three grouped queries — the
dossiers open at the period start (carried over), the receipts and ends during the period, and
the dossiers open at the period end — whatever the number of dossiers behind them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, Sum

from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion

from ..periods import Period
from .models import DailyFlow, Flow, MonthlyFlow, StateSpan


@dataclass(frozen=True)
class FlowRow:
    unit_id: int
    version_id: int
    channel: str
    flow: str
    outcome: str
    punctuality: str
    flags: int
    rules_id: int
    dossiers: int
    resolved_micros: int


@dataclass(frozen=True)
class StockRow:
    unit_id: int
    version_id: int
    channel: str
    state: str
    flags: int
    rules_id: int
    dossiers: int


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
    at_end: list[StockRow]  # open at the first instant after the period
    units: dict[int, str]
    versions: dict[int, VersionInfo]

    @cached_property
    def received(self) -> list[FlowRow]:
        return [r for r in self.flows if r.flow == Flow.RECEIVED]

    @cached_property
    def finished(self) -> list[FlowRow]:
        return [r for r in self.flows if r.flow == Flow.FINISHED]


FLOW_KEY = (
    "unit_id",
    "procedure_version_id",
    "channel",
    "flow",
    "outcome",
    "punctuality",
    "flags",
    "rules_id",
)
STOCK_KEY = ("unit_id", "procedure_version_id", "channel", "state", "flags", "rules_id")


def _stock(qs, day: datetime.date) -> list[StockRow]:
    rows = (
        qs.filter(since__lt=day, until__gte=day)
        .values_list(*STOCK_KEY)
        .annotate(n=Sum("dossiers"))
        .order_by()
    )
    return [StockRow(*row) for row in rows if row[-1]]


def month_cover(period: Period) -> tuple[tuple[datetime.date, datetime.date] | None, list]:
    """The whole calendar months inside the period (first and last month start, or None) and
    the day ranges at its edges outside them."""
    first = period.start if period.start.day == 1 else _next_month(period.start)
    after = period.end + datetime.timedelta(days=1)
    last_end = after.replace(day=1)  # the start of the month after the last whole month
    if first >= last_end:
        return None, [(period.start, period.end)]
    edges = []
    if period.start < first:
        edges.append((period.start, first - datetime.timedelta(days=1)))
    if last_end < after:
        edges.append((last_end, period.end))
    return (first, _previous_month(last_end)), edges


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _previous_month(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


def _flows(model, period_field: str, ranges, agency: Agency, field_code) -> list:
    qs = model.objects.filter(unit__path__startswith=agency.path)
    if field_code:
        qs = qs.filter(procedure_version__field__code=field_code)
    condition = Q()
    for first, last in ranges:
        condition |= Q(**{f"{period_field}__gte": first, f"{period_field}__lte": last})
    return list(
        qs.filter(condition)
        .values_list(*FLOW_KEY)
        .annotate(n=Sum("dossiers"), micros=Sum("resolved_micros"))
        .order_by()
    )


def load(agency: Agency, period: Period, *, field_code: str | None = None) -> Tally:
    """Whole months from ``MonthlyFlow``, the days at the edges from ``DailyFlow``."""
    months, edges = month_cover(period)
    rows = []
    if months:
        rows += _flows(MonthlyFlow, "month", [months], agency, field_code)
    if edges:
        rows += _flows(DailyFlow, "day", edges, agency, field_code)
    summed: dict = {}
    for *key, n, micros in rows:
        old = summed.get(tuple(key), (0, 0))
        summed[tuple(key)] = (old[0] + n, old[1] + (micros or 0))
    flows = [FlowRow(*key, n, micros) for key, (n, micros) in summed.items() if n]
    spans_qs = StateSpan.objects.filter(unit__path__startswith=agency.path)
    if field_code:
        spans_qs = spans_qs.filter(procedure_version__field__code=field_code)
    at_start = _stock(spans_qs, period.start)
    at_end = _stock(spans_qs, period.end + datetime.timedelta(days=1))
    everything = [*flows, *at_start, *at_end]
    unit_ids = {r.unit_id for r in everything}
    version_ids = {r.version_id for r in everything}
    units = dict(Agency.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
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
        DailyFlow.objects.filter(
            unit__path__startswith=agency.path, day__gte=period.start, day__lte=period.end
        )
        .values("day", "flow", "outcome", "punctuality")
        .annotate(n=Sum("dossiers"))
    )
    return [DayRow(r["day"], r["flow"], r["outcome"], r["punctuality"], r["n"]) for r in rows]

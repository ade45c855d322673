"""Reading the aggregates for an agency subtree and a period: three grouped queries — the
dossiers open at the period start (carried over), the receipts and ends during the period, and
the dossiers open at the period end — whatever the number of dossiers behind them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum

from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion

from ..periods import Period
from .models import DailyFlow, StateSpan


@dataclass(frozen=True)
class FlowRow:
    unit_id: int
    version_id: int
    channel: str
    flow: str
    outcome: str
    punctuality: str
    flags: int
    dossiers: int
    resolved_micros: int


@dataclass(frozen=True)
class StockRow:
    unit_id: int
    version_id: int
    channel: str
    state: str
    flags: int
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


def _stock(qs, day: datetime.date) -> list[StockRow]:
    rows = (
        qs.filter(since__lt=day, until__gte=day)
        .values("unit_id", "procedure_version_id", "channel", "state", "flags")
        .annotate(n=Sum("dossiers"))
    )
    return [
        StockRow(
            r["unit_id"], r["procedure_version_id"], r["channel"], r["state"], r["flags"], r["n"]
        )
        for r in rows
        if r["n"]
    ]


def load(agency: Agency, period: Period, *, field_code: str | None = None) -> Tally:
    flows_qs = DailyFlow.objects.filter(unit__path__startswith=agency.path)
    spans_qs = StateSpan.objects.filter(unit__path__startswith=agency.path)
    if field_code:
        flows_qs = flows_qs.filter(procedure_version__field__code=field_code)
        spans_qs = spans_qs.filter(procedure_version__field__code=field_code)
    flow_rows = (
        flows_qs.filter(day__gte=period.start, day__lte=period.end)
        .values(
            "unit_id",
            "procedure_version_id",
            "channel",
            "flow",
            "outcome",
            "punctuality",
            "flags",
        )
        .annotate(n=Sum("dossiers"), micros=Sum("resolved_micros"))
    )
    flows = [
        FlowRow(
            r["unit_id"],
            r["procedure_version_id"],
            r["channel"],
            r["flow"],
            r["outcome"],
            r["punctuality"],
            r["flags"],
            r["n"],
            r["micros"] or 0,
        )
        for r in flow_rows
        if r["n"]
    ]
    at_start = _stock(spans_qs, period.start)
    at_end = _stock(spans_qs, period.end + datetime.timedelta(days=1))
    rows = [*flows, *at_start, *at_end]
    unit_ids = {r.unit_id for r in rows}
    version_ids = {r.version_id for r in rows}
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

"""Series for the manager dashboards: per week (received, processed, processed on time) and the
on-time rate per procedure — from the daily aggregates (``weekly_counts``, ``procedure_counts``)
or from the facts of a period (``weekly``, ``by_procedure``); tests hold the two equal. With the
same period a year earlier (``compare_procedures``), each procedure's rate is paired by its code
with its rate of ``procedure_counts`` computed for the shifted period."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from motcua.dossiers.constants import Outcome
from motcua.worktime.constants import Punctuality

from ..aggregates import tally as tally_module
from ..aggregates.models import Flow
from ..common.compare import Compared, compare
from ..common.periods import Period
from ..constants import Bucket
from ..index766.scoring import ratio


@dataclass
class WeekPoint:
    period: Period
    received: int
    processed: int
    on_time: int

    @property
    def on_time_rate(self):
        return ratio(self.on_time, self.processed)


@dataclass
class ProcedurePoint:
    code: str
    name: str
    processed: int
    on_time: int

    @property
    def on_time_rate(self):
        return ratio(self.on_time, self.processed)


def _processed(fact) -> bool:
    return fact.bucket == Bucket.PROCESSED


def weekly(facts, period: Period) -> list[WeekPoint]:
    points = []
    for week in period.weeks():
        received = sum(1 for f in facts if week.contains(f.received_at))
        done = [f for f in facts if _processed(f) and week.contains(f.finished_at)]
        on_time = sum(1 for f in done if f.punctuality != Punctuality.LATE)
        points.append(WeekPoint(week, received, len(done), on_time))
    return points


def by_procedure(facts) -> list[ProcedurePoint]:
    totals: dict[str, list] = defaultdict(lambda: ["", 0, 0])
    for fact in facts:
        if not _processed(fact):
            continue
        row = totals[fact.procedure_code]
        row[0] = fact.procedure_name
        row[1] += 1
        row[2] += fact.punctuality != Punctuality.LATE
    return sorted(
        (ProcedurePoint(code, name, n, ok) for code, (name, n, ok) in totals.items()),
        key=lambda p: (p.on_time_rate, p.code),
    )


def weekly_counts(agency, period: Period) -> list[WeekPoint]:
    """``weekly`` from the daily aggregates: one grouped query."""
    days = tally_module.daily(agency, period)
    points = []
    for week in period.weeks():
        rows = [r for r in days if week.start <= r.day <= week.end]
        received = sum(r.dossiers for r in rows if r.flow == Flow.RECEIVED)
        done = [r for r in rows if r.flow == Flow.FINISHED and r.outcome != Outcome.STOPPED]
        on_time = sum(r.dossiers for r in done if r.punctuality != Punctuality.LATE)
        points.append(WeekPoint(week, received, sum(r.dossiers for r in done), on_time))
    return points


def procedure_counts(counted: tally_module.Tally) -> list[ProcedurePoint]:
    """``by_procedure`` from the aggregates of the period."""
    totals: dict[str, list] = defaultdict(lambda: ["", 0, 0])
    for r in counted.flows:
        if r.flow != Flow.FINISHED or r.outcome == Outcome.STOPPED:
            continue
        version = counted.versions[r.version_id]
        row = totals[version.procedure_code]
        row[0] = version.name
        row[1] += r.dossiers
        row[2] += r.dossiers if r.punctuality != Punctuality.LATE else 0
    return sorted(
        (ProcedurePoint(code, name, n, ok) for code, (name, n, ok) in totals.items()),
        key=lambda p: (p.on_time_rate, p.code),
    )


def compare_procedures(
    points: list[ProcedurePoint], prior: list[ProcedurePoint]
) -> list[tuple[ProcedurePoint, Compared]]:
    """Each of ``points`` with its on-time rate beside the rate of the procedure with the same
    code in ``prior`` (difference in percentage points); ``Compared(None, None)`` when the
    procedure had no processed dossier in the prior period. Procedures only in ``prior`` are
    left out: the table lists the chosen period's procedures."""
    rates = {p.code: p.on_time_rate for p in prior}
    return [
        (p, compare(p.on_time_rate, rates[p.code], percent=True))
        if p.code in rates
        else (p, Compared(None, None, percent=True))
        for p in points
    ]

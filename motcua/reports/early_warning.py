"""Early warning (cảnh báo sớm): open dossiers that will become late within N working hours under
the statistical rule of Decision 766, grouped by the unit holding them and the officer assigned."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from motcua.dossiers.constants import PROCESSING
from motcua.dossiers.models import Dossier
from motcua.worktime import clock as wt
from motcua.worktime import pauses as wt_pauses
from motcua.worktime.constants import DurationUnit, PauseReason
from motcua.worktime.selectors import get_calendar


@dataclass
class Warning:
    code: str
    procedure: str
    unit: str
    officer: str
    due_at: datetime.datetime
    hours_left: Decimal


@dataclass
class WarningGroup:
    unit: str
    officer: str
    dossiers: list[Warning]


def at_risk(agency, *, hours: int | Decimal = 8, now: datetime.datetime | None = None):
    """Open dossiers of ``agency``'s subtree, not yet late, whose statistical due time falls
    within ``hours`` working hours from ``now``, soonest first."""
    now = now or timezone.now()
    qs = (
        Dossier.objects.filter(
            resolving_agency__path__startswith=agency.path,
            status__in=PROCESSING,
            original_due_at__isnull=False,
        )
        .select_related("holder", "assignee", "resolving_agency", "procedure_version", "rules")
        .prefetch_related("pauses")
    )
    calendars: dict[int, object] = {}
    found = []
    for dossier in qs:
        calendar = calendars.get(dossier.resolving_agency_id)
        if calendar is None:
            calendar = calendars[dossier.resolving_agency_id] = get_calendar(
                dossier.resolving_agency
            )
        pauses = [
            wt_pauses.Pause(start=p.started_at, end=p.ended_at, reason=PauseReason(p.reason))
            for p in dossier.pauses.all()
        ]
        supplements = sum(1 for p in pauses if p.reason == PauseReason.SUPPLEMENT)
        if supplements > dossier.rules.max_supplements_on_time:
            continue  # already counted late, whatever happens now
        due = wt_pauses.shift_due_by_pauses(dossier.original_due_at, pauses, calendar, as_of=now)
        if due <= now:
            continue
        limit = wt.add_working_time(now, Decimal(hours), DurationUnit.WORKING_HOURS, calendar)
        if due > limit:
            continue
        found.append(
            Warning(
                code=dossier.code or "",
                procedure=dossier.procedure_version.name,
                unit=dossier.holder.name,
                officer=dossier.assignee.get_full_name() if dossier.assignee else "",
                due_at=timezone.localtime(due),
                hours_left=wt.working_time_between(now, due, calendar),
            )
        )
    return sorted(found, key=lambda w: w.due_at)


def grouped(warnings: list[Warning]) -> list[WarningGroup]:
    """The warnings per unit and officer."""
    groups: dict[tuple[str, str], list[Warning]] = defaultdict(list)
    for warning in warnings:
        groups[(warning.unit, warning.officer)].append(warning)
    return [WarningGroup(unit, officer, items) for (unit, officer), items in sorted(groups.items())]

"""Early warning (cảnh báo sớm): the one definition of "late", "about to be late" and "due today"
that the work queues' badges and filters, the officer's start page and the managers' report
share, so that every count of the same dossiers agrees.

- The due time is the one printed on every screen and on the receipt: the current appointment
  time (``Dossier.due_at``, ngày hẹn trả hiện tại), or, for a dossier filed online and not yet
  checked, the time by which the desk must answer (``intake_due_at``, 8 working hours,
  ND 45/2020).
- It runs while the agency has the dossier: filed online and waiting for the check, or accepted
  and in processing (``RUNNING``). A dossier waiting for the applicant (a supplement, a payment)
  is paused; one whose result is ready, finished or not yet filed is never warned about.
- Late: running and its due time has passed. About to be late: running and due between now and
  ``hours`` working hours from now (one working day by default) on the calendar of the agency
  looked at. Due today: running, not yet late and due before the end of the local day.

The national statistics' own reading of late (original due time moved by the pauses, more than
one supplement request counts late; ``dossiers.clock.statistical_punctuality``) is what the
periodic report and the 766 index count; a dossier may count late there before its current
appointment time passes (after a re-appointment or a supplement that restarted the deadline).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.constants import PAUSED, PROCESSING, Status
from motcua.dossiers.holding import holding
from motcua.dossiers.models import Dossier
from motcua.worktime import clock as wt
from motcua.worktime.constants import DurationUnit
from motcua.worktime.selectors import get_calendar
from motcua.worktime.workcalendar import WorkCalendar

# One working day (domain.md §5.2: 8 working hours), the managers' default as well.
WARNING_HOURS = 8
# Whose due time runs against the agency now.
RUNNING = frozenset(PROCESSING | {Status.SUBMITTED})
# Waiting for the applicant: before acceptance (ND 61/2018 Art. 17, no clock yet) or paused.
WAITING_FOR_APPLICANT = frozenset(PAUSED | {Status.INTAKE_SUPPLEMENT})


class Urgency:
    """What a dossier's due time says now; each is also a filter of the work queue."""

    OVERDUE = "overdue"
    SOON = "soon"
    TODAY = "today"
    PAUSED = "paused"
    OK = "ok"


@dataclass(frozen=True)
class Horizon:
    """``until`` is ``hours`` working hours after ``now`` on ``calendar``: computed once per page
    and compared with each row's stored due time, so a row costs no query."""

    now: datetime.datetime
    until: datetime.datetime
    hours: int
    calendar: WorkCalendar

    @property
    def end_of_day(self) -> datetime.datetime:
        start = timezone.localtime(self.now).replace(hour=0, minute=0, second=0, microsecond=0)
        return start + datetime.timedelta(days=1)


def horizon(
    agency=None,
    *,
    hours: int = WARNING_HOURS,
    now: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
) -> Horizon:
    """The horizon on ``agency``'s working calendar (the national one when None), or on
    ``calendar`` when the caller has it already."""
    now = now or timezone.now()
    calendar = calendar or get_calendar(agency)
    until = wt.add_working_time(now, Decimal(hours), DurationUnit.WORKING_HOURS, calendar)
    return Horizon(now=now, until=until, hours=hours, calendar=calendar)


def due_of(dossier: Dossier) -> datetime.datetime | None:
    """The due time shown for ``dossier``: its appointment time, else the desk's check time."""
    return dossier.due_at or dossier.intake_due_at


def urgency(dossier: Dossier, at: Horizon) -> str | None:
    """The row's state, most urgent first (late, about to be late, due today, within time), or
    paused, or None when its due time does not run. Reads only the row."""
    if dossier.status in WAITING_FOR_APPLICANT:
        return Urgency.PAUSED
    due = due_of(dossier)
    if dossier.status not in RUNNING or due is None:
        return None
    if due < at.now:
        return Urgency.OVERDUE
    if due <= at.until:
        return Urgency.SOON
    if due < at.end_of_day:
        return Urgency.TODAY
    return Urgency.OK


def _due_between(low: datetime.datetime | None, high: datetime.datetime, *, strict: bool) -> Q:
    """The shown due time (``due_of``) in [low, high] (or [low, high) when ``strict``)."""
    upper = "lt" if strict else "lte"
    processing = Q(**{"due_at__isnull": False, f"due_at__{upper}": high})
    checking = Q(**{"due_at__isnull": True, f"intake_due_at__{upper}": high})
    if low is not None:
        processing &= Q(due_at__gte=low)
        checking &= Q(intake_due_at__gte=low)
    return processing | checking


def condition(kind: str, at: Horizon) -> Q:
    """The SQL twin of ``urgency``: the dossiers for which ``kind`` holds. "Due today" keeps
    every dossier due later today, including those about to be late (a row's badge shows the
    more urgent of the two)."""
    if kind == Urgency.PAUSED:
        return Q(status__in=sorted(WAITING_FOR_APPLICANT))
    running = Q(status__in=sorted(RUNNING))
    if kind == Urgency.OVERDUE:
        return running & _due_between(None, at.now, strict=True)
    if kind == Urgency.SOON:
        return running & _due_between(at.now, at.until, strict=False)
    if kind == Urgency.TODAY:
        return running & _due_between(at.now, at.end_of_day, strict=True)
    raise ValueError(kind)


def working_time_text(micros: int) -> str:
    """Working time left, in hours and minutes ("1 giờ 30 phút")."""
    minutes = max(micros, 0) // 60_000_000
    hours, minutes = divmod(minutes, 60)
    if not hours and not minutes:
        return _("dưới 1 phút")
    parts = []
    if hours:
        parts.append(_("%(n)d giờ") % {"n": hours})
    if minutes:
        parts.append(_("%(n)d phút") % {"n": minutes})
    return " ".join(parts)


def time_left(dossier: Dossier, at: Horizon) -> str:
    """The working time until the dossier's due time, as words."""
    return working_time_text(wt.working_micros_between(at.now, due_of(dossier), at.calendar))


# --- The managers' list ----------------------------------------------------------------------


@dataclass
class Warning:
    code: str
    procedure: str
    unit: str
    officer: str
    due_at: datetime.datetime
    hours_left: Decimal
    left: str
    accepted: bool


@dataclass
class WarningGroup:
    unit: str
    officer: str
    dossiers: list[Warning]


def about_to_be_late(qs: QuerySet[Dossier], at: Horizon) -> QuerySet[Dossier]:
    return qs.filter(condition(Urgency.SOON, at))


def at_risk(
    agency, *, hours: int = WARNING_HOURS, now: datetime.datetime | None = None
) -> list[Warning]:
    """Dossiers resolved in ``agency``'s subtree that are about to be late, soonest first, each
    with who holds it now."""
    at = horizon(agency, hours=hours, now=now)
    qs = (
        about_to_be_late(Dossier.objects.filter(resolving_agency__path__startswith=agency.path), at)
        .select_related("holder", "procedure_version")
        .prefetch_related("steps__assignee")
    )
    found = []
    for dossier in qs:
        due = due_of(dossier)
        held = holding(dossier)
        found.append(
            Warning(
                code=dossier.code or "",
                procedure=dossier.procedure_version.name,
                unit=dossier.holder.name,
                officer="; ".join(str(h) for h in held.holders),
                due_at=timezone.localtime(due),
                hours_left=wt.working_time_between(at.now, due, at.calendar),
                left=time_left(dossier, at),
                accepted=dossier.received_at is not None,
            )
        )
    return sorted(found, key=lambda w: (w.due_at, w.code))


def grouped(warnings: list[Warning]) -> list[WarningGroup]:
    """The warnings per unit and the people holding them."""
    groups: dict[tuple[str, str], list[Warning]] = defaultdict(list)
    for warning in warnings:
        groups[(warning.unit, warning.officer)].append(warning)
    return [WarningGroup(unit, officer, items) for (unit, officer), items in sorted(groups.items())]

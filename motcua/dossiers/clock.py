"""The dossier's clock under both rules (domain.md §4.5, §5.5), derived from stored columns and
pause intervals, at any instant.

- Legal rule: the current due time (``Dossier.due_at``) — restarted after a completed supplement
  when the rule set says so, moved by a re-appointment. On time iff finished by it.
- Statistical rule (Decision 766): the original due time moved later by the working time paused
  for the applicant; more supplement requests than the rule set allows count late; a dossier
  waiting for the applicant is measured at its request time; open ones at the instant asked.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from django.utils import timezone

from motcua.worktime import clock as wt
from motcua.worktime import explain as wt_explain
from motcua.worktime import pauses as wt_pauses
from motcua.worktime.constants import DurationUnit, ExplanationKind, PauseReason, Punctuality
from motcua.worktime.punctuality import classify_finish
from motcua.worktime.selectors import get_calendar
from motcua.worktime.workcalendar import WorkCalendar

from .constants import NOT_YET_ACCEPTED
from .models import Dossier, DossierStep


def calendar_of(dossier: Dossier) -> WorkCalendar:
    """The working calendar of the agency that resolves the dossier."""
    return get_calendar(dossier.resolving_agency)


def quota_hours(amount: Decimal, unit: str) -> Decimal:
    """A working-time amount in working hours (1 day = 8 hours); calendar units have no
    working-hour equivalent and count 0 (their steps are measured in days)."""
    if unit in wt.WORKING_UNITS:
        return wt.micros_to_hours(wt.working_micros(amount, unit))
    return Decimal(0)


def pauses_of(dossier: Dossier) -> list[wt_pauses.Pause]:
    return [
        wt_pauses.Pause(start=p.started_at, end=p.ended_at, reason=PauseReason(p.reason))
        for p in dossier.pauses.all()
    ]


def supplement_count(dossier: Dossier) -> int:
    return sum(1 for p in dossier.pauses.all() if p.reason == PauseReason.SUPPLEMENT)


def statistical_due(dossier: Dossier, *, as_of: datetime.datetime | None = None):
    """The original due time moved by the working time paused (766 rule)."""
    if dossier.original_due_at is None:
        return None
    return wt_pauses.shift_due_by_pauses(
        dossier.original_due_at,
        pauses_of(dossier),
        calendar_of(dossier),
        as_of=as_of or timezone.now(),
    )


def legal_punctuality(
    dossier: Dossier,
    *,
    as_of: datetime.datetime | None = None,
    calendar: WorkCalendar | None = None,
):
    """Early / on time / late under the legal rule, at ``as_of`` for an open dossier; None
    before acceptance. ``calendar`` is ``calendar_of(dossier)`` when the caller has it."""
    if dossier.status in NOT_YET_ACCEPTED or dossier.due_at is None:
        return None
    finish = dossier.finished_at or as_of or timezone.now()
    return classify_finish(finish, dossier.due_at, calendar or calendar_of(dossier))


def statistical_punctuality(dossier: Dossier, *, as_of: datetime.datetime | None = None):
    """Early / on time / late as the national statistics count it; None before acceptance."""
    if dossier.status in NOT_YET_ACCEPTED or dossier.original_due_at is None:
        return None
    return wt_pauses.statistical_punctuality(
        dossier.finished_at,
        dossier.original_due_at,
        pauses_of(dossier),
        calendar_of(dossier),
        as_of=as_of or timezone.now(),
        max_supplement_requests=dossier.rules.max_supplements_on_time,
    )


def step_punctuality(step: DossierStep, calendar: WorkCalendar) -> Punctuality | None:
    """A finished step against its quota (Form 05: trước hạn / đúng hạn / quá hạn)."""
    if step.finished_at is None or step.worked_hours is None:
        return None
    if step.worked_hours > step.quota_hours:
        return Punctuality.LATE
    if step.worked_hours < step.quota_hours:
        return Punctuality.EARLY
    return Punctuality.ON_TIME


def end_of_working_day(moment: datetime.datetime, calendar: WorkCalendar) -> datetime.datetime:
    """The end of the last session of ``moment``'s working day (for same-day procedures)."""
    day = wt.local(moment, calendar).date()
    sessions = calendar.sessions_on(day)
    if not sessions:
        return wt.next_working_instant(moment, calendar)
    return datetime.datetime.combine(day, sessions[-1].end, tzinfo=calendar.tz)


def appointment(
    term,
    cutoff,
    calendar: WorkCalendar,
    at: datetime.datetime,
    *,
    restart: bool = False,
):
    """The appointment time (ngày hẹn trả) of a dossier received at ``at`` under a channel
    ``term``, explained: the time limit counted in working time after the cut-off, or for a
    same-day procedure the end of the (effective) receipt day (ND 23/2015 Art. 21).

    ``restart``: the supplement after appraisal was completed at ``at`` and the time limit runs
    again from zero (ND 61/2018 Art. 19 §4), so the dossier gets the appointment a new receipt
    at that instant would get — for a same-day procedure the end of that working day, or of the
    next one after the cut-off, never the completion instant itself.

    The one computation behind the receipt, the restart and every preview shown before
    confirming."""
    if term.same_day:
        result = wt_explain.compute_due(at, 0, DurationUnit.WORKING_DAYS, calendar, cutoff=cutoff)
        due = end_of_working_day(result.counting_from, calendar)
        # Said as the same-day rule, not as "a time limit of 0 working days" (issue #14).
        same_day = wt_explain.ExplanationItem(
            ExplanationKind.SAME_DAY, {"start": result.counting_from, "due": due}
        )
        kept = tuple(i for i in result.explanation if i.kind != ExplanationKind.AMOUNT)
        result = dataclasses.replace(result, due=due, explanation=(same_day, *kept))
    else:
        result = wt_explain.compute_due(
            at, term.processing_amount, term.processing_unit, calendar, cutoff=cutoff
        )
    return wt_explain.as_restart(result, calendar) if restart else result


def add_hours(start: datetime.datetime, hours: Decimal, calendar: WorkCalendar):
    return wt.add_working_time(start, hours, DurationUnit.WORKING_HOURS, calendar)


def working_hours_between(a, b, calendar: WorkCalendar) -> Decimal:
    return wt.working_time_between(a, b, calendar)

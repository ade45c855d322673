"""The feedback clock: limits in working days from receipt or the last transfer, and the
handling status (on time / in progress within time / overdue) at any instant."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.worktime import clock, texts
from motcua.worktime.constants import DurationUnit
from motcua.worktime.selectors import get_calendar

from .constants import OPEN, Punctuality, Status
from .models import Feedback, FeedbackRules

# Less than this much working time left turns the queue colour to "due soon".
SOON_MICROS = 8 * 3_600_000_000


def limit_end(
    start: datetime.datetime, days: int, rules: FeedbackRules, agency
) -> datetime.datetime:
    """The instant ``days`` working days after ``start`` under ``rules`` on the calendar of
    ``agency``. Counting from the next working day (Civil Code 2015 Art. 147: the first day is
    not counted), the limit ends with the last session of the last working day."""
    calendar = get_calendar(agency)
    if rules.count_from_next_day:
        day = clock.local(start, calendar).date()
        start = clock.next_working_day_start(day, calendar)
    return clock.add_working_time(start, days, DurationUnit.WORKING_DAYS, calendar)


def set_limits(feedback: Feedback, start: datetime.datetime) -> None:
    """Restart the clock of ``feedback`` at ``start`` (receipt, transfer, supplement received).
    An answered or refused feedback keeps the limits it was judged by: its reply deadline never
    moves (the 766 count 5.2 and the sender's page read it)."""
    if feedback.finished_at is not None:
        raise ValueError(f"{feedback.code} is finished; its limits no longer move.")
    rules, agency = feedback.rules, feedback.agency
    feedback.clock_start_at = start
    feedback.refuse_due_at = limit_end(start, rules.refuse_days, rules, agency)
    feedback.supplement_due_at = limit_end(start, rules.supplement_days, rules, agency)
    feedback.answer_due_at = limit_end(start, rules.answer_days, rules, agency)


def punctuality(feedback: Feedback, at: datetime.datetime) -> str:
    """Handling status at ``at`` (766 indicator 5.2). A finished feedback is on time if it was
    answered or refused by its limit; an open one is within time until the answer limit; one
    waiting for the sender is judged at the request against the supplement limit."""
    if feedback.finished_at is not None and feedback.finished_at <= at:
        late = feedback.finished_at > feedback.finished_due_at
        return Punctuality.OVERDUE if late else Punctuality.ON_TIME
    if feedback.status == Status.SUPPLEMENT_REQUESTED and feedback.supplement_requested_at:
        late = feedback.supplement_requested_at > feedback.supplement_due_at
        return Punctuality.OVERDUE if late else Punctuality.WITHIN_TIME
    return Punctuality.OVERDUE if at > feedback.answer_due_at else Punctuality.WITHIN_TIME


def current_due(feedback: Feedback) -> datetime.datetime | None:
    """The limit the officers are working against now, None when nothing is owed."""
    if feedback.status in OPEN:
        return feedback.answer_due_at
    if feedback.status == Status.ANSWERED:
        return feedback.publish_due_at
    return None


@dataclass(frozen=True)
class DueBadge:
    """What the queue shows: a colour class and the words that say the same (never colour
    alone)."""

    css: str
    text: str


def due_badge(feedback: Feedback, at: datetime.datetime, calendars: dict | None = None) -> DueBadge:
    """``calendars`` (agency id -> calendar) is shared across a list, one lookup per agency.

    Once answered, the reply is judged (on time or late against its reply deadline, which does
    not move) and the limit still running is the publication's, named as such: the row never
    shows the shorter publication limit as if the reply deadline had moved earlier."""
    due = current_due(feedback)
    if due is None:
        label = Punctuality(punctuality(feedback, at)).label
        return DueBadge("due-paused", label)
    calendars = {} if calendars is None else calendars
    calendar = calendars.get(feedback.agency_id)
    if calendar is None:
        calendar = calendars[feedback.agency_id] = get_calendar(feedback.agency)
    left = clock.working_micros_between(at, due, calendar)
    when = texts.fmt_moment(clock.local(due, calendar))
    if feedback.status == Status.ANSWERED:
        verdict = Punctuality(punctuality(feedback, at)).label
        if at > due:
            text = _("%(verdict)s; quá hạn công khai %(when)s")
        else:
            text = _("%(verdict)s; công khai trước %(when)s")
        css = "due-overdue" if at > due else "due-today" if left < SOON_MICROS else "due-ok"
        return DueBadge(css, text % {"verdict": verdict, "when": when})
    if at > due:
        return DueBadge("due-overdue", f"{texts.overdue_text(-left or 1)} ({when})")
    if left < SOON_MICROS:
        return DueBadge("due-today", _("Sắp đến hạn: %(when)s") % {"when": when})
    return DueBadge("due-ok", _("Trong hạn: %(when)s") % {"when": when})

"""A finish time against its due time: early, on time or late, and by how much working time.

Decision 766 counts a dossier on time iff it finished no later than its due time. "Early"
(trước hạn) is read as finished on an earlier day than the due day, the grain at which due
dates are announced and scored (TT 01/2018 art. 13, index 1) [practice].
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from . import clock, texts
from .constants import Punctuality
from .workcalendar import WorkCalendar


def classify_finish(
    finished_at: datetime.datetime, due_at: datetime.datetime, calendar: WorkCalendar
) -> Punctuality:
    finished = clock.local(finished_at, calendar)
    due = clock.local(due_at, calendar)
    if finished > due:
        return Punctuality.LATE
    if finished.date() < due.date():
        return Punctuality.EARLY
    return Punctuality.ON_TIME


def overdue_micros(
    finished_at: datetime.datetime, due_at: datetime.datetime, calendar: WorkCalendar
) -> int:
    """Working microseconds from the due time to the finish; 0 when not late."""
    return max(0, clock.working_micros_between(due_at, finished_at, calendar))


def overdue_timedelta(
    finished_at: datetime.datetime, due_at: datetime.datetime, calendar: WorkCalendar
) -> datetime.timedelta:
    return datetime.timedelta(microseconds=overdue_micros(finished_at, due_at, calendar))


def overdue_days_hours(
    finished_at: datetime.datetime, due_at: datetime.datetime, calendar: WorkCalendar
) -> tuple[int, int, int]:
    """(days, hours, minutes) late in working time, 8-hour days."""
    micros = overdue_micros(finished_at, due_at, calendar)
    days, rest = divmod(micros, texts.MICROS_PER_DAY)
    hours, rest = divmod(rest, texts.MICROS_PER_HOUR)
    return days, hours, rest // texts.MICROS_PER_MINUTE


def describe(
    finished_at: datetime.datetime, due_at: datetime.datetime, calendar: WorkCalendar
) -> str:
    """ "Quá hạn 2 ngày 3 giờ", "Đúng hạn", "Trước hạn 1 ngày" in the active language."""
    verdict = classify_finish(finished_at, due_at, calendar)
    if verdict == Punctuality.LATE:
        micros = overdue_micros(finished_at, due_at, calendar)
        if micros == 0:
            return _("Quá hạn (hoàn thành ngoài giờ làm việc, sau thời hạn)")
        return texts.overdue_text(micros)
    if verdict == Punctuality.EARLY:
        ahead = clock.working_micros_between(finished_at, due_at, calendar)
        return _("Trước hạn %(duration)s") % {"duration": texts.fmt_working_duration(ahead)}
    return _("Đúng hạn")

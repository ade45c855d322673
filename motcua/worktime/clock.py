"""Working-time arithmetic: pure functions on aware datetimes and a ``WorkCalendar``.

Time is counted in integer microseconds, never floats. The working time elapsed up to an
instant only grows inside sessions; adding an amount returns the earliest instant at which
that much session time has elapsed, so a result that lands on a session's end is that end
(17:00, 11:30), not the next morning. Sessions are half-open: their start is working time,
their end is not, so a start at 17:00 counts from the next morning.
"""

from __future__ import annotations

import calendar as gregorian
import datetime
from bisect import bisect_left
from decimal import Decimal, InvalidOperation

from .constants import HOURS_PER_WORKING_DAY, DurationUnit
from .workcalendar import (
    MICROSECONDS_PER_HOUR,
    WorkCalendar,
    YearIndex,
    at_micros,
    require_aware,
)

# A calendar with no working time for this many years in a row is broken, not just long.
MAX_EMPTY_YEARS = 50

WORKING_UNITS = frozenset({DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS})


def as_decimal(amount: Decimal | int | str | float) -> Decimal:
    """An amount as an exact Decimal; floats go through their shortest repr, never binary."""
    if isinstance(amount, bool):
        raise ValueError("An amount of time must be a number.")
    try:
        value = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"Not a number: {amount!r}.") from exc
    if not value.is_finite():
        raise ValueError(f"Not a finite number: {amount!r}.")
    if value < 0:
        raise ValueError(f"An amount of time cannot be negative: {amount!r}.")
    return value


_MICROS_PER_UNIT = {
    DurationUnit.WORKING_DAYS: HOURS_PER_WORKING_DAY * MICROSECONDS_PER_HOUR,
    DurationUnit.WORKING_HOURS: MICROSECONDS_PER_HOUR,
}


def working_micros(amount: Decimal | int | str | float, unit: str) -> int:
    """Working microseconds in ``amount`` of a working unit (1 day = 8 hours), rounded to 1 µs."""
    try:
        factor = _MICROS_PER_UNIT[unit]
    except KeyError:
        raise ValueError(f"{unit!r} is not a working-time unit.") from None
    if type(amount) is int and amount >= 0:
        return amount * factor
    if type(amount) is not Decimal or amount.is_signed() or not amount.is_finite():
        amount = as_decimal(amount)
    # Exact rational arithmetic, rounded half up to the microsecond.
    numerator, denominator = amount.as_integer_ratio()
    micros, remainder = divmod(numerator * factor, denominator)
    return micros + (2 * remainder >= denominator)


def micros_to_hours(micros: int) -> Decimal:
    return Decimal(micros) / Decimal(MICROSECONDS_PER_HOUR)


def local(moment: datetime.datetime, calendar: WorkCalendar) -> datetime.datetime:
    if moment.tzinfo is None:
        require_aware(moment)
    return moment.astimezone(calendar.tz)


def _position(when: datetime.datetime, calendar: WorkCalendar) -> tuple[YearIndex, int, int, int]:
    """(year index, day of the year, µs after midnight, working µs of the year elapsed) of a
    local datetime."""
    index = calendar.year_index(when.year)
    day = when.toordinal() - index.first_ordinal
    # Inlined time_micros(): this runs for every computation.
    wall = ((when.hour * 60 + when.minute) * 60 + when.second) * 1_000_000 + when.microsecond
    elapsed = index.before[day]
    for start, end in index.sessions[day]:
        if wall <= start:
            break
        if wall < end:
            elapsed += wall - start
            break
        elapsed += end - start
    return index, day, wall, elapsed


def _first_session_from(index: YearIndex, day: int, calendar: WorkCalendar) -> datetime.datetime:
    """Start of the first session on day ``day`` of ``index`` or on a later day."""
    for _ in range(MAX_EMPTY_YEARS):
        for position in range(day, len(index.sessions)):
            spans = index.sessions[position]
            if spans:
                return at_micros(index.dates[position], spans[0][0], calendar.tz)
        index, day = calendar.year_index(index.year + 1), 0
    raise ValueError(f"The calendar has no working session in {MAX_EMPTY_YEARS} years.")


def next_working_instant(moment: datetime.datetime, calendar: WorkCalendar) -> datetime.datetime:
    """``moment`` itself if it is inside a session, else the start of the next session."""
    when = local(moment, calendar)
    index, day, wall, _elapsed = _position(when, calendar)
    for start, end in index.sessions[day]:
        if wall < end:
            if wall >= start:
                return when
            return at_micros(index.dates[day], start, calendar.tz)
    return _first_session_from(index, day + 1, calendar)


def is_working_instant(moment: datetime.datetime, calendar: WorkCalendar) -> bool:
    """Inside a session (its start included, its end excluded)."""
    index, day, wall, _elapsed = _position(local(moment, calendar), calendar)
    return any(start <= wall < end for start, end in index.sessions[day])


def is_session_end(moment: datetime.datetime, calendar: WorkCalendar) -> bool:
    index, day, wall, _elapsed = _position(local(moment, calendar), calendar)
    return any(wall == end for _start, end in index.sessions[day])


def _add_micros(start: datetime.datetime, amount: int, calendar: WorkCalendar) -> datetime.datetime:
    if amount == 0:
        return next_working_instant(start, calendar)
    index, _day, _wall, elapsed = _position(local(start, calendar), calendar)
    target = elapsed + amount
    empty_years = 0
    while target > index.total:
        target -= index.total
        empty_years = empty_years + 1 if index.total == 0 else 0
        if empty_years > MAX_EMPTY_YEARS:
            raise ValueError("The calendar has no working time left to count.")
        index = calendar.year_index(index.year + 1)
    # The first day whose running total reaches the target is the day the time runs out.
    day = bisect_left(index.after, target)
    remaining = target - index.before[day]
    for session_start, session_end in index.sessions[day]:
        if remaining <= session_end - session_start:
            return at_micros(index.dates[day], session_start + remaining, calendar.tz)
        remaining -= session_end - session_start
    raise AssertionError("The running totals of the year index are inconsistent.")


def calendar_last_day(
    start: datetime.datetime, amount: Decimal | int | str, unit: str, calendar: WorkCalendar
) -> datetime.date:
    """The nominal last day of a limit in calendar days or months, before any day off."""
    value = as_decimal(amount)
    if value != value.to_integral_value():
        raise ValueError("Calendar days and months must be whole numbers.")
    count = int(value)
    day = local(start, calendar).date()
    if unit == DurationUnit.CALENDAR_DAYS:
        return day + datetime.timedelta(days=count)
    if unit == DurationUnit.CALENDAR_MONTHS:
        month_index = day.month - 1 + count
        year, month = day.year + month_index // 12, month_index % 12 + 1
        return datetime.date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))
    raise ValueError(f"{unit!r} is not a calendar unit.")


def add_calendar_time(
    start: datetime.datetime, amount: Decimal | int | str, unit: str, calendar: WorkCalendar
) -> datetime.datetime:
    """Calendar days or months (ngày, tháng), read as the Civil Code 2015 reads time limits.

    Art. 147: counting begins the day after the event. Art. 148: the limit ends at the end of
    its last day (for months, the same day-of-month, or the month's last day); if that day is
    not a working day, at the end of the next working day. "End of the day" is read as the end
    of the agency's last session that day.
    """
    last = calendar_last_day(start, amount, unit, calendar)
    for _ in range(366 * MAX_EMPTY_YEARS):
        sessions = calendar.sessions_on(last)
        if sessions:
            return datetime.datetime.combine(last, sessions[-1].end, tzinfo=calendar.tz)
        last += datetime.timedelta(days=1)
    raise ValueError("The calendar has no working day left to end on.")


def add_working_time(
    start: datetime.datetime,
    amount: Decimal | int | str | float,
    unit: str,
    calendar: WorkCalendar,
) -> datetime.datetime:
    """The due instant ``amount`` ``unit`` after ``start`` on ``calendar`` (local time zone).

    Working days (fractions allowed) count as 8 working hours each. A start outside a session
    counts from the next session start; a zero amount returns that instant.
    """
    if unit not in _MICROS_PER_UNIT:
        return add_calendar_time(start, amount, unit, calendar)
    return _add_micros(start, working_micros(amount, unit), calendar)


def add_working_micros(
    start: datetime.datetime, micros: int, calendar: WorkCalendar
) -> datetime.datetime:
    """``add_working_time`` for an amount already in working microseconds."""
    if micros < 0:
        raise ValueError("An amount of time cannot be negative.")
    return _add_micros(start, micros, calendar)


def working_micros_between(
    a: datetime.datetime, b: datetime.datetime, calendar: WorkCalendar
) -> int:
    """Working microseconds from ``a`` to ``b``; negative when ``b`` is before ``a``."""
    a_local, b_local = local(a, calendar), local(b, calendar)
    if b_local < a_local:
        return -working_micros_between(b_local, a_local, calendar)
    a_index, _a_day, _a_wall, a_elapsed = _position(a_local, calendar)
    b_index, _b_day, _b_wall, b_elapsed = _position(b_local, calendar)
    if a_index.year == b_index.year:
        return b_elapsed - a_elapsed
    total = a_index.total - a_elapsed + b_elapsed
    for year in range(a_index.year + 1, b_index.year):
        total += calendar.year_index(year).total
    return total


def working_time_between(
    a: datetime.datetime, b: datetime.datetime, calendar: WorkCalendar
) -> Decimal:
    """Working hours from ``a`` to ``b`` as a Decimal (negative when ``b`` < ``a``).

    Exact whenever the hours have a finite decimal expansion (multiples of 9 µs, so every
    amount given in hours or days with a few decimals); otherwise rounded to 28 digits, and
    ``working_micros_between`` gives the exact integer.
    """
    return micros_to_hours(working_micros_between(a, b, calendar))


def working_timedelta_between(
    a: datetime.datetime, b: datetime.datetime, calendar: WorkCalendar
) -> datetime.timedelta:
    return datetime.timedelta(microseconds=working_micros_between(a, b, calendar))


def next_working_day_start(day: datetime.date, calendar: WorkCalendar) -> datetime.datetime:
    """Start of the first session of the first working day after ``day``."""
    following = day + datetime.timedelta(days=1)
    for _ in range(366 * MAX_EMPTY_YEARS):
        sessions = calendar.sessions_on(following)
        if sessions:
            return datetime.datetime.combine(following, sessions[0].start, tzinfo=calendar.tz)
        following += datetime.timedelta(days=1)
    raise ValueError("The calendar has no working day left.")


def is_after_cutoff(
    received_at: datetime.datetime, cutoff: datetime.time | None, calendar: WorkCalendar
) -> bool:
    if cutoff is None:
        return False
    return local(received_at, calendar).time() > cutoff


def effective_receipt_time(
    received_at: datetime.datetime, cutoff: datetime.time | None, calendar: WorkCalendar
) -> datetime.datetime:
    """When the clock starts for a dossier received at ``received_at``.

    Decree 61/2018 art. 18 and ND 23/2015 art. 21: received after the cut-off (e.g. 15:00),
    it counts as received at the start of the next working day. Without a cut-off, or before
    it, the receipt time itself (the clock then rolls it into working time).
    """
    if is_after_cutoff(received_at, cutoff, calendar):
        return next_working_day_start(local(received_at, calendar).date(), calendar)
    return local(received_at, calendar)

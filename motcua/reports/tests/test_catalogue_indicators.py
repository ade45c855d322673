"""The working-day count of indicators 1.1 and 1.2, counted by weekday and corrected on the
calendar's dated exceptions, against a count day by day."""

import datetime
import random

import pytest

from motcua.reports.index766.catalogue_indicators import working_days_after
from motcua.worktime.constants import DayKind
from motcua.worktime.selectors import get_calendar
from motcua.worktime.workcalendar import Session, SpecialDay, WorkCalendar

pytestmark = pytest.mark.django_db


def _day_by_day(first, last, calendar) -> int:
    sign = 1 if first <= last else -1
    low, high = (first, last) if first <= last else (last, first)
    days = (high - low).days
    return sign * sum(
        1 for n in range(1, days + 1) if calendar.is_working_day(low + datetime.timedelta(days=n))
    )


def _saturday_mornings() -> WorkCalendar:
    """Monday–Saturday mornings, a day off on a Tuesday and a make-up Sunday."""
    morning = (Session(datetime.time(7, 30), datetime.time(11, 30)),)
    weekly = [morning] * 6 + [()]
    return WorkCalendar(
        weekly=weekly,
        days=[
            SpecialDay(date=datetime.date(2026, 3, 3), kind=DayKind.OTHER_DAY_OFF, name="Bão"),
            SpecialDay(
                date=datetime.date(2026, 3, 8), kind=DayKind.MAKEUP, name="Làm bù", sessions=morning
            ),
        ],
        key="test",
    )


@pytest.mark.parametrize("calendar_of", [lambda: get_calendar(), _saturday_mornings])
def test_the_count_equals_a_count_day_by_day(calendar_of):
    calendar = calendar_of()
    pick = random.Random(766)
    start = datetime.date(2024, 1, 1)
    pairs = [(datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))]
    pairs += [(datetime.date(2026, 2, 27), datetime.date(2026, 3, 9))]
    for _ in range(200):
        first = start + datetime.timedelta(days=pick.randrange(4 * 365))
        pairs.append((first, first + datetime.timedelta(days=pick.randrange(-400, 800))))
    for first, last in pairs:
        assert working_days_after(first, last, calendar) == _day_by_day(first, last, calendar), (
            first,
            last,
        )


def test_days_off_and_make_up_days_are_counted():
    calendar = _saturday_mornings()
    # 2–9 March 2026: Tue 3 off, Sun 8 made up; Wed–Sat and Mon 9 work.
    assert working_days_after(datetime.date(2026, 3, 2), datetime.date(2026, 3, 9), calendar) == 6
    assert working_days_after(datetime.date(2026, 3, 9), datetime.date(2026, 3, 2), calendar) == -6

"""Properties of the clock over the real 2025–2026 calendar (Tết, swaps, make-up days)."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.worktime import clock
from motcua.worktime.constants import DurationUnit

from .conftest import NATIONAL, VN

H, D = DurationUnit.WORKING_HOURS, DurationUnit.WORKING_DAYS
FAST = settings(max_examples=200, deadline=None)

# Instants of 2025–2026 to the second, in Vietnam time.
instants = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1),
    max_value=datetime.datetime(2026, 12, 31, 23, 59, 59),
).map(lambda moment: moment.replace(microsecond=0, tzinfo=VN))
# Working hours with two decimals (0.01 h = 36 s, exact in microseconds), up to ~40 days.
hours = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(320), places=2)
days = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(40), places=3)


def inside_or_at_session_end(moment: datetime.datetime) -> bool:
    return clock.is_working_instant(moment, NATIONAL) or clock.is_session_end(moment, NATIONAL)


def walk(start: datetime.datetime, amount: datetime.timedelta) -> datetime.datetime:
    """Reference answer, session by session on the wall clock, independent of the index."""
    day = start.date()
    while True:
        for session in NATIONAL.sessions_on(day):
            begin = datetime.datetime.combine(day, session.start, tzinfo=VN)
            end = datetime.datetime.combine(day, session.end, tzinfo=VN)
            begin = max(begin, start)
            if begin >= end:
                continue
            if end - begin >= amount:
                return begin + amount
            amount -= end - begin
        day += datetime.timedelta(days=1)


@FAST
@given(instants, hours)
def test_agrees_with_a_session_by_session_walk(start, amount):
    expected = walk(start, datetime.timedelta(seconds=int(amount * 3600)))
    assert clock.add_working_time(start, amount, H, NATIONAL) == expected


@FAST
@given(instants, instants, hours)
def test_monotonic_in_the_start(a, b, amount):
    first, second = sorted((a, b))
    assert clock.add_working_time(first, amount, H, NATIONAL) <= clock.add_working_time(
        second, amount, H, NATIONAL
    )


@FAST
@given(instants, hours, hours)
def test_monotonic_in_the_amount(start, a, b):
    small, large = sorted((a, b))
    assert clock.add_working_time(start, small, H, NATIONAL) <= clock.add_working_time(
        start, large, H, NATIONAL
    )


@FAST
@given(instants, hours, hours)
def test_additive_in_hours(start, a, b):
    step = clock.add_working_time(start, a, H, NATIONAL)
    assert clock.add_working_time(step, b, H, NATIONAL) == clock.add_working_time(
        start, a + b, H, NATIONAL
    )


@FAST
@given(instants, days, days)
def test_additive_in_days(start, a, b):
    step = clock.add_working_time(start, a, D, NATIONAL)
    assert clock.add_working_time(step, b, D, NATIONAL) == clock.add_working_time(
        start, a + b, D, NATIONAL
    )


@FAST
@given(instants, hours)
def test_between_inverts_add(start, amount):
    due = clock.add_working_time(start, amount, H, NATIONAL)
    assert clock.working_time_between(start, due, NATIONAL) == amount


@FAST
@given(instants, days)
def test_between_inverts_add_in_days(start, amount):
    due = clock.add_working_time(start, amount, D, NATIONAL)
    assert clock.working_time_between(start, due, NATIONAL) == amount * 8


@FAST
@given(instants, hours)
def test_result_is_in_working_time_or_at_a_session_end(start, amount):
    due = clock.add_working_time(start, amount, H, NATIONAL)
    assert due > start
    assert inside_or_at_session_end(due)
    assert NATIONAL.is_working_day(due.date())


@FAST
@given(instants, instants, instants)
def test_between_is_additive_and_antisymmetric(a, b, c):
    # In exact microseconds: an hour count of odd seconds is a repeating decimal.
    ab = clock.working_micros_between(a, b, NATIONAL)
    assert ab == -clock.working_micros_between(b, a, NATIONAL)
    assert ab + clock.working_micros_between(b, c, NATIONAL) == clock.working_micros_between(
        a, c, NATIONAL
    )


@FAST
@given(instants)
def test_zero_amount_rolls_into_working_time(start):
    moved = clock.add_working_time(start, 0, H, NATIONAL)
    assert moved >= start
    assert clock.is_working_instant(moved, NATIONAL)
    assert clock.working_time_between(start, moved, NATIONAL) == 0

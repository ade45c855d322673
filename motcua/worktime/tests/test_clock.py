"""Due times on real 2019–2026 dates, against the national calendar of the database."""

import datetime
from decimal import Decimal

import pytest

from motcua.worktime import clock
from motcua.worktime.constants import DurationUnit

from .conftest import at

D, H = DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS
CD, CM = DurationUnit.CALENDAR_DAYS, DurationUnit.CALENDAR_MONTHS

CASES = [
    # (start, amount, unit, due, why)
    (at(2026, 2, 13, 10), 3, D, at(2026, 2, 25, 10), "Tết 2026: Mon 16 – Fri 20/2 off"),
    (at(2025, 1, 24, 8), 2, D, at(2025, 2, 4, 8), "Tết 2025: Mon 27 – Fri 31/1 off"),
    (at(2025, 4, 29, 16, 59), 2, H, at(2025, 5, 5, 9, 29), "30/4, 1/5 and swapped 2/5/2025 off"),
    (at(2025, 4, 25, 16), 2, H, at(2025, 4, 26, 8, 30), "make-up Saturday 26/4/2025 is worked"),
    (at(2026, 8, 21, 9), 2, D, at(2026, 8, 24, 9), "make-up Saturday 22/8/2026 is worked"),
    (at(2026, 1, 9, 13), 1, D, at(2026, 1, 10, 11, 30), "make-up 10/1/2026, ends at 11:30"),
    (at(2025, 8, 29, 15), 1, D, at(2025, 9, 3, 15), "2/9/2025: Mon 1 and Tue 2/9 off"),
    (at(2026, 8, 28, 10), 1, D, at(2026, 9, 3, 10), "2/9/2026: 31/8 swapped, 1–2/9 off"),
    (at(2025, 3, 10, 12), 4, H, at(2025, 3, 10, 17), "lunch-break start, lands on 17:00"),
    (at(2025, 3, 10, 12, 45), Decimal("0.5"), D, at(2025, 3, 10, 17), "half a day from lunch"),
    (at(2025, 3, 10, 16, 59), 1, D, at(2025, 3, 11, 16, 59), "16:59 start"),
    (at(2025, 3, 10, 17), 1, H, at(2025, 3, 11, 8, 30), "17:00 start is after hours"),
    (at(2025, 3, 10, 6), 1, H, at(2025, 3, 10, 8, 30), "before-hours start"),
    (at(2025, 3, 10, 7, 30), 1, D, at(2025, 3, 10, 17), "a full day ends at 17:00 same day"),
    (at(2025, 3, 10, 9), Decimal("2.5"), H, at(2025, 3, 10, 11, 30), "lands exactly on 11:30"),
    (at(2025, 4, 7, 9), 1, D, at(2025, 4, 8, 17), "start on Hùng Kings day 7/4/2025"),
    (at(2026, 2, 17, 10), Decimal("0.5"), D, at(2026, 2, 23, 11, 30), "start on Tết 2026"),
    (at(2025, 12, 31, 16), 2, H, at(2026, 1, 5, 8, 30), "over the new year and the 2/1 swap"),
    (at(2026, 4, 24, 16), 2, H, at(2026, 4, 28, 8, 30), "Hùng Kings on Sunday, Monday off"),
    (at(2026, 11, 23, 16), 2, H, at(2026, 11, 25, 8, 30), "24/11/2026 off (to confirm)"),
    (at(2026, 3, 9, 8), Decimal("0.5"), D, at(2026, 3, 9, 13, 30), "half a working day"),
    (at(2026, 3, 14, 10), 0, H, at(2026, 3, 16, 7, 30), "zero from a Saturday: next session"),
    (at(2026, 2, 13, 10), 5, CD, at(2026, 2, 23, 17), "calendar days ending on Tết"),
    (at(2025, 1, 31, 9), 1, CM, at(2025, 2, 28, 17), "a calendar month, clamped"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "amount", "unit", "due", "why"), CASES, ids=[c[4] for c in CASES]
)
def test_due_on_the_database_calendar(db_calendar, start, amount, unit, due, why):
    assert clock.add_working_time(start, amount, unit, db_calendar) == due


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due", "why"), CASES, ids=[c[4] for c in CASES]
)
def test_due_on_the_in_memory_calendar(national, start, amount, unit, due, why):
    assert clock.add_working_time(start, amount, unit, national) == due


def test_real_2019_receipt_25_working_days(national):
    # Received 08:37 on 20/11/2019, deadline 25 WD: "08 giờ 37 phút, ngày 25 tháng 12 năm 2019".
    due = clock.add_working_time(at(2019, 11, 20, 8, 37), 25, D, national)
    assert due == at(2019, 12, 25, 8, 37)


def test_result_is_vietnam_local_with_offset(national):
    start = at(2026, 2, 13, 10).astimezone(datetime.UTC)
    due = clock.add_working_time(start, 3, D, national)
    assert due.isoformat() == "2026-02-25T10:00:00+07:00"


def test_seconds_and_microseconds_are_kept(national):
    start = at(2025, 3, 10, 8, 37, 12).replace(microsecond=345678)
    assert clock.add_working_time(start, 1, D, national) == start + datetime.timedelta(days=1)


def test_between_counts_only_session_time(national):
    assert clock.working_time_between(at(2026, 2, 13, 10), at(2026, 2, 25, 10), national) == 24
    lunch = clock.working_time_between(at(2025, 3, 10, 11), at(2025, 3, 10, 14), national)
    assert lunch == Decimal("1.5")
    assert clock.working_time_between(at(2025, 3, 15, 9), at(2025, 3, 16, 9), national) == 0
    assert clock.working_time_between(at(2025, 3, 11, 9), at(2025, 3, 10, 9), national) == -8


def test_between_with_an_inexact_hour_fraction(national):
    hours = clock.working_time_between(at(2025, 3, 10, 8), at(2025, 3, 10, 8, 7), national)
    assert hours * 60 == pytest.approx(Decimal(7))
    assert clock.working_timedelta_between(
        at(2025, 3, 10, 8), at(2025, 3, 10, 8, 7), national
    ) == datetime.timedelta(minutes=7)


@pytest.mark.parametrize("amount", [-1, "-0.5", "abc", float("nan"), True])
def test_bad_amounts_are_refused(national, amount):
    with pytest.raises(ValueError):
        clock.add_working_time(at(2025, 3, 10, 8), amount, D, national)


def test_fractional_calendar_days_are_refused(national):
    with pytest.raises(ValueError):
        clock.add_working_time(at(2025, 3, 10, 8), "1.5", CD, national)


def test_naive_datetimes_are_refused(national):
    with pytest.raises(ValueError, match="aware"):
        clock.add_working_time(datetime.datetime(2025, 3, 10, 8), 1, D, national)


def test_floats_are_read_by_their_decimal_repr(national):
    assert clock.working_micros(0.1, H) == 360_000_000
    assert clock.add_working_time(at(2025, 3, 10, 8), 0.5, D, national) == at(2025, 3, 10, 13, 30)


def test_long_amounts_cross_years(national):
    start = at(2025, 3, 10, 8)
    due = clock.add_working_time(start, 500, D, national)
    assert clock.working_time_between(start, due, national) == 4000
    assert clock.is_working_instant(due, national) or clock.is_session_end(due, national)


class TestCutoff:
    cutoff = datetime.time(15, 0)

    def test_after_the_cutoff_counts_from_the_next_working_morning(self, national):
        received = at(2025, 3, 10, 15, 30)
        assert clock.effective_receipt_time(received, self.cutoff, national) == at(
            2025, 3, 11, 7, 30
        )

    def test_exactly_at_the_cutoff_is_not_after_it(self, national):
        received = at(2025, 3, 10, 15)
        assert clock.effective_receipt_time(received, self.cutoff, national) == received

    def test_before_the_cutoff_or_without_one_nothing_moves(self, national):
        received = at(2025, 3, 10, 14, 59)
        assert clock.effective_receipt_time(received, self.cutoff, national) == received
        late = at(2025, 3, 10, 16)
        assert clock.effective_receipt_time(late, None, national) == late

    def test_after_the_cutoff_before_tet(self, national):
        received = at(2026, 2, 13, 16)
        assert clock.effective_receipt_time(received, self.cutoff, national) == at(
            2026, 2, 23, 7, 30
        )

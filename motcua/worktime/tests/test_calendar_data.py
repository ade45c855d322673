"""Calendar rows: what migrate seeds, per-year materialisation, overrides and the memo."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from motcua.worktime import clock, holiday_source, selectors, services
from motcua.worktime.constants import DayKind, DurationUnit, EntrySource, Weekday
from motcua.worktime.models import Calendar, CalendarYear, DayEntry, WorkingSession

from .conftest import at

pytestmark = pytest.mark.django_db
date = datetime.date


def entry(day):
    return DayEntry.objects.get(calendar__agency__isnull=True, date=day)


def test_migrate_leaves_the_national_calendar_and_2025_to_2027():
    national = Calendar.objects.get(agency__isnull=True)
    assert set(national.years.values_list("year", flat=True)) >= {2025, 2026, 2027}
    sessions = national.sessions.filter(weekday=Weekday.MONDAY).order_by("start_time")
    assert [(s.start_time, s.end_time) for s in sessions] == [
        (datetime.time(7, 30), datetime.time(11, 30)),
        (datetime.time(13), datetime.time(17)),
    ]
    assert not national.sessions.filter(weekday__in=[Weekday.SATURDAY, Weekday.SUNDAY]).exists()


@pytest.mark.parametrize(
    ("day", "kind", "swapped_with"),
    [
        (date(2025, 1, 27), DayKind.HOLIDAY, None),
        (date(2025, 4, 7), DayKind.HOLIDAY, None),
        (date(2025, 5, 2), DayKind.SWAPPED, date(2025, 4, 26)),
        (date(2025, 4, 26), DayKind.MAKEUP, date(2025, 5, 2)),
        (date(2025, 9, 1), DayKind.HOLIDAY, None),
        (date(2026, 1, 2), DayKind.SWAPPED, date(2026, 1, 10)),
        (date(2026, 1, 10), DayKind.MAKEUP, date(2026, 1, 2)),
        (date(2026, 2, 16), DayKind.HOLIDAY, None),
        (date(2026, 4, 27), DayKind.COMPENSATORY, None),
        (date(2026, 8, 31), DayKind.SWAPPED, date(2026, 8, 22)),
        (date(2026, 8, 22), DayKind.MAKEUP, date(2026, 8, 31)),
        (date(2027, 5, 3), DayKind.COMPENSATORY, None),
    ],
)
def test_seeded_days(day, kind, swapped_with):
    row = entry(day)
    assert (row.kind, row.swapped_with) == (kind, swapped_with)
    assert row.name


def test_tet_and_hung_kings_come_from_the_lunar_calendar_with_vietnamese_names():
    assert entry(date(2026, 2, 17)).name == "Tết Nguyên Đán"
    assert entry(date(2026, 4, 26)).name == "Ngày Giỗ Tổ Hùng Vương"
    assert entry(date(2026, 1, 2)).source == EntrySource.ANNOUNCEMENT
    assert entry(date(2026, 2, 17)).source == EntrySource.PACKAGE


def test_makeup_days_work_the_hours_of_the_day_they_replace():
    assert entry(date(2026, 1, 10)).schedule_weekday == Weekday.FRIDAY
    assert entry(date(2026, 8, 22)).schedule_weekday == Weekday.MONDAY


def test_unconfirmed_days_are_flagged_with_a_note():
    for day in (date(2026, 11, 24), date(2027, 2, 8), date(2027, 9, 3)):
        row = entry(day)
        assert not row.confirmed
        assert "xác nhận" in row.note
    assert entry(date(2026, 2, 17)).confirmed


def test_materialising_again_keeps_administrators_corrections():
    entry(date(2026, 11, 24)).delete()
    assert services.materialise_year(2026) is False
    assert not DayEntry.objects.filter(date=date(2026, 11, 24)).exists()


def test_a_new_year_is_materialised_once():
    assert services.materialise_years([2030, 2030]) == [2030]
    assert services.materialise_years([2030]) == []
    assert entry(date(2030, 9, 2)).kind == DayKind.HOLIDAY
    assert CalendarYear.objects.get(year=2030).source_version.startswith("holidays ")


def test_package_substitutions_create_their_makeup_day_even_across_years():
    records = {record.date: record for record in holiday_source.package_records(2019)}
    assert records[date(2019, 1, 5)].kind == DayKind.MAKEUP  # for Monday 31/12/2018
    assert records[date(2019, 1, 5)].schedule_weekday == Weekday.MONDAY


def test_only_one_national_calendar():
    with pytest.raises(IntegrityError), transaction.atomic():
        Calendar.objects.create(name="Lịch thứ hai")


def test_the_memo_returns_the_same_object_until_data_changes(django_assert_num_queries, settings):
    settings.CALENDAR_RECHECK_SECONDS = 0
    selectors.invalidate()
    first = selectors.get_calendar()
    with django_assert_num_queries(1):
        assert selectors.get_calendar() is first
    national = Calendar.objects.get(agency__isnull=True)
    DayEntry.objects.create(
        calendar=national, date=date(2026, 3, 2), kind=DayKind.OTHER_DAY_OFF, name="Bão số 3"
    )
    second = selectors.get_calendar()
    assert second is not first
    assert not second.is_working_day(date(2026, 3, 2))
    assert first.is_working_day(date(2026, 3, 2))  # the old object never changes


def test_a_read_calendar_is_trusted_for_the_recheck_time_without_a_query(
    django_assert_num_queries, settings
):
    settings.CALENDAR_RECHECK_SECONDS = 10
    first = selectors.get_calendar()
    with django_assert_num_queries(0):
        assert selectors.get_calendar() is first


def test_another_process_sees_the_revision_once_the_recheck_time_has_passed(settings, monkeypatch):
    settings.CALENDAR_RECHECK_SECONDS = 10
    clock_now = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock_now[0])
    first = selectors.get_calendar()
    national = Calendar.objects.get(agency__isnull=True)
    # A change made elsewhere: no signal reached this process, only the revision moved.
    DayEntry.objects.bulk_create(
        [DayEntry(calendar=national, date=date(2026, 3, 3), kind=DayKind.OTHER_DAY_OFF, name="x")]
    )
    services.touch_calendar(national.pk)
    assert selectors.get_calendar() is first  # trusted a little longer
    clock_now[0] += 11
    assert selectors.get_calendar() is not first
    assert not selectors.get_calendar().is_working_day(date(2026, 3, 3))


def test_fresh_database_without_any_calendar_heals_itself():
    Calendar.objects.all().delete()
    selectors.invalidate()
    calendar = selectors.get_calendar()
    assert clock.add_working_time(
        at(2026, 2, 13, 10), 3, DurationUnit.WORKING_DAYS, calendar
    ) == at(2026, 2, 25, 10)


class TestAgencyOverrides:
    def test_a_province_day_off_applies_to_its_communes_only(self, tree):
        province = Calendar.objects.create(name="Lịch tỉnh", agency=tree.province)
        DayEntry.objects.create(
            calendar=province, date=date(2026, 3, 2), kind=DayKind.OTHER_DAY_OFF, name="Bão"
        )
        commune = selectors.get_calendar(tree.commune_x)
        assert not commune.is_working_day(date(2026, 3, 2))
        assert selectors.get_calendar().is_working_day(date(2026, 3, 2))
        # Everything else is inherited from the national calendar.
        assert not commune.is_working_day(date(2026, 2, 17))
        assert commune.is_working_day(date(2026, 1, 10))

    def test_a_deeper_calendar_overrides_its_parent_and_may_work_saturday_mornings(self, tree):
        province = Calendar.objects.create(name="Lịch tỉnh", agency=tree.province)
        DayEntry.objects.create(
            calendar=province, date=date(2026, 3, 2), kind=DayKind.OTHER_DAY_OFF, name="Bão"
        )
        commune = Calendar.objects.create(name="Lịch xã X", agency=tree.commune_x)
        DayEntry.objects.create(
            calendar=commune,
            date=date(2026, 3, 2),
            kind=DayKind.MAKEUP,
            name="Xã X vẫn làm việc",
            schedule_weekday=Weekday.MONDAY,
        )
        for weekday in range(6):
            WorkingSession.objects.create(
                calendar=commune,
                weekday=weekday,
                start_time=datetime.time(7, 30),
                end_time=datetime.time(11, 30),
            )
        calendar = selectors.get_calendar(tree.commune_x)
        assert calendar.is_working_day(date(2026, 3, 2))
        assert calendar.is_working_day(date(2026, 3, 7))  # a Saturday
        assert not selectors.get_calendar(tree.commune_y).is_working_day(date(2026, 3, 2))
        due = clock.add_working_time(at(2026, 3, 6, 11), 1, DurationUnit.WORKING_HOURS, calendar)
        assert due == at(2026, 3, 7, 8)

    def test_session_overlap_is_refused_by_validation(self, tree):
        from django.core.exceptions import ValidationError

        national = Calendar.objects.get(agency__isnull=True)
        overlap = WorkingSession(
            calendar=national,
            weekday=Weekday.MONDAY,
            start_time=datetime.time(11),
            end_time=datetime.time(12),
        )
        with pytest.raises(ValidationError):
            overlap.full_clean()

"""Writes to the working calendar: the national default, per-year holidays, cache revisions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import holiday_source, seed
from .models import Calendar, CalendarYear, DayEntry, WorkingSession
from .workcalendar import DEFAULT_DAY_SESSIONS, DEFAULT_WORKING_WEEKDAYS

NATIONAL_CALENDAR_NAME = "Lịch làm việc chung của cơ quan hành chính nhà nước"


def default_years(today: datetime.date | None = None) -> list[int]:
    """Years every installation keeps materialised: the seeded ones and last, this and next year."""
    year = (today or timezone.localdate()).year
    return sorted(set(seed.SEEDED_YEARS) | {year - 1, year, year + 1})


def touch_calendar(calendar_id: int) -> None:
    """Mark a calendar's data as changed so every process rebuilds its in-memory copy."""
    Calendar.objects.filter(pk=calendar_id).update(
        revision=F("revision") + 1, changed_at=timezone.now()
    )


def ensure_national_calendar() -> Calendar:
    """The national calendar, created with Monday–Friday 07:30–11:30, 13:00–17:00 if missing."""
    calendar = Calendar.objects.filter(agency__isnull=True).first()
    if calendar is not None:
        return calendar
    try:
        with transaction.atomic():
            calendar = Calendar.objects.create(name=NATIONAL_CALENDAR_NAME)
            WorkingSession.objects.bulk_create(
                WorkingSession(calendar=calendar, weekday=weekday, start_time=start, end_time=end)
                for weekday in DEFAULT_WORKING_WEEKDAYS
                for start, end in DEFAULT_DAY_SESSIONS
            )
            touch_calendar(calendar.pk)
    except IntegrityError:
        # Another process created it first; the unique constraint keeps one national calendar.
        return Calendar.objects.get(agency__isnull=True)
    return calendar


def materialise_year(year: int, *, calendar: Calendar | None = None) -> bool:
    """Copy ``year``'s public holidays and announced swaps into the national calendar.

    Runs once per year: the ``CalendarYear`` row it leaves stops later runs, and rows already
    present for a date (an administrator's) are kept. Returns whether anything was copied.
    """
    calendar = calendar or ensure_national_calendar()
    with transaction.atomic():
        _marker, created = CalendarYear.objects.get_or_create(
            calendar=calendar,
            year=year,
            defaults={"source_version": holiday_source.package_version()},
        )
        if not created:
            return False
        DayEntry.objects.bulk_create(
            [
                DayEntry(
                    calendar=calendar,
                    date=record.date,
                    kind=record.kind,
                    name=record.name,
                    swapped_with=record.swapped_with,
                    schedule_weekday=record.schedule_weekday,
                    source=record.source,
                    legal_basis=record.legal_basis[:500],
                    confirmed=record.confirmed,
                    note=record.note,
                )
                for record in holiday_source.year_records(year)
            ],
            ignore_conflicts=True,
        )
        touch_calendar(calendar.pk)
    return True


def materialise_years(years: Iterable[int]) -> list[int]:
    """Materialise every year not yet done; returns the years copied now."""
    calendar = ensure_national_calendar()
    return [year for year in sorted(set(years)) if materialise_year(year, calendar=calendar)]


def missing_years(years: Iterable[int]) -> list[int]:
    done = set(
        CalendarYear.objects.filter(calendar__agency__isnull=True).values_list("year", flat=True)
    )
    return sorted(set(years) - done)


def ensure_years(years: Iterable[int]) -> list[int]:
    """Materialise the national years among ``years`` that are missing (cheap when none are)."""
    missing = missing_years(years)
    return materialise_years(missing) if missing else []

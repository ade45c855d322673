"""Reads of the working calendar. ``get_calendar`` is what the dossier core calls: it returns the
immutable ``WorkCalendar`` of an agency (its own override calendars laid over the national one),
built once per process and rebuilt only when a calendar's revision changes. Each agency's
revisions are read again at most every ``CALENDAR_RECHECK_SECONDS`` (a change made in this
process is seen at once, one made by another process within that time)."""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from . import services
from .constants import DayKind
from .models import Calendar, CalendarYear, DayEntry, WorkingSession
from .workcalendar import SpecialDay, WorkCalendar, default_weekly, weekly_from_rows

logger = logging.getLogger(__name__)

_memo: dict[tuple[int, ...], tuple[tuple, WorkCalendar]] = {}
_memo_lock = threading.Lock()
# agency pk (None: national) → (until when its chain needs no re-reading, the chain's memo key)
_checked: dict[int | None, tuple[float, tuple[int, ...]]] = {}


def invalidate() -> None:
    """Forget every memoised calendar of this process (other processes see the revision)."""
    with _memo_lock:
        _memo.clear()
        _checked.clear()


def _recently_checked(agency) -> WorkCalendar | None:
    seen = _checked.get(agency.pk if agency is not None else None)
    if seen is None or seen[0] <= time.monotonic():
        return None
    cached = _memo.get(seen[1])
    return cached[1] if cached is not None else None


def _chain(agency) -> list[tuple]:
    """(pk, agency_id, revision, changed_at) of the national calendar, then of the override
    calendars of the agency's ancestors from the root down to the agency itself."""
    ids = agency.ancestor_ids() if agency is not None else []
    position = {agency_id: rank for rank, agency_id in enumerate(ids)}
    rows = Calendar.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=ids)).values_list(
        "pk", "agency_id", "revision", "changed_at"
    )
    return sorted(rows, key=lambda row: -1 if row[1] is None else position[row[1]])


def get_calendar(agency=None) -> WorkCalendar:
    """The working calendar of ``agency`` (the national one when None). One query when memoised.

    On a rebuild it also materialises the national holidays of last, this and next year if
    they are missing, so a fresh or long-running installation never counts a holiday as work.
    """
    recent = _recently_checked(agency)
    if recent is not None:
        return recent
    rows = _chain(agency)
    if not rows or rows[0][1] is not None:
        services.ensure_national_calendar()
        rows = _chain(agency)
    key = tuple(row[0] for row in rows)
    cached = _memo.get(key)
    if cached is not None and cached[0] == tuple(rows):
        calendar = cached[1]
    else:
        if services.ensure_years(services.default_years()):
            rows = _chain(agency)
        calendar = _build(rows)
    with _memo_lock:
        _memo[key] = (tuple(rows), calendar)
        recheck = settings.CALENDAR_RECHECK_SECONDS
        if recheck > 0:
            _checked[agency.pk if agency is not None else None] = (time.monotonic() + recheck, key)
    return calendar


def calendars_for(agencies) -> dict[int, WorkCalendar]:
    """``get_calendar`` of each of ``agencies`` (pk → calendar), reading the calendar rows of all
    their ancestors in one query: a report over many units pays one query, not one per unit,
    once their calendars are memoised (a missing or stale one is built by ``get_calendar``)."""
    agencies = list(agencies)
    ids = {i for agency in agencies for i in agency.ancestor_ids()}
    rows = Calendar.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=ids)).values_list(
        "pk", "agency_id", "revision", "changed_at"
    )
    by_agency = {row[1]: row for row in rows}
    found = {}
    for agency in agencies:
        chain = tuple(by_agency[i] for i in [None, *agency.ancestor_ids()] if i in by_agency)
        cached = _memo.get(tuple(row[0] for row in chain))
        if chain and chain[0][1] is None and cached is not None and cached[0] == chain:
            found[agency.pk] = cached[1]
        else:
            found[agency.pk] = get_calendar(agency)
    return found


def _build(rows: list[tuple]) -> WorkCalendar:
    pks = [row[0] for row in rows]
    sessions = defaultdict(list)
    for calendar_id, weekday, start, end in WorkingSession.objects.filter(
        calendar_id__in=pks
    ).values_list("calendar_id", "weekday", "start_time", "end_time"):
        sessions[calendar_id].append((weekday, start, end))
    # The deepest calendar that defines weekly sessions defines them all.
    weekly = next((weekly_from_rows(sessions[pk]) for pk in reversed(pks) if sessions[pk]), None)
    if weekly is None or not any(weekly):
        logger.warning("No working session is defined; using Monday–Friday 07:30–17:00.")
        weekly = default_weekly()

    rank = {pk: position for position, pk in enumerate(pks)}
    entries = sorted(
        DayEntry.objects.filter(calendar_id__in=pks).values_list(
            "calendar_id",
            "date",
            "kind",
            "name",
            "swapped_with",
            "schedule_weekday",
            "confirmed",
            "legal_basis",
        ),
        key=lambda entry: rank[entry[0]],
    )
    days: dict[datetime.date, SpecialDay] = {}
    for _pk, day, kind, name, swapped_with, schedule_weekday, confirmed, basis in entries:
        days[day] = SpecialDay(
            date=day,
            kind=DayKind(kind),
            name=name,
            sessions=weekly[schedule_weekday] if kind == DayKind.MAKEUP else (),
            swapped_with=swapped_with,
            confirmed=confirmed,
            legal_basis=basis,
        )
    covered = CalendarYear.objects.filter(calendar_id=pks[0]).values_list("year", flat=True)
    key = "national" if len(pks) == 1 else f"calendar:{pks[-1]}"
    return WorkCalendar(weekly=weekly, days=days.values(), covered_years=covered, key=key)


def special_days(calendar: WorkCalendar, year: int) -> list[SpecialDay]:
    """Days off and make-up working days of ``year`` in ``calendar``, in date order."""
    return sorted(
        (day for day in calendar.days.values() if day.date.year == year),
        key=lambda day: day.date,
    )

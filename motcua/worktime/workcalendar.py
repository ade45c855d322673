"""The immutable in-memory working calendar (lịch làm việc) that the clock computes on.

Built once from the database (see ``selectors.get_calendar``) or from plain data in tests and
benchmarks. Per year it lazily derives an index: for each local day its sessions as integer
microseconds after local midnight and the working time of the year before and after that day,
so the clock answers with one bisection and integer arithmetic. Sessions are wall-clock times;
the zone is assumed not to change its offset inside a session (Vietnam has had no DST since 1975).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

from .constants import DAY_OFF_KINDS, TIME_ZONE_NAME, DayKind, Weekday

LOCAL_TZ = ZoneInfo(TIME_ZONE_NAME)
MICROSECONDS_PER_HOUR = 3_600_000_000

# Default office hours of state agencies (domain.md §5.2): 07:30–11:30 and 13:00–17:00.
DEFAULT_DAY_SESSIONS = (
    (datetime.time(7, 30), datetime.time(11, 30)),
    (datetime.time(13, 0), datetime.time(17, 0)),
)
DEFAULT_WORKING_WEEKDAYS = (
    Weekday.MONDAY,
    Weekday.TUESDAY,
    Weekday.WEDNESDAY,
    Weekday.THURSDAY,
    Weekday.FRIDAY,
)


def require_aware(moment: datetime.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"An aware datetime is required, not the naive {moment.isoformat()}.")


def time_micros(wall: datetime.time | datetime.datetime) -> int:
    """Microseconds after midnight of a wall-clock time."""
    return ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1_000_000 + wall.microsecond


def at_micros(ymd: tuple[int, int, int], micros: int, tz: datetime.tzinfo) -> datetime.datetime:
    """The aware datetime ``micros`` after local midnight of the date ``ymd``."""
    seconds, microsecond = divmod(micros, 1_000_000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return datetime.datetime(*ymd, hour, minute, second, microsecond, tz)


@dataclass(frozen=True, slots=True)
class Session:
    """One working session of a day (buổi làm việc), local wall-clock times."""

    start: datetime.time
    end: datetime.time

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError(f"A session must end after it starts: {self.start}–{self.end}.")


@dataclass(frozen=True, slots=True)
class SpecialDay:
    """A dated exception to the weekly pattern: a day off or a make-up working day."""

    date: datetime.date
    kind: DayKind
    name: str = ""
    # Sessions worked on a make-up day; empty for a day off.
    sessions: tuple[Session, ...] = ()
    swapped_with: datetime.date | None = None
    confirmed: bool = True
    legal_basis: str = ""

    @property
    def is_day_off(self) -> bool:
        return self.kind in DAY_OFF_KINDS


@dataclass(frozen=True, slots=True)
class YearIndex:
    """One local year, day by day: sessions after midnight and running working totals."""

    year: int
    first_ordinal: int
    # Per day of the year: (year, month, day), sessions as (start, end) µs after midnight,
    # working µs of the year before the day starts and after it ends.
    dates: tuple[tuple[int, int, int], ...]
    sessions: tuple[tuple[tuple[int, int], ...], ...]
    before: tuple[int, ...]
    after: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.after[-1]


def default_weekly() -> tuple[tuple[Session, ...], ...]:
    """Monday–Friday 07:30–11:30 and 13:00–17:00; Saturday and Sunday off."""
    day = tuple(Session(start, end) for start, end in DEFAULT_DAY_SESSIONS)
    return tuple(day if weekday in DEFAULT_WORKING_WEEKDAYS else () for weekday in range(7))


def _sorted_sessions(sessions: Iterable[Session]) -> tuple[Session, ...]:
    ordered = tuple(sorted(sessions, key=lambda s: s.start))
    for earlier, later in itertools.pairwise(ordered):
        if later.start < earlier.end:
            raise ValueError(
                f"Overlapping sessions: {earlier.start}–{earlier.end} and {later.start}."
            )
    return ordered


class WorkCalendar:
    """Weekly sessions plus dated exceptions, for one national or agency calendar.

    Immutable: its data never changes after construction. Only the per-year index, which is
    derived from that data, is filled in on first use.
    """

    __slots__ = ("_days", "_index", "_weekly", "covered_years", "key", "tz")

    def __init__(
        self,
        *,
        weekly: Iterable[Iterable[Session]] | None = None,
        days: Iterable[SpecialDay] = (),
        covered_years: Iterable[int] = (),
        key: str = "",
        tz: datetime.tzinfo = LOCAL_TZ,
    ) -> None:
        weekly_sessions = tuple(
            _sorted_sessions(day) for day in (default_weekly() if weekly is None else weekly)
        )
        if len(weekly_sessions) != 7:
            raise ValueError("The weekly pattern needs exactly seven days, Monday first.")
        if not any(weekly_sessions):
            raise ValueError("The weekly pattern has no working session at all.")
        self._weekly = weekly_sessions
        self._days: Mapping[datetime.date, SpecialDay] = MappingProxyType(
            {day.date: day for day in days}
        )
        self.covered_years = frozenset(covered_years)
        self.key = key
        self.tz = tz
        self._index: dict[int, YearIndex] = {}

    def __repr__(self) -> str:
        return f"<WorkCalendar {self.key or '(unnamed)'} years={sorted(self.covered_years)}>"

    @property
    def weekly(self) -> tuple[tuple[Session, ...], ...]:
        return self._weekly

    @property
    def days(self) -> Mapping[datetime.date, SpecialDay]:
        return self._days

    def special_day(self, day: datetime.date) -> SpecialDay | None:
        return self._days.get(day)

    def sessions_on(self, day: datetime.date) -> tuple[Session, ...]:
        special = self._days.get(day)
        if special is None:
            return self._weekly[day.weekday()]
        return () if special.is_day_off else special.sessions

    def is_working_day(self, day: datetime.date) -> bool:
        return bool(self.sessions_on(day))

    def is_covered(self, day: datetime.date) -> bool:
        """Whether the holidays of ``day``'s year were materialised into this calendar."""
        return day.year in self.covered_years

    def year_index(self, year: int) -> YearIndex:
        index = self._index.get(year)
        if index is None:
            index = self._build_year(year)
            self._index[year] = index
        return index

    def _build_year(self, year: int) -> YearIndex:
        dates, sessions, before, after = [], [], [], []
        elapsed = 0
        day = datetime.date(year, 1, 1)
        while day.year == year:
            spans = tuple(
                (time_micros(session.start), time_micros(session.end))
                for session in self.sessions_on(day)
            )
            dates.append((day.year, day.month, day.day))
            sessions.append(spans)
            before.append(elapsed)
            elapsed += sum(end - start for start, end in spans)
            after.append(elapsed)
            day += datetime.timedelta(days=1)
        return YearIndex(
            year=year,
            first_ordinal=datetime.date(year, 1, 1).toordinal(),
            dates=tuple(dates),
            sessions=tuple(sessions),
            before=tuple(before),
            after=tuple(after),
        )


def weekly_from_rows(rows: Iterable[tuple[int, datetime.time, datetime.time]]):
    """Seven tuples of sessions from (weekday, start, end) rows."""
    per_day: list[list[Session]] = [[] for _ in range(7)]
    for weekday, start, end in rows:
        per_day[weekday].append(Session(start, end))
    return tuple(tuple(day) for day in per_day)

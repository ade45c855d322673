"""Public holidays of a year from the ``holidays`` package, with the announced swaps of
``seed`` laid over them, as plain records ready to become calendar rows.

The package converts the lunar dates (Tết, Giỗ Tổ Hùng Vương on 10/3 lunar), adds the
compensatory days of Labour Code art. 111 §3 ("(nghỉ bù)") and some substituted days
("Ngày nghỉ (thay cho ngày dd/mm/yyyy)"), named in Vietnamese.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from . import seed
from .constants import DayKind, EntrySource, Weekday
from .workcalendar import Session, SpecialDay, WorkCalendar, default_weekly

COUNTRY = "VN"
LANGUAGE = "vi"
_SUBSTITUTED = re.compile(r"thay cho ngày (\d{1,2})/(\d{1,2})/(\d{4})")
_OBSERVED = "(nghỉ bù"
_ESTIMATED = "(dự kiến"


@dataclass(frozen=True, slots=True)
class DayRecord:
    """One dated entry of a calendar before it is stored."""

    date: datetime.date
    kind: DayKind
    name: str
    source: EntrySource
    swapped_with: datetime.date | None = None
    schedule_weekday: int = Weekday.MONDAY
    confirmed: bool = True
    legal_basis: str = ""
    note: str = ""


# The `holidays` package (a quarter of a second to import) is imported by the two functions
# that read it, not with the clock that every process loads (#18).


def package_version() -> str:
    import holidays

    return f"holidays {holidays.__version__}"


def package_records(year: int) -> list[DayRecord]:
    """The package's days off for ``year``, plus the make-up days its substitutions imply
    (also those of a substitution listed under the previous or next year)."""
    import holidays

    records: dict[datetime.date, DayRecord] = {}
    found = holidays.country_holidays(COUNTRY, years=(year - 1, year, year + 1), language=LANGUAGE)
    for day, name in sorted(found.items()):
        basis = "Bộ luật Lao động 2019, Điều 112"
        kind = DayKind.HOLIDAY
        swapped_with = None
        match = _SUBSTITUTED.search(name)
        if match:
            kind = DayKind.SWAPPED
            swapped_with = datetime.date(int(match[3]), int(match[2]), int(match[1]))
            basis = "Thông báo hoán đổi ngày làm việc của Chính phủ (theo thư viện holidays)"
        elif _OBSERVED in name:
            kind = DayKind.COMPENSATORY
            basis = "Bộ luật Lao động 2019, Điều 111 khoản 3"
        if swapped_with is not None and swapped_with.year == year:
            records[swapped_with] = _makeup_record(
                swapped_with, day, "", basis, EntrySource.PACKAGE
            )
        if day.year == year:
            records[day] = DayRecord(
                date=day,
                kind=kind,
                name=name,
                source=EntrySource.PACKAGE,
                swapped_with=swapped_with,
                confirmed=_ESTIMATED not in name,
                legal_basis=basis,
            )
    return list(records.values())


def _makeup_record(
    makeup_day: datetime.date,
    day_off: datetime.date,
    occasion: str,
    basis: str,
    source: EntrySource,
) -> DayRecord:
    return DayRecord(
        date=makeup_day,
        kind=DayKind.MAKEUP,
        name=f"Làm bù cho ngày nghỉ {day_off:%d/%m/%Y}" + (f" ({occasion})" if occasion else ""),
        source=source,
        swapped_with=day_off,
        schedule_weekday=day_off.weekday(),
        legal_basis=basis,
    )


def seed_records(year: int) -> list[DayRecord]:
    """The announced swaps touching ``year``."""
    records = []
    for swap in seed.SWAPS:
        if swap.day_off.year == year:
            records.append(
                DayRecord(
                    date=swap.day_off,
                    kind=DayKind.SWAPPED,
                    name=f"Nghỉ hoán đổi {swap.occasion} (làm bù {swap.makeup_day:%d/%m/%Y})",
                    source=EntrySource.ANNOUNCEMENT,
                    swapped_with=swap.makeup_day,
                    legal_basis=swap.legal_basis,
                )
            )
        if swap.makeup_day.year == year:
            records.append(
                _makeup_record(
                    swap.makeup_day,
                    swap.day_off,
                    swap.occasion,
                    swap.legal_basis,
                    EntrySource.ANNOUNCEMENT,
                )
            )
    return records


@functools.lru_cache(maxsize=64)
def year_records(year: int) -> tuple[DayRecord, ...]:
    """Everything a year's national calendar starts from: package days, then announced swaps
    (which win on the same date), then the unconfirmed flags. Cached: it depends only on the
    year and the installed package."""
    merged = {record.date: record for record in package_records(year)}
    merged.update((record.date, record) for record in seed_records(year))
    for day, note in seed.UNCONFIRMED.items():
        if day in merged:
            merged[day] = replace(merged[day], confirmed=False, note=note)
    return tuple(sorted(merged.values(), key=lambda record: record.date))


def special_day(record: DayRecord, weekly: tuple[tuple[Session, ...], ...]) -> SpecialDay:
    return SpecialDay(
        date=record.date,
        kind=record.kind,
        name=record.name,
        sessions=weekly[record.schedule_weekday] if record.kind == DayKind.MAKEUP else (),
        swapped_with=record.swapped_with,
        confirmed=record.confirmed,
        legal_basis=record.legal_basis,
    )


def in_memory_calendar(years: Iterable[int], *, key: str = "national") -> WorkCalendar:
    """The default national calendar for ``years`` without a database (tests, benchmarks)."""
    weekly = default_weekly()
    years = sorted(set(years))
    days = [special_day(record, weekly) for year in years for record in year_records(year)]
    return WorkCalendar(weekly=weekly, days=days, covered_years=years, key=key)

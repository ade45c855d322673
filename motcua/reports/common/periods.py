"""Report periods: local (Asia/Ho_Chi_Minh) dates, both ends inclusive."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("The period ends before it starts.")

    @property
    def start_at(self) -> datetime.datetime:
        """The first instant of the period."""
        return datetime.datetime.combine(
            self.start, datetime.time.min, tzinfo=timezone.get_default_timezone()
        )

    @property
    def end_at(self) -> datetime.datetime:
        """The first instant after the period (open dossiers are measured at ``measured_at``)."""
        return datetime.datetime.combine(
            self.end + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=timezone.get_default_timezone(),
        )

    def measured_at(self, now: datetime.datetime | None = None) -> datetime.datetime:
        """The measuring moment (thời điểm tính số liệu): the instant at which the period's open
        dossiers and feedback are measured — within time or overdue, waiting, in progress. It is
        the period end, or now while the period has not ended: a dossier due on the 15th is not
        "quá hạn" in a report of the current month read on the 7th. A past period's figures
        read the same whenever they are read. Every report measures through this one function.
        """
        return min(self.end_at, now or timezone.now())

    def contains(self, moment: datetime.datetime | None) -> bool:
        return moment is not None and self.start_at <= moment < self.end_at

    def weeks(self) -> list[Period]:
        """ISO weeks (Monday to Sunday) overlapping the period, clipped to it."""
        weeks = []
        monday = self.start - datetime.timedelta(days=self.start.weekday())
        while monday <= self.end:
            sunday = monday + datetime.timedelta(days=6)
            weeks.append(Period(max(monday, self.start), min(sunday, self.end)))
            monday += datetime.timedelta(days=7)
        return weeks

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def parse_date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text.strip())


def shift_years(period: Period, years: int = -1) -> Period:
    """The same period ``years`` years away (−1: "cùng kỳ năm trước"). A day keeps its day and
    month; an end on the last day of its month stays on the last day of the month, so a whole
    month, quarter, half-year or year maps onto the whole one (1–28/02/2025 → 1–29/02/2024), and
    a 29 February that the other year lacks becomes the 28th (29/02/2024 → 28/02/2023)."""

    def shift(day: datetime.date, *, month_end: bool) -> datetime.date:
        year = day.year + years
        last = calendar.monthrange(year, day.month)[1]
        if month_end and day.day == calendar.monthrange(day.year, day.month)[1]:
            return datetime.date(year, day.month, last)
        return datetime.date(year, day.month, min(day.day, last))

    return Period(shift(period.start, month_end=False), shift(period.end, month_end=True))

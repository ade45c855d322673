"""Report periods: local (Asia/Ho_Chi_Minh) dates, both ends inclusive."""

from __future__ import annotations

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
        """The first instant after the period: open dossiers are measured here."""
        return datetime.datetime.combine(
            self.end + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=timezone.get_default_timezone(),
        )

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

"""Due times that explain themselves: what was skipped between receipt and due time.

``compute_due`` applies the cut-off, the roll-forward and the arithmetic of ``clock`` and lists
each reason as an ``ExplanationItem``; the text of an item is built in the language active when
it is read (``item.text``), so a stored result can be shown in Vietnamese or English.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from . import clock, texts
from .constants import ExplanationKind, RollForwardReason
from .workcalendar import MICROSECONDS_PER_HOUR, WorkCalendar


@dataclass(frozen=True, slots=True)
class ExplanationItem:
    """One reason in the explanation of a due time (kind plus the facts its text needs)."""

    kind: ExplanationKind
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def text(self) -> str:
        return texts.render(self.kind, self.params)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class DueResult:
    """A computed due time (ngày hẹn trả) with the instants it came from and why."""

    received_at: datetime.datetime
    counting_from: datetime.datetime
    due: datetime.datetime
    explanation: tuple[ExplanationItem, ...] = ()

    def lines(self) -> list[str]:
        return [item.text for item in self.explanation]

    def with_items(self, *items: ExplanationItem, due: datetime.datetime | None = None):
        return replace(
            self, due=self.due if due is None else due, explanation=self.explanation + items
        )


def _days(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def _roll_forward_reason(moment: datetime.datetime, calendar: WorkCalendar) -> RollForwardReason:
    sessions = calendar.sessions_on(moment.date())
    wall = moment.time()
    if not sessions:
        return RollForwardReason.DAY_OFF
    if wall < sessions[0].start:
        return RollForwardReason.BEFORE_HOURS
    if wall >= sessions[-1].end:
        return RollForwardReason.AFTER_HOURS
    return RollForwardReason.BETWEEN_SESSIONS


def day_items(
    first: datetime.date,
    last: datetime.date,
    calendar: WorkCalendar,
    *,
    makeup_from: datetime.date | None = None,
) -> list[ExplanationItem]:
    """Days off between ``first`` and ``last`` (weekly rest grouped by run, every other day off
    by name) and make-up days worked from ``makeup_from`` on."""
    items: list[ExplanationItem] = []
    weekend_run: list[datetime.date] = []

    def close_run() -> None:
        if weekend_run:
            items.append(
                ExplanationItem(
                    ExplanationKind.WEEKEND, {"first": weekend_run[0], "last": weekend_run[-1]}
                )
            )
            weekend_run.clear()

    for day in _days(first, last):
        special = calendar.special_day(day)
        if special is None:
            if calendar.weekly[day.weekday()]:
                close_run()
            else:
                weekend_run.append(day)
            continue
        close_run()
        if special.is_day_off:
            items.append(
                ExplanationItem(
                    ExplanationKind.DAY_OFF,
                    {
                        "first": day,
                        "last": day,
                        "day_kind": special.kind,
                        "name": special.name,
                        "swapped_with": special.swapped_with,
                        "confirmed": special.confirmed,
                    },
                )
            )
        elif makeup_from is None or day >= makeup_from:
            items.append(
                ExplanationItem(ExplanationKind.MAKEUP, {"day": day, "name": special.name})
            )
    close_run()
    return items


def _gap_items(
    start: datetime.datetime, due: datetime.datetime, calendar: WorkCalendar
) -> list[ExplanationItem]:
    """Breaks between sessions and nights between working days inside [start, due]."""
    breaks: list[tuple[datetime.time, datetime.time]] = []
    nights = 0
    previous_end: datetime.datetime | None = None
    for day in _days(start.date(), due.date()):
        sessions = calendar.sessions_on(day)
        for position, session in enumerate(sessions):
            begin = datetime.datetime.combine(day, session.start, tzinfo=calendar.tz)
            if previous_end is not None and previous_end >= start and begin <= due:
                if position == 0:
                    nights += 1
                else:
                    breaks.append((sessions[position - 1].end, session.start))
            previous_end = datetime.datetime.combine(day, session.end, tzinfo=calendar.tz)
    items = []
    if breaks:
        params: dict[str, Any] = {"count": len(breaks)}
        if len(set(breaks)) == 1:
            params["start"], params["end"] = breaks[0]
        items.append(ExplanationItem(ExplanationKind.LUNCH_BREAK, params))
    if nights:
        items.append(ExplanationItem(ExplanationKind.OVERNIGHT, {"count": nights}))
    return items


def _uncovered_items(
    first: datetime.date, last: datetime.date, calendar: WorkCalendar
) -> list[ExplanationItem]:
    return [
        ExplanationItem(ExplanationKind.UNCOVERED_YEAR, {"year": year})
        for year in range(first.year, last.year + 1)
        if year not in calendar.covered_years
    ]


def compute_due(
    received_at: datetime.datetime,
    amount: Decimal | int | str | float,
    unit: str,
    calendar: WorkCalendar,
    *,
    cutoff: datetime.time | None = None,
    explain: bool = True,
) -> DueResult:
    """The due time of a dossier received at ``received_at`` with a time limit of ``amount``
    ``unit``, after the cut-off rule (when ``cutoff`` is given), with its explanation."""
    received = clock.local(received_at, calendar)
    value = clock.as_decimal(amount)
    effective = clock.effective_receipt_time(received, cutoff, calendar)
    if unit in clock.WORKING_UNITS:
        counting_from = clock.next_working_instant(effective, calendar)
        due = clock.add_working_time(counting_from, value, unit, calendar)
    else:
        counting_from = effective
        due = clock.add_calendar_time(effective, value, unit, calendar)
    if not explain:
        return DueResult(received, counting_from, due)

    micros = clock.working_micros(value, unit) if unit in clock.WORKING_UNITS else 0
    items = [
        ExplanationItem(
            ExplanationKind.AMOUNT,
            {
                "amount": value,
                "unit": unit,
                "hours": Decimal(micros) / MICROSECONDS_PER_HOUR,
                "start": counting_from,
            },
        )
    ]
    if effective != received:
        items.append(
            ExplanationItem(
                ExplanationKind.CUTOFF,
                {"received": received, "cutoff": cutoff, "start": effective},
            )
        )
    if counting_from != effective:
        items.append(
            ExplanationItem(
                ExplanationKind.ROLL_FORWARD,
                {
                    "received": effective,
                    "start": counting_from,
                    "reason": _roll_forward_reason(effective, calendar),
                },
            )
        )
    if unit in clock.WORKING_UNITS:
        items += day_items(received.date(), due.date(), calendar, makeup_from=counting_from.date())
        items += _gap_items(counting_from, due, calendar)
        if micros and clock.is_session_end(due, calendar):
            items.append(ExplanationItem(ExplanationKind.SESSION_END, {"due": due}))
    else:
        last = clock.calendar_last_day(effective, value, unit, calendar)
        if last < due.date():
            items += day_items(last, due.date() - datetime.timedelta(days=1), calendar)
        items.append(ExplanationItem(ExplanationKind.CALENDAR_END, {"last": last, "due": due}))
    items += _uncovered_items(received.date(), due.date(), calendar)
    return DueResult(received, counting_from, due, tuple(items))


def restarted_due(
    completed_at: datetime.datetime,
    amount: Decimal | int | str | float,
    unit: str,
    calendar: WorkCalendar,
    *,
    cutoff: datetime.time | None = None,
) -> DueResult:
    """The legal rule for a supplement after appraisal (Decree 61/2018 art. 19 §4): once the
    dossier is complete, the whole time limit runs again from the completion."""
    return as_restart(compute_due(completed_at, amount, unit, calendar, cutoff=cutoff), calendar)


def as_restart(result: DueResult, calendar: WorkCalendar) -> DueResult:
    """``result``, computed as if received at the completion of a supplement, explained as the
    legal restart (its first line says the limit runs again from that instant)."""
    restart = ExplanationItem(
        ExplanationKind.RESTART, {"completed": clock.local(result.received_at, calendar)}
    )
    return replace(result, explanation=(restart, *result.explanation))

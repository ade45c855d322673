"""Clock pauses (tạm dừng): supplement requests and financial obligations.

Two rules coexist (domain.md §4.5) and the dossier core picks one per rule version:

* the statistical rule of the national portal: the applicant's time is not counted, so the due
  time moves later by the working time paused (``shift_due_by_pauses``), and a dossier still
  waiting is measured at its request time (``statistical_punctuality``);
* the legal rule of Decree 61/2018 art. 19 §4: after a supplement requested during appraisal the
  whole time limit restarts once the dossier is complete (``explain.restarted_due``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from . import clock
from .constants import ExplanationKind, PauseReason, Punctuality
from .explain import DueResult, ExplanationItem, day_items
from .punctuality import classify_finish
from .workcalendar import WorkCalendar, require_aware


@dataclass(frozen=True, slots=True)
class Pause:
    """One stop of the clock: from the request to the applicant's answer (end None: waiting)."""

    start: datetime.datetime
    end: datetime.datetime | None = None
    reason: PauseReason = PauseReason.SUPPLEMENT

    def __post_init__(self) -> None:
        require_aware(self.start)
        if self.end is not None and (require_aware(self.end) or self.end < self.start):
            raise ValueError("A pause cannot end before it starts.")


def closed_intervals(
    pauses: Iterable[Pause], *, as_of: datetime.datetime | None = None
) -> list[tuple[datetime.datetime, datetime.datetime, PauseReason]]:
    """Pauses as closed intervals in time order, overlaps merged so no time counts twice.

    A pause still open is closed at ``as_of``; without ``as_of`` an open pause is an error.
    """
    spans = []
    for pause in pauses:
        end = pause.end
        if end is None:
            if as_of is None:
                raise ValueError("A pause is still open: give as_of to measure it.")
            end = max(as_of, pause.start)
        spans.append((pause.start, end, pause.reason))
    spans.sort(key=lambda span: span[0])
    merged: list[tuple[datetime.datetime, datetime.datetime, PauseReason]] = []
    for start, end, reason in spans:
        if merged and start <= merged[-1][1]:
            first_start, first_end, first_reason = merged[-1]
            merged[-1] = (first_start, max(first_end, end), first_reason)
        else:
            merged.append((start, end, reason))
    return merged


def paused_working_micros(
    pauses: Iterable[Pause], calendar: WorkCalendar, *, as_of: datetime.datetime | None = None
) -> int:
    """Working time covered by the pauses, in microseconds."""
    return sum(
        clock.working_micros_between(start, end, calendar)
        for start, end, _reason in closed_intervals(pauses, as_of=as_of)
    )


def shift_due_by_pauses(
    due: datetime.datetime,
    pauses: Iterable[Pause],
    calendar: WorkCalendar,
    *,
    as_of: datetime.datetime | None = None,
) -> datetime.datetime:
    """The statistical rule: ``due`` moved later by the working time paused."""
    paused = paused_working_micros(pauses, calendar, as_of=as_of)
    if paused == 0:
        return clock.local(due, calendar)
    return clock.add_working_micros(due, paused, calendar)


def due_after_pauses(
    result: DueResult,
    pauses: Iterable[Pause],
    calendar: WorkCalendar,
    *,
    as_of: datetime.datetime | None = None,
) -> DueResult:
    """``result`` with its due time moved by the pauses, each explained."""
    items = []
    total = 0
    for start, end, reason in closed_intervals(pauses, as_of=as_of):
        micros = clock.working_micros_between(start, end, calendar)
        total += micros
        items.append(
            ExplanationItem(
                ExplanationKind.PAUSE,
                {
                    "start": clock.local(start, calendar),
                    "end": clock.local(end, calendar),
                    "reason": reason,
                    "micros": micros,
                },
            )
        )
    if not total:
        return result.with_items(*items)
    due = clock.add_working_micros(result.due, total, calendar)
    # Days off crossed by the extension are explained too.
    items += day_items(result.due.date() + datetime.timedelta(days=1), due.date(), calendar)
    return result.with_items(*items, due=due)


def statistical_punctuality(
    finished_at: datetime.datetime | None,
    due: datetime.datetime,
    pauses: Iterable[Pause],
    calendar: WorkCalendar,
    *,
    as_of: datetime.datetime,
    max_supplement_requests: int = 1,
) -> Punctuality:
    """Early / on time / late as the national statistics count it (766 formula, [practice]).

    More supplement requests than ``max_supplement_requests`` count as late; a dossier waiting
    for the applicant is measured at its request time; an open dossier at ``as_of``.
    """
    pauses = list(pauses)
    supplements = sum(1 for pause in pauses if pause.reason == PauseReason.SUPPLEMENT)
    if supplements > max_supplement_requests:
        return Punctuality.LATE
    waiting = [pause.start for pause in pauses if pause.end is None]
    if waiting:
        finish = min(waiting)
        closed = [pause for pause in pauses if pause.end is not None and pause.end <= finish]
    else:
        finish = finished_at or as_of
        closed = pauses
    return classify_finish(
        finish, shift_due_by_pauses(due, closed, calendar, as_of=as_of), calendar
    )

"""A dossier's statistical state at any instant, and its whole timeline.

The reports measure a dossier at a period's measuring moment (its end, or now while it runs:
``Period.measured_at``): finished before it (with its punctuality), waiting
for the applicant (supplement or financial obligation), or in progress — within time or overdue
by the statistical rule of Decision 766 (``worktime.pauses.statistical_punctuality``). The same
function serves the reports that load dossiers (``facts``) and the daily aggregates, which store
each dossier's timeline as spans of constant state: the two cannot disagree.

Instants are treated as the reports see them at a period end ``T``: an event counts when it
happened strictly before ``T`` (a pause that ends exactly at ``T`` is still open at ``T``), so a
state holds on a half-open interval ``(start, end]``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from motcua.dossiers.constants import Outcome
from motcua.worktime import pauses as wt_pauses
from motcua.worktime.constants import PauseReason, Punctuality

from ..constants import Bucket, PauseKind

MICROSECOND = datetime.timedelta(microseconds=1)
# Plain strings: compared millions of times in a rebuild of the aggregates.
STOPPED = str(Outcome.STOPPED)
SUPPLEMENT_PAUSE = str(PauseReason.SUPPLEMENT)


class PauseSpan(NamedTuple):
    """A pause as stored (end None: still waiting). Read by the working-time functions like a
    ``worktime.pauses.Pause``; a tuple, because the aggregates build millions of them."""

    start: datetime.datetime
    end: datetime.datetime | None
    reason: str


@dataclass(frozen=True)
class History:
    """What the statistics need of a dossier's life; read from the dossier once."""

    received_at: datetime.datetime
    finished_at: datetime.datetime | None
    outcome: str
    original_due_at: datetime.datetime | None
    max_supplements: int
    pauses: tuple[PauseSpan, ...]

    @classmethod
    def of(cls, record) -> History:
        """From a ``records.DossierRecord``."""
        return cls(
            received_at=record.received_at,
            finished_at=record.finished_at,
            outcome=record.outcome,
            original_due_at=record.original_due_at,
            max_supplements=record.max_supplements,
            pauses=record.pauses,
        )


@dataclass(frozen=True)
class State:
    """The dossier at an instant."""

    bucket: str  # Bucket: processed, in progress or paused
    pause_kind: str  # PauseKind when paused (stopped dossiers are "paused" as 766 counts them)
    punctuality: str | None  # None without a due time
    due_at: datetime.datetime | None  # the statistical due time as known then
    supplement_count: int
    finished: bool

    @property
    def late(self) -> bool:
        return self.punctuality == Punctuality.LATE


def pauses_at(history: History, moment: datetime.datetime) -> list[PauseSpan]:
    """The pauses as they stood at ``moment``: later ones unknown, unfinished ones open."""
    return [
        pause
        if pause.end is not None and pause.end < moment
        else PauseSpan(pause.start, None, pause.reason)
        for pause in history.pauses
        if pause.start < moment
    ]


def state_at(history: History, calendar, moment: datetime.datetime) -> State:
    """The dossier as the reports see it at ``moment`` (a measuring moment, ``Period.measured_at``)."""
    finished = (
        history.finished_at
        if history.finished_at is not None and history.finished_at < moment
        else None
    )
    pauses = pauses_at(history, moment) if history.pauses else []
    open_pause = next((p for p in pauses if p.end is None), None)
    if finished is not None and history.outcome == STOPPED:
        bucket, pause_kind = Bucket.PAUSED, PauseKind.STOPPED
    elif finished is not None:
        bucket, pause_kind = Bucket.PROCESSED, ""
    elif open_pause is not None:
        bucket = Bucket.PAUSED
        pause_kind = (
            PauseKind.SUPPLEMENT
            if open_pause.reason == PauseReason.SUPPLEMENT
            else PauseKind.FINANCIAL
        )
    else:
        bucket, pause_kind = Bucket.IN_PROGRESS, ""
    punctuality = due = None
    if history.original_due_at is not None:
        punctuality = wt_pauses.statistical_punctuality(
            finished,
            history.original_due_at,
            pauses,
            calendar,
            as_of=moment,
            max_supplement_requests=history.max_supplements,
        )
        closed = [p for p in pauses if p.end is not None] if open_pause is not None else pauses
        due = wt_pauses.shift_due_by_pauses(history.original_due_at, closed, calendar, as_of=moment)
    return State(
        bucket=bucket,
        pause_kind=pause_kind,
        punctuality=punctuality,
        due_at=due,
        supplement_count=sum(1 for p in pauses if p.reason == SUPPLEMENT_PAUSE),
        finished=finished is not None,
    )


# The states an open dossier passes through, as stored in the aggregates.
IN_PROGRESS = "in_progress"
IN_PROGRESS_LATE = "in_progress_late"
SUPPLEMENT = "supplement"
SUPPLEMENT_LATE = "supplement_late"
FINANCIAL = "financial"
FINANCIAL_LATE = "financial_late"
OPEN_STATES = (
    IN_PROGRESS,
    IN_PROGRESS_LATE,
    SUPPLEMENT,
    SUPPLEMENT_LATE,
    FINANCIAL,
    FINANCIAL_LATE,
)
LATE_STATES = frozenset({IN_PROGRESS_LATE, SUPPLEMENT_LATE, FINANCIAL_LATE})
PAUSED_STATES = frozenset({SUPPLEMENT, SUPPLEMENT_LATE, FINANCIAL, FINANCIAL_LATE})


def open_state(state: State) -> str:
    """The aggregate's name of the state of a dossier not finished."""
    if state.bucket == Bucket.IN_PROGRESS:
        return IN_PROGRESS_LATE if state.late else IN_PROGRESS
    if state.pause_kind == PauseKind.SUPPLEMENT:
        return SUPPLEMENT_LATE if state.late else SUPPLEMENT
    return FINANCIAL_LATE if state.late else FINANCIAL


@dataclass(frozen=True)
class Span:
    """``state`` holds at every instant of ``(start, end]`` (``end`` None: still holds)."""

    state: str
    start: datetime.datetime
    end: datetime.datetime | None


def timeline(history: History, calendar) -> list[Span]:
    """The open life of the dossier, from its receipt to its end, as spans of constant state.

    The state only changes at an event (a pause starting or ending) or, while in progress, when
    the statistical due time passes; so it is evaluated just after each event and split once at
    the due time where that falls before the next event.
    """
    received = history.received_at
    end = history.finished_at
    inner = {received}
    for pause in history.pauses:
        for moment in (pause.start, pause.end):
            if moment is not None and moment > received and (end is None or moment < end):
                inner.add(moment)
    points = sorted(inner)
    spans: list[Span] = []
    for i, start in enumerate(points):
        stop = points[i + 1] if i + 1 < len(points) else end
        state = state_at(history, calendar, start + MICROSECOND)
        name = open_state(state)
        if (
            name == IN_PROGRESS
            and state.due_at is not None
            and state.due_at > start
            and (stop is None or state.due_at < stop)
        ):
            _append(spans, Span(IN_PROGRESS, start, state.due_at))
            _append(spans, Span(IN_PROGRESS_LATE, state.due_at, stop))
        else:
            _append(spans, Span(name, start, stop))
    return spans


def _append(spans: list[Span], span: Span) -> None:
    if spans and spans[-1].state == span.state:
        spans[-1] = Span(span.state, spans[-1].start, span.end)
    else:
        spans.append(span)


def finish_state(history: History, calendar) -> State | None:
    """The state right after the dossier ended (None while open)."""
    if history.finished_at is None:
        return None
    return state_at(history, calendar, history.finished_at + MICROSECOND)

"""The history as read on a screen: a run of the same repeated action (an applicant saving the
draft again and again) is one line — "Lưu nháp ×5, lần cuối 10:32 04/03/2026" — instead of
five. The events themselves are never changed."""

from __future__ import annotations

from dataclasses import dataclass

from .constants import Action
from .models import Event

# Actions that say nothing new when repeated in a row.
FOLDED = frozenset({Action.SAVE_DRAFT})


@dataclass(frozen=True)
class Line:
    """One line of the history: ``event`` (the first of its run) repeated ``times`` times, the
    last time at ``last.at``."""

    event: Event
    last: Event
    times: int

    @property
    def folded(self) -> bool:
        return self.times > 1


def fold(events: list[Event]) -> list[Line]:
    """``events`` in their order, each run of consecutive ``FOLDED`` events of the same action
    and the same person made one line."""
    lines: list[Line] = []
    for event in events:
        previous = lines[-1] if lines else None
        if (
            previous is not None
            and event.action in FOLDED
            and previous.event.action == event.action
            and previous.event.actor_id == event.actor_id
        ):
            lines[-1] = Line(previous.event, event, previous.times + 1)
        else:
            lines.append(Line(event, event, 1))
    return lines

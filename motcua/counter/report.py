"""The managers' report of a centre: per day and field, how many took a number, were served or
did not show, the waiting time (taken → called) and the service time (called → done), and how
the tablet ratings went."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from motcua.feedback.constants import Level

from .constants import TicketStatus
from .models import Ticket, TicketRating
from .selectors import name_key


def _minutes(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 60


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


@dataclass
class Row:
    """One day and field (or, with ``day`` None, one field over the period)."""

    day: datetime.date | None
    field_name: str
    taken: int = 0
    served: int = 0
    no_show: int = 0
    unserved: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    levels: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, ticket: Ticket, level: str | None) -> None:
        self.taken += 1
        if ticket.called_at is not None:
            self.waits.append(_minutes(ticket.called_at - ticket.taken_at))
        if ticket.status == TicketStatus.DONE:
            self.served += 1
            self.services.append(_minutes(ticket.finished_at - ticket.called_at))
        elif ticket.status == TicketStatus.NO_SHOW:
            self.no_show += 1
        else:
            self.unserved += 1
        if level:
            self.levels[level] += 1

    @property
    def mean_wait(self) -> float | None:
        return _mean(self.waits)

    @property
    def max_wait(self) -> float | None:
        return round(max(self.waits), 1) if self.waits else None

    @property
    def mean_service(self) -> float | None:
        return _mean(self.services)

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    @property
    def satisfied(self) -> int:
        return self.levels[Level.VERY_SATISFIED] + self.levels[Level.SATISFIED]

    @property
    def not_satisfied(self) -> int:
        return self.levels[Level.NOT_SATISFIED]


@dataclass
class Report:
    centre: object
    start: datetime.date
    end: datetime.date
    days: list[Row]
    fields: list[Row]
    total: Row


def waiting_times(centre, start: datetime.date, end: datetime.date) -> Report:
    """Tickets of ``centre`` taken from ``start`` to ``end`` (both included). Two queries."""
    tickets = list(
        Ticket.objects.filter(centre=centre, day__gte=start, day__lte=end)
        .select_related("field")
        .order_by("day", "field__name", "number")
    )
    levels = dict(
        TicketRating.objects.filter(ticket__in=[t.pk for t in tickets]).values_list(
            "ticket_id", "level"
        )
    )
    tickets.sort(key=lambda t: (t.day, name_key(t.field.name), t.number))
    days: dict[tuple, Row] = {}
    fields: dict[str, Row] = {}
    total = Row(None, "")
    for ticket in tickets:
        level = levels.get(ticket.pk)
        name = ticket.field.name
        days.setdefault((ticket.day, name), Row(ticket.day, name)).add(ticket, level)
        fields.setdefault(name, Row(None, name)).add(ticket, level)
        total.add(ticket, level)
    return Report(
        centre=centre,
        start=start,
        end=end,
        days=list(days.values()),
        fields=sorted(fields.values(), key=lambda r: name_key(r.field_name)),
        total=total,
    )


def default_period() -> tuple[datetime.date, datetime.date]:
    """The last seven days, today included."""
    today = timezone.localdate()
    return today - datetime.timedelta(days=6), today

"""Reads of counters and tickets: what the kiosk offers, the board, the desk, the tablet."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from motcua.catalog.models import Field

from .constants import BOARD_CALLED, BOARD_WAITING, RATING_WINDOW_MINUTES, TicketStatus
from .models import Counter, CounterSession, Ticket


def name_key(name: str) -> str:
    """Alphabetical as Vietnamese readers expect (Đ with D, accents after the letter), not by
    code point, which puts "Đăng ký" after "Thành lập"."""
    return unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d")).casefold()


def by_name(field: Field) -> str:
    return name_key(field.name)


def rating_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=RATING_WINDOW_MINUTES)


def served_field_ids(centre) -> set[int]:
    """Fields served by at least one open counter of ``centre``."""
    return set(
        Counter.objects.filter(centre=centre, is_open=True).values_list("fields", flat=True)
    ) - {None}


def waiting_counts(centre, *, day: datetime.date | None = None):
    """(field id, tickets waiting for it today at ``centre``) pairs."""
    return (
        Ticket.objects.filter(
            centre=centre, day=day or timezone.localdate(), status=TicketStatus.WAITING
        )
        .values("field_id")
        .annotate(n=Count("pk"))
        .values_list("field_id", "n")
    )


def kiosk_fields(centre, *, day: datetime.date | None = None) -> list[tuple[Field, int]]:
    """The fields a citizen may choose at ``centre``'s kiosk, each with how many wait for it."""
    waiting = dict(waiting_counts(centre, day=day))
    fields = sorted(Field.objects.filter(pk__in=served_field_ids(centre)), key=by_name)
    return [(field, waiting.get(field.pk, 0)) for field in fields]


def waiting_by_field(counter: Counter) -> list[tuple[Field, int]]:
    """The counter's fields, each with how many wait for it today at its centre."""
    waiting = dict(waiting_counts(counter.centre))
    return [(f, waiting.get(f.pk, 0)) for f in sorted(counter.fields.all(), key=by_name)]


def waiting_ahead(ticket: Ticket) -> int:
    """Tickets of the same field and centre taken earlier that day and still waiting."""
    return Ticket.objects.filter(
        centre_id=ticket.centre_id,
        day=ticket.day,
        field_id=ticket.field_id,
        status=TicketStatus.WAITING,
        number__lt=ticket.number,
    ).count()


def ticket_of(centre, ticket_id: int, key: str) -> Ticket:
    """A printed ticket by its id and random key; Ticket.DoesNotExist otherwise."""
    return Ticket.objects.select_related("field", "centre", "counter").get(
        centre=centre, pk=ticket_id, key=key
    )


def serving(counter: Counter) -> Ticket | None:
    """The ticket being served at ``counter``, if any."""
    return (
        Ticket.objects.filter(counter=counter, status=TicketStatus.CALLED)
        .select_related("field")
        .order_by("-called_at")
        .first()
    )


def session_of(officer) -> CounterSession | None:
    return (
        CounterSession.objects.filter(officer=officer, ended_at__isnull=True)
        .select_related("counter__centre")
        .first()
    )


def sitting_at(counters) -> dict[int, CounterSession]:
    """Counter id → its open session, for the counters listed."""
    sessions = CounterSession.objects.filter(
        counter__in=counters, ended_at__isnull=True
    ).select_related("officer")
    return {s.counter_id: s for s in sessions}


@dataclass(frozen=True)
class Board:
    called: list[Ticket]
    waiting: list[Ticket]
    waiting_count: int
    counters: list[Counter]


def board(centre, *, day: datetime.date | None = None) -> Board:
    """What the display board shows: the numbers being called and where (the latest call
    first), the next waiting numbers, and the open counters with their fields."""
    day = day or timezone.localdate()
    today = Ticket.objects.filter(centre=centre, day=day).select_related("field", "counter")
    waiting = today.filter(status=TicketStatus.WAITING).order_by("number")
    return Board(
        called=list(today.filter(status=TicketStatus.CALLED).order_by("-called_at")[:BOARD_CALLED]),
        waiting=list(waiting[:BOARD_WAITING]),
        waiting_count=waiting.count(),
        counters=list(
            Counter.objects.filter(centre=centre, is_open=True).prefetch_related("fields")
        ),
    )


def ratable_ticket(counter: Counter, *, at: datetime.datetime | None = None) -> Ticket | None:
    """The ticket the tablet of ``counter`` offers for rating: the last one the counter finished
    as served, within the rating window, while it is unrated."""
    now = at or timezone.now()
    latest = (
        Ticket.objects.filter(
            counter=counter,
            status__in=(TicketStatus.DONE, TicketStatus.NO_SHOW),
            finished_at__gte=now - rating_window(),
        )
        .select_related("field", "dossier", "officer")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if latest is None or latest.status != TicketStatus.DONE:
        return None
    if hasattr(latest, "rating"):
        return None
    return latest

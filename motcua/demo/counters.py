"""Counters of Phường Xuân Hương - Đà Lạt's public administration centre (#20 item 3): three
counters by field, each tablet with a published demo device token, so that `make run` shows the
kiosk, the board, the officer's "call next" and the rating tablet. Idempotent."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from motcua.catalog.models import Field
from motcua.counter import services
from motcua.counter.constants import TicketAction, TicketStatus
from motcua.counter.models import Counter, Ticket
from motcua.feedback.constants import Level

# (number, name, field codes of the demo catalogue)
COUNTERS = (
    (1, "Hộ tịch - Chứng thực", ("HT", "CT")),
    (2, "Cư trú - Bảo trợ xã hội", ("CU", "BTXH")),
    (3, "Đất đai - Xây dựng - Kinh doanh", ("DD", "XD", "HKD")),
)


def demo_token(number: int) -> str:
    """The demo tablet's device token, published like the demo password; never in production."""
    return f"demo-quay-{number}"


@dataclass(frozen=True)
class Screen:
    who: str
    where: str


def load_counters(centre, *, actor) -> list[Screen]:
    """The centre's counters and the addresses of its screens."""
    fields = {
        f.code: f for f in Field.objects.filter(code__in={c for *_, cs in COUNTERS for c in cs})
    }
    screens = [
        Screen("Màn hình lấy số", f"/counter/centres/{centre.pk}/kiosk/"),
        Screen("Bảng gọi số", f"/counter/centres/{centre.pk}/board/"),
        Screen("Cán bộ gọi số", "/counter/desk/"),
    ]
    for number, name, codes in COUNTERS:
        counter, created = Counter.objects.get_or_create(
            centre=centre, number=number, defaults={"name": name}
        )
        if created:
            counter.fields.set([fields[c] for c in codes if c in fields])
            services.issue_device_token(counter, actor=actor, token=demo_token(number))
        screens.append(
            Screen(
                f"Máy tính bảng đánh giá – {counter.label}",
                f"/counter/tablet/{counter.pk}/{demo_token(number)}/",
            )
        )
    return screens


def load_history(centre, *, officer, days: int = 7, seed: int = 2026) -> int:
    """A week of served tickets at ``centre`` (working days, mornings), through the services at
    their past times, so the waiting-time report has something to show. Only when the centre has
    no ticket yet; the number of tickets made."""
    if Ticket.objects.filter(centre=centre).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - a reproducible demo, not a secret
    counters = list(Counter.objects.filter(centre=centre).prefetch_related("fields"))
    fields = [f for c in counters for f in c.fields.all()]
    made = 0
    today = timezone.localdate()
    for back in range(days, 0, -1):
        day = today - datetime.timedelta(days=back)
        if day.weekday() >= 5 or not fields:
            continue
        opening = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, 30)))
        arrivals = sorted(
            opening + datetime.timedelta(minutes=rng.uniform(0, 210))
            for _ in range(rng.randint(25, 40))
        )
        for at in arrivals:
            services.take_ticket(centre, rng.choice(fields), at=at)
            made += 1
        for counter in counters:
            _serve_the_day(counter, officer, day, opening, rng)
    return made


def _serve_the_day(counter, officer, day, opening, rng) -> None:
    minute = datetime.timedelta(minutes=1)
    services.open_session(counter, officer, at=opening)
    clock = opening
    while True:
        oldest = (
            Ticket.objects.filter(
                centre_id=counter.centre_id,
                day=day,
                status=TicketStatus.WAITING,
                field__in=counter.fields.all(),
            )
            .order_by("number")
            .first()
        )
        if oldest is None:
            break
        clock = max(clock, oldest.taken_at + minute)
        ticket = services.call_next(counter, officer, at=clock)
        if rng.random() < 0.06:
            clock += 3 * minute
            services.act(counter, officer, TicketAction.NO_SHOW, at=clock)
            continue
        clock += datetime.timedelta(minutes=rng.uniform(4, 16))
        services.act(counter, officer, TicketAction.DONE, at=clock)
        if rng.random() < 0.7:
            level = rng.choices(
                [Level.VERY_SATISFIED, Level.SATISFIED, Level.NOT_SATISFIED], [5, 4, 1]
            )[0]
            services.rate_ticket(counter, ticket.pk, level, at=clock + minute)
    services.close_session(counter, officer, at=clock + minute)

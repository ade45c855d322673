"""Counters of Phường Xuân Hương - Đà Lạt's public administration centre (#20 item 3): three
counters by field, each tablet with a published demo device token, so that `make run` shows the
kiosk, the board, the officer's "call next" and the rating tablet. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.catalog.models import Field
from motcua.counter import services
from motcua.counter.models import Counter

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

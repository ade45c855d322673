"""Factories for the agency tree. Nodes are created through the service, as in production,
so their paths and history are real."""

import datetime
import itertools

from motcua.agencies import services
from motcua.agencies.constants import Level

_codes = itertools.count(1)


def next_code(letter: str = "H", prefix: str = "000.00") -> str:
    """A fresh identity code; never one ending in 99, which the personas' tree (conftest.py:
    000.00.00.H99, 000.00.31.H99 …) uses, so a long-running test worker cannot collide."""
    n = next(_codes)
    while n % 100 == 99:
        n = next(_codes)
    return f"{prefix}.{n // 100 % 100:02d}.{letter}{n % 100:02d}"


def make_agency(
    name: str = "",
    *,
    level: str = Level.COMMUNE,
    parent=None,
    code: str | None = None,
    valid_from: datetime.date = datetime.date(2025, 7, 1),
    **details,
):
    n = next(_codes)
    return services.create_agency(
        name=name or f"Đơn vị thử {n}",
        level=level,
        parent=parent,
        code=next_code() if code is None else code,
        valid_from=valid_from,
        **details,
    )

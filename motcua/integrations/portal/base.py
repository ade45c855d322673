"""The interface of a national portal plugin (Cổng DVCQG, or a provincial hub relaying to it).

A plugin sends one message and says what happened: delivered (with the portal's id), refused for
good (the payload itself is wrong: retrying cannot help, the message becomes a dead letter at once),
or failed for now (the portal is down, slow or answered nonsense: retried with backoff)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


class PortalError(Exception):
    """The portal could not take the message now; retrying later may work."""


class PortalRejected(Exception):
    """The portal refused the message itself (invalid data, unknown procedure): a dead letter."""


@dataclass(frozen=True)
class Delivered:
    remote_id: str = ""


@dataclass(frozen=True)
class Counts:
    """The portal's counts of one day's dossiers, for the daily reconciliation: by
    (unit code, procedure code, national status) and the dossier codes it holds."""

    by_key: dict[tuple[str, str, int], int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)  # MaHoSo -> TrangThaiHoSo


class BasePortal:
    identifier: str = ""
    name: str = ""

    def send(self, service: str, item: dict, *, key: str, sequence: int) -> Delivered:
        """Send one record (``DongBoHoSoMC``) or step (``CapNhatTienDoHoSoMC``). ``key`` is the
        idempotency key (same key → applied once); ``sequence`` orders the dossier's messages."""
        raise NotImplementedError

    def counts(self, day: datetime.date, unit_code: str = "") -> Counts:
        """What the portal holds of the dossiers received on ``day``."""
        raise NotImplementedError

    def lookup(self, code: str) -> dict | None:
        """The portal's record of one dossier (TraCuuHoSo), or None."""
        raise NotImplementedError

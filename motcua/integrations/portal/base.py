"""The interface of a national portal plugin (Cổng DVCQG, or a provincial hub relaying to it).

A plugin sends one message and says what happened: delivered (with the portal's id), refused for
good (the payload itself is wrong: retrying cannot help, the message becomes a dead letter at once),
or failed for now (the portal is down, slow or answered nonsense: retried with backoff)."""

from __future__ import annotations

import abc
import datetime
from dataclasses import dataclass, field


class PortalError(Exception):
    """The portal could not take the message now; retrying later may work."""


class PortalAnswerInvalid(PortalError):
    """The portal answered, but its answer does not match the service's schema (a malformed
    record): nothing is written from it."""


class PortalRejected(Exception):
    """The portal refused the message itself (invalid data, unknown procedure): a dead letter.
    ``error_code`` is the portal's own code when it gave one."""

    def __init__(self, message: str = "", *, error_code=None):
        super().__init__(message)
        self.error_code = error_code


@dataclass(frozen=True)
class Delivered:
    remote_id: str = ""


@dataclass(frozen=True)
class Counts:
    """The portal's counts of one day's dossiers, for the daily reconciliation: by
    (unit code, procedure code, national status) and the dossier codes it holds."""

    by_key: dict[tuple[str, str, int], int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)  # MaHoSo -> TrangThaiHoSo


@dataclass(frozen=True)
class ProcedurePage:
    """One page of the national procedure list (LayDanhSachTTHC): the total over every page and
    this page's summaries (MaTTHC, TenTTHC, MaLinhVuc, CapThucHien, NgayCapNhat, TinhTrang)."""

    total: int
    page: int
    size: int
    items: list[dict] = field(default_factory=list)


class BasePortal(abc.ABC):
    identifier: str = ""
    name: str = ""

    @abc.abstractmethod
    def send(self, service: str, item: dict, *, key: str, sequence: int) -> Delivered:
        """Send one record (``DongBoHoSoMC``) or step (``CapNhatTienDoHoSoMC``). ``key`` is the
        idempotency key (same key → applied once); ``sequence`` orders the dossier's messages."""

    @abc.abstractmethod
    def counts(self, day: datetime.date, unit_code: str = "") -> Counts:
        """What the portal holds of the dossiers received on ``day``."""

    @abc.abstractmethod
    def lookup(self, code: str) -> dict | None:
        """The portal's record of one dossier (TraCuuHoSo), or None."""

    # --- the national procedure database (CSDL quốc gia về TTHC) ---
    @abc.abstractmethod
    def procedures(
        self, *, page: int = 1, size: int = 50, changed_since: datetime.date | None = None
    ) -> ProcedurePage:
        """One page of the national procedure list (LayDanhSachTTHC), only the procedures
        changed on or after ``changed_since`` when given."""

    @abc.abstractmethod
    def procedure(self, code: str) -> dict | None:
        """One procedure in full (LayThuTuc), checked against the record schema
        (``schema_catalogue.RECORD``; a record that fails it raises PortalError), or None when the
        national database has no such code."""

    @abc.abstractmethod
    def agencies(self, parent_code: str | None = None) -> list[dict]:
        """The national list of agencies (LayDanhMucCoQuan): MaCoQuan, TenCoQuan, Cap,
        MaCoQuanCha; only the children of ``parent_code`` when given."""

    @abc.abstractmethod
    def fields(self) -> list[dict]:
        """The national list of fields (LayDanhMucLinhVuc): MaLinhVuc, TenLinhVuc."""

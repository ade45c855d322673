"""The interface every population-register plugin implements (style.md §10).

A plugin sends one look-up to the register and returns the ``Person`` it answered, or raises
one of the three errors below. Consent, the reason, the audit rows and what the answer fills
are handled once, in ``population.services``."""

from __future__ import annotations

import abc
import datetime
from dataclasses import dataclass, field


class RegisterError(Exception):
    """A look-up that gave no person. ``detail`` is technical, for the log, never shown."""

    def __init__(self, detail: str = ""):
        super().__init__(detail)
        self.detail = detail


class NotFound(RegisterError):
    """The register has no citizen with this number."""


class Unavailable(RegisterError):
    """The register could not answer: down, too slow, or an answer we cannot read."""


class Refused(RegisterError):
    """The register refused the request: our credentials, our request, or consent."""


@dataclass(frozen=True)
class Query:
    """What is sent: whom, why, with which consent, by whom, under which request id."""

    id_number: str
    reason: str
    consent_method: str
    requested_by: str
    request_id: str


@dataclass(frozen=True)
class Person:
    """A citizen as the register knows them (thông tin công dân)."""

    id_number: str
    full_name: str
    birth_date: datetime.date | None
    sex: str = ""  # "male" / "female" (constants.SEXES), "" if not given
    permanent_residence: str = ""  # nơi thường trú
    place_of_origin: str = ""  # quê quán
    ethnicity: str = ""  # dân tộc
    fields: tuple[str, ...] = field(default=())  # the register's names of the fields answered


class BasePlugin(abc.ABC):
    """Subclass, set ``identifier`` and ``verbose_name``, and register with
    ``population.registry.register``."""

    identifier: str = ""
    verbose_name: str = ""

    @abc.abstractmethod
    def lookup(self, query: Query) -> Person:
        """The person with ``query.id_number``; raise NotFound, Unavailable or Refused."""

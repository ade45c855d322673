"""The interface every payment gateway plugin implements (style.md §10).

A plugin turns a pending ``Transaction`` into the URL the applicant's browser is sent to, and
turns what the gateway sends back (browser return or server-to-server notification) into a
verified ``GatewayResult``. Everything else — locking, idempotency, marking fees paid, ending
the dossier's financial-obligation pause — is done once, in ``payments.services``.
"""

from __future__ import annotations

import abc
import datetime
from dataclasses import dataclass, field
from decimal import Decimal


class InvalidMessage(Exception):
    """The message is not from the gateway (bad signature) or is missing required fields."""

    def __init__(self, message: str, *, signature: bool = False):
        super().__init__(message)
        self.signature = signature


@dataclass(frozen=True)
class GatewayResult:
    """A verified statement from the gateway about one order."""

    order_reference: str
    amount: Decimal
    currency: str
    success: bool
    gateway_reference: str = ""
    paid_at: datetime.datetime | None = None
    response_code: str = ""
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ReportLine:
    """One successful payment in the gateway's daily report, used for reconciliation."""

    order_reference: str
    gateway_reference: str
    amount: Decimal
    currency: str
    paid_at: datetime.datetime


class BasePlugin(abc.ABC):
    """Subclass, set ``identifier`` and ``verbose_name``, and register with
    ``payments.registry.register``."""

    identifier: str = ""
    verbose_name: str = ""
    # One line under the name where the applicant chooses how to pay.
    description: str = ""
    # DuocThanhToanTrucTuyen sent to the national portal for a dossier paid through this
    # gateway: 1 the national payment platform, 2 a ministry's or province's own gateway.
    national_channel: int = 2

    @abc.abstractmethod
    def start_url(self, transaction, *, return_url: str, client_ip: str = "") -> str:
        """Where to send the browser to pay ``transaction``: a signed request to the gateway."""

    @abc.abstractmethod
    def parse_result(self, params: dict[str, str]) -> GatewayResult:
        """Verify and read a return or notification; raise ``InvalidMessage`` if forged."""

    # The names of the fields a return or notification of this gateway may carry: only these
    # are kept in the message log, each cut to MESSAGE_VALUE_MAX characters.
    message_fields: tuple[str, ...] = ()

    @abc.abstractmethod
    def notification_response(self, outcome: str) -> dict:
        """The JSON body the gateway expects in answer to a notification with ``outcome``."""

    @abc.abstractmethod
    def report(self, day: datetime.date) -> list[ReportLine]:
        """The gateway's record of successful payments on the local ``day``."""

"""The interface every postal operator plugin implements (style.md §10).

A plugin speaks the operator's protocol and nothing else: it places an order and returns the
operator's tracking code and fee, looks up an order's status history, cancels, and verifies the
operator's status callbacks. Recording what it learns — once, never backwards, and completing the
dossier's return on delivery — is done in ``postal.services``."""

from __future__ import annotations

import abc
import datetime
from dataclasses import dataclass, field
from decimal import Decimal


class OperatorError(Exception):
    """The operator could not be reached or answered nonsense (HTTP 5xx, timeout, malformed
    answer). Nothing was decided; the same request may be sent again later."""


class OperatorRefused(Exception):
    """The operator understood the request and said no (e.g. an address it does not serve, an
    order already in transit that can no longer be cancelled). Sending it again will not help."""


class InvalidCallback(Exception):
    """A status callback not from the operator (bad or missing signature, timestamp outside the
    replay window) or not in its format."""

    def __init__(self, message: str, *, signature: bool = False):
        super().__init__(message)
        self.signature = signature


@dataclass(frozen=True)
class OrderRequest:
    """What we ask the operator to carry."""

    reference: str
    direction: str
    recipient_name: str
    phone: str
    address: str
    item: str
    cod_amount: Decimal = Decimal(0)
    callback_url: str = ""


@dataclass(frozen=True)
class OrderAnswer:
    """The operator's acceptance of an order."""

    tracking_code: str
    fee: Decimal
    status: str
    accepted_at: datetime.datetime


@dataclass(frozen=True)
class TrackEvent:
    """One step of a shipment's journey as the operator reports it."""

    event_id: str
    status: str
    at: datetime.datetime
    place: str = ""
    note: str = ""


@dataclass(frozen=True)
class TrackReport:
    """The operator's answer about one shipment: its events, oldest first."""

    tracking_code: str
    status: str
    events: list[TrackEvent] = field(default_factory=list)


class BaseOperator(abc.ABC):
    """Subclass, set ``identifier`` and ``verbose_name``, and register with
    ``postal.registry.register``."""

    identifier: str = ""
    verbose_name: str = ""

    @abc.abstractmethod
    def create_order(self, request: OrderRequest) -> OrderAnswer:
        """Place the order. Must be idempotent on ``request.reference`` (a repeat after a lost
        answer returns the same tracking code). Raises OperatorError or OperatorRefused."""

    @abc.abstractmethod
    def track(self, tracking_code: str) -> TrackReport:
        """The shipment's status history. Raises OperatorError."""

    @abc.abstractmethod
    def cancel(self, tracking_code: str) -> None:
        """Cancel before pick-up. Raises OperatorError or OperatorRefused."""

    @abc.abstractmethod
    def parse_callback(self, body: bytes, headers) -> TrackReport:
        """Verify and read a status callback; raise InvalidCallback if forged, stale or
        malformed."""

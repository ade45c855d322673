"""Models of the national-systems integrations, one module per system."""

from .catalogue import CataloguePull, CataloguePullItem, ItemOutcome, PullMode, PullOutcome
from .population import ConsentMethod, DemoRegisterSwitch, LookupOutcome, RegisterLookup
from .portal import MessageState, PortalCursor, PortalMessage, PortalService
from .portal_demo import (
    DemoFailure,
    DemoPortalDelivery,
    DemoPortalDossier,
    DemoPortalProgress,
    DemoPortalSwitch,
)
from .postal import EventSource, PostalDirection, PostalEvent, PostalOrder, PostalStatus
from .postal_demo import DemoPostFailure, DemoPostSwitch, DemoShipment, DemoShipmentEvent

__all__ = [
    "CataloguePull",
    "CataloguePullItem",
    "ConsentMethod",
    "DemoFailure",
    "DemoPortalDelivery",
    "DemoPortalDossier",
    "DemoPortalProgress",
    "DemoPortalSwitch",
    "DemoPostFailure",
    "DemoPostSwitch",
    "DemoRegisterSwitch",
    "DemoShipment",
    "DemoShipmentEvent",
    "EventSource",
    "ItemOutcome",
    "LookupOutcome",
    "MessageState",
    "PortalCursor",
    "PortalMessage",
    "PortalService",
    "PostalDirection",
    "PostalEvent",
    "PostalOrder",
    "PostalStatus",
    "PullMode",
    "PullOutcome",
    "RegisterLookup",
]

"""Models of the national-systems integrations, one module per system."""

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
    "LookupOutcome",
    "MessageState",
    "PortalCursor",
    "PortalMessage",
    "PortalService",
    "PostalDirection",
    "PostalEvent",
    "PostalOrder",
    "PostalStatus",
    "RegisterLookup",
]

"""Models of the national-systems integrations, one module per system."""

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
    "DemoFailure",
    "DemoPortalDelivery",
    "DemoPortalDossier",
    "DemoPortalProgress",
    "DemoPortalSwitch",
    "DemoPostFailure",
    "DemoPostSwitch",
    "DemoShipment",
    "DemoShipmentEvent",
    "EventSource",
    "MessageState",
    "PortalCursor",
    "PortalMessage",
    "PortalService",
    "PostalDirection",
    "PostalEvent",
    "PostalOrder",
    "PostalStatus",
]

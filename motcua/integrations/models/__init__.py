"""Models of the national-systems integrations, one module per system."""

from .postal import EventSource, PostalDirection, PostalEvent, PostalOrder, PostalStatus
from .postal_demo import DemoPostFailure, DemoPostSwitch, DemoShipment, DemoShipmentEvent

__all__ = [
    "DemoPostFailure",
    "DemoPostSwitch",
    "DemoShipment",
    "DemoShipmentEvent",
    "EventSource",
    "PostalDirection",
    "PostalEvent",
    "PostalOrder",
    "PostalStatus",
]

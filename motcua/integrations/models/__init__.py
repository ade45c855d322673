"""Models of the national-systems integrations, one module per system."""

from .portal import MessageState, PortalCursor, PortalMessage, PortalService
from .portal_demo import (
    DemoFailure,
    DemoPortalDelivery,
    DemoPortalDossier,
    DemoPortalProgress,
    DemoPortalSwitch,
)

__all__ = [
    "DemoFailure",
    "DemoPortalDelivery",
    "DemoPortalDossier",
    "DemoPortalProgress",
    "DemoPortalSwitch",
    "MessageState",
    "PortalCursor",
    "PortalMessage",
    "PortalService",
]

"""Models of the national-systems integrations, one module per system."""

from .population import (  # noqa: F401
    ConsentMethod,
    DemoFailure,
    DemoRegisterSwitch,
    LookupOutcome,
    RegisterLookup,
)

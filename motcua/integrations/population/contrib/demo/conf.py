"""Settings of the demo register and of its client, read from the environment when used (so
tests may change them).

Client (what a real provider's plugin would also need):
- ``POPULATION_DEMO_URL``: the register's base URL (default: the twin on this site).
- ``POPULATION_CLIENT_ID`` / ``POPULATION_CLIENT_SECRET``: our credentials (HTTP Basic).
- ``POPULATION_TIMEOUT``: seconds to wait for an answer (default 5).

Twin:
- ``DEMO_POPULATION_CLIENT_ID`` / ``DEMO_POPULATION_CLIENT_SECRET``: the credentials it accepts.
- ``DEMO_POPULATION_FAIL``: ``500``, ``timeout`` or ``malformed`` to make it fail (wins over the
  administrator's switch, ``DemoRegisterSwitch``).
- ``DEMO_POPULATION_DELAY``: seconds a "timeout" answer sleeps (default: the client's timeout
  plus one second).

Secrets have development defaults only when DEBUG is on or the tests run."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_DEV_CLIENT_ID = "motcua"
_DEV_SECRET = "demo-population-secret-not-for-production"  # noqa: S105


def _insecure_defaults_allowed() -> bool:
    return settings.DEBUG or "pytest" in sys.modules


def _secret(name: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if _insecure_defaults_allowed():
        return _DEV_SECRET
    raise ImproperlyConfigured(
        f"{name} is not set. Set it in the environment (DEBUG is off, so no default is used), "
        "or set POPULATION_PROVIDER to a real register."
    )


def base_url() -> str:
    from motcua.integrations.http import demo_base  # requests: not at start-up (#18)

    url = os.environ.get("POPULATION_DEMO_URL", "") or demo_base("population")
    return url if url.endswith("/") else url + "/"


def client_id() -> str:
    return os.environ.get("POPULATION_CLIENT_ID", _DEV_CLIENT_ID)


def client_secret() -> str:
    return _secret("POPULATION_CLIENT_SECRET")


def timeout() -> float:
    return float(os.environ.get("POPULATION_TIMEOUT", "5"))


def accepted_client_id() -> str:
    return os.environ.get("DEMO_POPULATION_CLIENT_ID", _DEV_CLIENT_ID)


def accepted_secret() -> str:
    return _secret("DEMO_POPULATION_CLIENT_SECRET")


def forced_failure() -> str:
    return os.environ.get("DEMO_POPULATION_FAIL", "").strip().lower()


def delay() -> float:
    value = os.environ.get("DEMO_POPULATION_DELAY", "")
    return float(value) if value else timeout() + 1

"""Payment settings, read from the environment when used (so tests may change them).

- ``PAYMENT_GATEWAY``: the gateway offered to applicants (default ``demo``).
- ``PAYMENT_TTL_MINUTES``: how long a started payment may be paid (default 15).
- ``PAYMENT_DEMO_SECRET``: the demo gateway's HMAC-SHA512 secret. Required unless DEBUG is on
  or the test suite runs; only then a fixed demo value is used.
- ``PAYMENT_DEMO_MERCHANT``: the merchant code we have at the demo gateway (default MOTCUA01).
"""

from __future__ import annotations

import datetime
import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Used only when DEBUG is on or under pytest (see demo_secret).
_DEMO_SECRET_FOR_DEVELOPMENT = "motcua-demo-gateway-secret-not-for-production"  # noqa: S105


def _insecure_defaults_allowed() -> bool:
    return settings.DEBUG or "pytest" in sys.modules


def gateway() -> str:
    return os.environ.get("PAYMENT_GATEWAY", "demo")


def ttl() -> datetime.timedelta:
    return datetime.timedelta(minutes=int(os.environ.get("PAYMENT_TTL_MINUTES", "15")))


def demo_merchant() -> str:
    return os.environ.get("PAYMENT_DEMO_MERCHANT", "MOTCUA01")


def demo_secret() -> str:
    secret = os.environ.get("PAYMENT_DEMO_SECRET", "")
    if secret:
        return secret
    if _insecure_defaults_allowed():
        return _DEMO_SECRET_FOR_DEVELOPMENT
    raise ImproperlyConfigured(
        "PAYMENT_DEMO_SECRET is not set. Set it in the environment (DEBUG is off, so no "
        "default is used), or set PAYMENT_GATEWAY to a real gateway."
    )

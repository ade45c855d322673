"""Payment settings, read from the environment when used (so tests may change them).

- ``PAYMENT_GATEWAYS``: the online gateways offered to applicants, comma-separated, in the order
  shown; the first is preselected (default ``demo,dvcqg``; ``PAYMENT_GATEWAY``, the older
  single-gateway variable, is read when it is unset).
- ``PAYMENT_TTL_MINUTES``: how long a started payment may be paid (default 15).
- ``PAYMENT_DEMO_SECRET``: the demo gateway's HMAC-SHA512 secret. Required unless DEBUG is on
  or the test suite runs; only then a fixed demo value is used.
- ``PAYMENT_DEMO_MERCHANT``: the merchant code we have at the demo gateway (default MOTCUA01).
- ``PAYGOV_URL``: base URL of the national payment platform's API (default: the demo platform
  served by this site, ``<SITE_URL>/payments/demo-paygov/``).
- ``PAYGOV_PARTNER``: our partner code at the platform (default ``MOTCUA-DEMO``).
- ``PAYGOV_SECRET``: the HMAC-SHA256 key the platform issued us; like the demo secret, required
  unless DEBUG is on or the test suite runs.
- ``PAYGOV_TIMEOUT``: seconds to wait for the platform's API (default 10).
- ``DEMO_PAYGOV_FAIL``: ``500``, ``timeout`` or ``malformed`` makes the demo platform's API fail
  that way (the admin switch does the same without a restart).
"""

from __future__ import annotations

import datetime
import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Used only when DEBUG is on or under pytest (see demo_secret).
_DEMO_SECRET_FOR_DEVELOPMENT = "motcua-demo-gateway-secret-not-for-production"  # noqa: S105
_PAYGOV_SECRET_FOR_DEVELOPMENT = "motcua-demo-paygov-secret-not-for-production"  # noqa: S105


def _insecure_defaults_allowed() -> bool:
    return settings.DEBUG or "pytest" in sys.modules


def gateways() -> list[str]:
    """The online gateways offered, in order (a province usually offers the national platform
    only, ``dvcqg``, or it and its own gateway)."""
    value = os.environ.get("PAYMENT_GATEWAYS") or os.environ.get("PAYMENT_GATEWAY") or "demo,dvcqg"
    names = [name.strip() for name in value.split(",") if name.strip()]
    return list(dict.fromkeys(names))


def gateway() -> str:
    """The gateway preselected (and used when none is chosen)."""
    return gateways()[0]


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


def paygov_url() -> str:
    value = os.environ.get("PAYGOV_URL", "")
    if value:
        return value.rstrip("/") + "/"
    return f"{settings.SITE_URL.rstrip('/')}/payments/demo-paygov/"


def paygov_partner() -> str:
    return os.environ.get("PAYGOV_PARTNER", "MOTCUA-DEMO")


def paygov_secret() -> str:
    secret = os.environ.get("PAYGOV_SECRET", "")
    if secret:
        return secret
    if _insecure_defaults_allowed():
        return _PAYGOV_SECRET_FOR_DEVELOPMENT
    raise ImproperlyConfigured(
        "PAYGOV_SECRET is not set. Set it to the key the national payment platform issued "
        "(DEBUG is off, so no default is used), or leave dvcqg out of PAYMENT_GATEWAYS."
    )


def paygov_timeout() -> float:
    return float(os.environ.get("PAYGOV_TIMEOUT", "10"))


def demo_paygov_failure() -> str:
    """The failure the demo platform's API is told to show by the environment ("" = none)."""
    value = os.environ.get("DEMO_PAYGOV_FAIL", "").strip().lower()
    return value if value in {"500", "timeout", "malformed"} else ""


def insecure_defaults_allowed() -> bool:
    return _insecure_defaults_allowed()

"""Postal settings, read from the environment when used (so tests may change them).

motcua's side (the customer of the operator):
- ``POSTAL_OPERATOR``: the plugin used for new orders (default ``demo``).
- ``POSTAL_DEMO_BASE_URL``: the demo operator's API (default: this site's
  ``/integrations/demo/post/``).
- ``POSTAL_DEMO_CLIENT_ID`` / ``POSTAL_DEMO_API_KEY``: our account at the operator.
- ``POSTAL_DEMO_CALLBACK_SECRET``: the key the operator signs its callbacks with.
- ``POSTAL_CALLBACK_MAX_AGE``: the replay window of callbacks, seconds (default 300).
- ``POSTAL_TIMEOUT``: seconds to wait for the operator (default 10).

The demo operator's side (its own books, as a separate company would keep them):
- ``DEMO_POST_CLIENT_ID`` / ``DEMO_POST_API_KEY``: the one customer account it knows.
- ``DEMO_POST_CALLBACK_SECRET``: what it signs callbacks with.
- ``DEMO_POST_FAIL``: ``500``, ``timeout`` or ``malformed`` to make every API call fail so
  (the admin switch does the same when this is unset).
- ``DEMO_POST_TIMEOUT_SECONDS``: how long it stalls in ``timeout`` mode before answering 504
  (default 15, longer than the client's wait).

Secrets default to fixed demo values only when DEBUG is on or the test suite runs."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Used only when DEBUG is on or under pytest.
_DEMO_API_KEY = "motcua-demo-post-key-not-for-production"
_DEMO_CALLBACK_SECRET = "motcua-demo-post-callback-secret-not-for-production"  # noqa: S105


def _secret(name: str, demo_value: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if settings.DEBUG or "pytest" in sys.modules:
        return demo_value
    raise ImproperlyConfigured(
        f"{name} is not set. Set it in the environment (DEBUG is off, so no default is used)."
    )


def operator() -> str:
    return os.environ.get("POSTAL_OPERATOR", "demo")


def timeout() -> float:
    return float(os.environ.get("POSTAL_TIMEOUT", "10"))


def callback_max_age() -> int:
    return int(os.environ.get("POSTAL_CALLBACK_MAX_AGE", "300"))


def demo_base_url() -> str:
    from motcua.integrations.http import demo_base  # requests: not at start-up (#18)

    return os.environ.get("POSTAL_DEMO_BASE_URL") or demo_base("post")


def demo_client_id() -> str:
    return os.environ.get("POSTAL_DEMO_CLIENT_ID", "MOTCUA")


def demo_api_key() -> str:
    return _secret("POSTAL_DEMO_API_KEY", _DEMO_API_KEY)


def demo_callback_secret() -> str:
    return _secret("POSTAL_DEMO_CALLBACK_SECRET", _DEMO_CALLBACK_SECRET)


# The demo operator's own configuration.


def twin_client_id() -> str:
    return os.environ.get("DEMO_POST_CLIENT_ID", "MOTCUA")


def twin_api_key() -> str:
    return _secret("DEMO_POST_API_KEY", _DEMO_API_KEY)


def twin_callback_secret() -> str:
    return _secret("DEMO_POST_CALLBACK_SECRET", _DEMO_CALLBACK_SECRET)


def twin_env_failure() -> str:
    return os.environ.get("DEMO_POST_FAIL", "").strip().lower()


def twin_stall_seconds() -> float:
    return float(os.environ.get("DEMO_POST_TIMEOUT_SECONDS", "15"))

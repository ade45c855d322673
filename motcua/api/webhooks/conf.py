"""Settings of webhook delivery, read from the environment when used (tests change them).

- ``WEBHOOK_TIMEOUT``: seconds to wait for a receiver's answer (default 10).
- ``WEBHOOK_MAX_ATTEMPTS``: attempts before a delivery becomes a dead letter (default 20; with
  the default backoff that is about 13 hours of outage).
- ``WEBHOOK_BACKOFF_SECONDS`` / ``WEBHOOK_BACKOFF_MAX_SECONDS``: the first wait after a failure
  and the longest (defaults 30 and 3600; the wait doubles each time).
- ``WEBHOOK_TOLERANCE_SECONDS``: the replay window receivers are told to apply, and the demo
  receiver applies (default 300).
- ``DEMO_WEBHOOK_RECEIVER_FAIL``: ``1`` makes every demo receiver answer 503.
"""

from __future__ import annotations

import datetime
import os


def timeout() -> float:
    return float(os.environ.get("WEBHOOK_TIMEOUT", "10"))


def max_attempts() -> int:
    return int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "20"))


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the ``attempts``-th failure: doubling from the first wait, capped."""
    first = float(os.environ.get("WEBHOOK_BACKOFF_SECONDS", "30"))
    longest = float(os.environ.get("WEBHOOK_BACKOFF_MAX_SECONDS", "3600"))
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), longest))


def tolerance() -> int:
    return int(os.environ.get("WEBHOOK_TOLERANCE_SECONDS", "300"))


def demo_receiver_failing() -> bool:
    return os.environ.get("DEMO_WEBHOOK_RECEIVER_FAIL", "").lower() in {"1", "true", "yes"}

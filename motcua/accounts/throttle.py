"""Counting attempts in the shared cache (giới hạn tần suất): fixed windows for "at most n per
period" and an exponential back-off for failures (#17 items 2 and 3).

Counts live in the "throttle" cache, shared by every web process: Redis with ``REDIS_URL``, else
a table of the database (settings.py), so a limit holds across processes and machines.
Nothing here locks anyone out for good: a back-off ends by itself, and a success (or an unlock
by a verified channel) clears it.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import caches


class _Throttle:
    """The "throttle" cache, looked up at each use (tests and settings may change it)."""

    def __getattr__(self, name):
        return getattr(caches["throttle"], name)


cache = _Throttle()


def client_address(request) -> str:
    """The caller's address: ``REMOTE_ADDR`` (the reverse proxy must set it to the client's,
    docs/configuration.md); a forged X-Forwarded-For changes nothing."""
    meta = getattr(request, "META", None) or {}  # an OAuth2 library's request has none
    return meta.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, subject: str) -> str:
    # Hashed: the subject may be an identity number or an address; keys stay short and plain.
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


def hit(scope: str, subject: str, *, limit: int, period: int) -> bool:
    """Count one event of ``subject`` in a ``period``-second window; True while at most ``limit``
    have been counted in it (the event is allowed), False once over."""
    key = _key(scope, subject)
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    return count <= limit


def used(scope: str, subject: str) -> int:
    return int(cache.get(_key(scope, subject), 0) or 0)


class Backoff:
    """Failures of one subject (an account, an address) within ``window`` seconds: the first
    ``free`` cost nothing, then each one more doubles the wait before the next try is taken,
    from ``base`` seconds up to ``cap``. A success clears it; so does ``window`` without failure."""

    def __init__(
        self, scope: str, *, free: int, base: int = 30, cap: int = 15 * 60, window=24 * 3600
    ):
        self.scope, self.free, self.base, self.cap, self.window = scope, free, base, cap, window

    def wait(self, subject: str) -> int:
        """Seconds ``subject`` must still wait before the next try (0: may try now)."""
        return longest_wait((self, subject))

    def _until_key(self, subject: str) -> str:
        return _key(self.scope + ":until", subject)

    def failures(self, subject: str) -> int:
        return used(self.scope, subject)

    def fail(self, subject: str) -> int:
        """Count a failure (atomically in the cache, so concurrent tries all count); returns the
        wait it brings (0 while within the free tries)."""
        key = _key(self.scope, subject)
        cache.add(key, 0, self.window)
        try:
            failures = cache.incr(key)
        except ValueError:
            cache.set(key, 1, self.window)
            failures = 1
        cache.touch(key, self.window)
        over = failures - self.free
        delay = 0 if over <= 0 else min(self.cap, self.base * 2 ** min(over - 1, 30))
        if delay:
            cache.set(self._until_key(subject), time.time() + delay, delay)
        return delay

    def clear(self, subject: str) -> None:
        cache.delete_many([_key(self.scope, subject), self._until_key(subject)])


def longest_wait(*checks: tuple[Backoff, str]) -> int:
    """The longest wait of several (back-off, subject) pairs, read from the cache at once (one
    round trip: a page that checks an address and an address-and-code pair pays one)."""
    keys = [backoff._until_key(subject) for backoff, subject in checks]
    found = cache.get_many(keys)
    until = max((found.get(key) or 0.0 for key in keys), default=0.0)
    return max(0, int(until - time.time() + 0.999))


def callback_allowed(request, scope: str) -> bool:
    """Whether the sender of a server-to-server callback (payment notification, postal status)
    is within ``CALLBACK_RATE_PER_MINUTE`` messages a minute from its address."""
    from django.conf import settings

    limit = int(getattr(settings, "CALLBACK_RATE_PER_MINUTE", 120))
    return hit(f"callback:{scope}", client_address(request), limit=limit, period=60)


def too_many_callbacks():
    """The answer to a sender over its rate: 429 with Retry-After, nothing read or stored."""
    from django.http import JsonResponse

    response = JsonResponse({"result": "refused", "reason": "too many requests"}, status=429)
    response["Retry-After"] = "60"
    return response

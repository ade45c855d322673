"""Redis caches that degrade instead of failing (#19 item 4: "Redis down" must not be a 500).

Redis holds nothing that is not kept elsewhere or that cannot be lost: cached pages and
look-ups, the session copies (cached_db: the database has every session), the counts of the
rate limits and the task leases. So when Redis does not answer, ``FailSoftRedisCache``:

- logs the outage once (and its end), then for ``RETRY_AFTER`` seconds (1 by default) does not
  even try Redis, so a request pays no connection timeout per cache call;
- with ``FALLBACK`` (another cache's alias) sends every call there instead: the "throttle"
  cache falls back to its database table, so every rate limit and sign-in back-off keeps
  holding (fail closed: the counts start again from zero, they are not switched off) and task
  leases keep being renewed;
- without one (the "default" cache) a read misses and a write is dropped: a cached value is
  recomputed, a session is read from the database (nobody is signed out).

When Redis answers again the next call after ``RETRY_AFTER`` uses it: recovery needs no
restart. What was written to the fallback meanwhile stays there (counts restart in Redis).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a call answers when Redis is down and there is no fallback.
_MISSED = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: None,
}


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback_alias = params.get("FALLBACK") or ""
        self._retry_after = float(params.get("RETRY_AFTER", 1.0))
        self._down_until = 0.0
        self._down_since = 0.0
        self._lock = threading.Lock()

    @property
    def fallback(self):
        return caches[self._fallback_alias] if self._fallback_alias else None

    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, name: str, error: Exception) -> None:
        with self._lock:
            now = time.monotonic()
            if not self._down_since:
                self._down_since = now
                logger.error(
                    "Redis cache unavailable (%s: %s); %s until it answers",
                    name,
                    error,
                    f"using the cache {self._fallback_alias!r}"
                    if self._fallback_alias
                    else "reads miss and writes are dropped",
                )
            self._down_until = now + self._retry_after

    def _answered(self) -> None:
        if self._down_since:
            with self._lock:
                if self._down_since:
                    logger.warning(
                        "Redis cache answers again after %.1f s",
                        time.monotonic() - self._down_since,
                    )
                    self._down_since = 0.0

    def _call(self, name: str, args, kwargs):
        if not self.is_down():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                self._failed(name, error)
            else:
                self._answered()
                return result
        fallback = self.fallback
        if fallback is not None:
            return getattr(fallback, name)(*args, **kwargs)
        if name == "incr":  # (decr and get_or_set go through incr, get and add)
            # As for a missing key; the limits that count use the fallback, not this.
            raise ValueError("Key not found (the cache is unavailable)")
        return _MISSED[name](args, kwargs)


def _fail_soft(name):
    def method(self, *args, **kwargs):
        return self._call(name, args, kwargs)

    method.__name__ = name
    return method


for _name in [*_MISSED, "incr"]:
    setattr(FailSoftRedisCache, _name, _fail_soft(_name))

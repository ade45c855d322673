"""Redis down: the site degrades instead of answering 500 (motcua/operations/cache.py).

Redis is "down" here as in production when its process is gone: its address refuses
connections (a port nothing listens on)."""

from __future__ import annotations

import logging
import socket

import pytest
from django.core.cache import caches
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # released on close: nothing listens there


@pytest.fixture
def redis_down(settings):
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    options = {"socket_connect_timeout": 1, "socket_timeout": 1}
    backend = "motcua.operations.cache.FailSoftRedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": url, "OPTIONS": options},
        "throttle": {
            "BACKEND": backend,
            "LOCATION": url,
            "OPTIONS": options,
            "FALLBACK": "throttle_fallback",
        },
        "throttle_fallback": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "motcua_throttle_cache",
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_reads_miss_and_writes_are_dropped_without_an_error(redis_down, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.ERROR, logger="motcua.operations.cache"):
        cache.set("k", "v", 30)
        assert cache.get("k") is None
        assert cache.get("k", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("k", 1) is False
        assert cache.get_or_set("computed", lambda: 42) == 42
        with pytest.raises(ValueError):
            cache.incr("k")
    # Logged once for the outage, not once a call.
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1
    assert cache.is_down()


def test_pages_and_sessions_work_while_redis_is_down(redis_down, client, people):
    from django.contrib.sessions.models import Session

    assert client.get(reverse("portal:home")).status_code == 200
    client.force_login(people.citizen_a)
    session_key = client.cookies["sessionid"].value
    # The session is in the database; the next request reads it from there.
    assert Session.objects.filter(session_key=session_key).exists()
    response = client.get(reverse("accounts:home"))
    assert response.status_code in (200, 302)  # the account page, or on to it; never 500
    assert response.wsgi_request.user == people.citizen_a


def test_the_sign_in_back_off_still_holds_on_the_database_fallback(redis_down, rf):
    from motcua.accounts import signin_limits
    from motcua.accounts.signin_limits import SignInThrottled

    for _ in range(12):
        signin_limits.failed(rf.post("/", REMOTE_ADDR="203.0.113.7"), "acct:down")
    # Another process (a fresh connection) sees the same counts: they are in the database.
    for alias in ("throttle", "throttle_fallback"):
        del caches[alias]
    with pytest.raises(SignInThrottled):
        signin_limits.check(rf.post("/", REMOTE_ADDR="203.0.113.7"), "acct:down")


def test_redis_is_tried_again_after_the_pause(redis_down, monkeypatch):
    cache = caches["default"]
    cache.get("k")
    assert cache.is_down()
    calls = []
    monkeypatch.setattr(
        "django.core.cache.backends.redis.RedisCache.get",
        lambda self, key, default=None, version=None: calls.append(key) or "from redis",
    )
    assert cache.get("k") is None  # still within the pause: Redis not tried
    assert calls == []
    cache._down_until = 0.0  # the pause (RETRY_AFTER, 1 s) is over
    assert cache.get("k") == "from redis"
    assert not cache.is_down()

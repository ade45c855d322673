"""Caches, limits and sessions on the machine's Redis, as REDIS_URL configures them."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse

from motcua.accounts.throttle import cache as throttle

pytestmark = pytest.mark.django_db


def test_the_limit_counts_are_kept_in_redis_and_seen_by_another_connection(redis_caches):
    throttle.add("tries:test", 0, 60)
    throttle.incr("tries:test")
    throttle.incr("tries:test")

    # A new connection, as another web process would open.
    del caches["throttle"]
    assert caches["throttle"].get("tries:test") == 2
    assert any(
        key.endswith(b"tries:test") for key in redis_caches.scan_iter(f"{redis_caches.prefix}*")
    )


def test_a_session_is_kept_in_redis_and_in_the_database(redis_caches, client, people):
    from django.contrib.sessions.models import Session

    client.force_login(people.citizen_a)
    session_key = client.cookies["sessionid"].value

    keys = [key.decode() for key in redis_caches.scan_iter(f"{redis_caches.prefix}*")]
    assert any(session_key in key for key in keys)
    assert Session.objects.filter(session_key=session_key).exists()
    # Redis emptied (a restart): the session is read back from the database, nobody is signed out.
    for key in keys:
        redis_caches.delete(key)
    response = client.get(reverse("accounts:home"))
    assert response.wsgi_request.user == people.citizen_a


def test_the_sign_in_back_off_holds_across_processes(redis_caches, rf):
    from motcua.accounts import signin_limits
    from motcua.accounts.signin_limits import SignInThrottled

    request = rf.post("/accounts/login/", REMOTE_ADDR="203.0.113.9")
    for _ in range(12):
        signin_limits.failed(request, "acct:test")
    del caches["throttle"]  # the next try arrives at another web process

    with pytest.raises(SignInThrottled):
        signin_limits.check(rf.post("/accounts/login/", REMOTE_ADDR="203.0.113.9"), "acct:test")

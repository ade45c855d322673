"""Production's sessions (``cached_db``, whenever REDIS_URL is set): a signed-in request reads
its session from the cache, not the database; a session missing from the cache (Redis restarted,
the key evicted) is read from the database and put back, so nobody is signed out."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.fixture(autouse=True)
def _cached_db(settings):
    settings.SESSION_ENGINE = CACHED_DB


def _session_reads(client) -> tuple[int, int]:
    """(status of the citizen's dossier list, the django_session queries it made)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("portal:dossiers"))
    return response.status_code, sum("django_session" in q["sql"] for q in captured)


def test_a_signed_in_request_reads_its_session_from_the_cache(as_user, people):
    client = as_user(people.citizen_a)
    session = client.session
    assert session.__class__.__module__ == CACHED_DB
    assert caches["default"].get(session.cache_key) is not None  # written through at sign-in
    assert _session_reads(client) == (200, 0)


def test_a_session_missing_from_the_cache_is_read_from_the_database(as_user, people):
    client = as_user(people.citizen_a)
    cache_key = client.session.cache_key
    caches["default"].delete(cache_key)
    assert _session_reads(client) == (200, 1)  # still signed in: the row was read
    assert caches["default"].get(cache_key) is not None  # and put back in the cache
    assert _session_reads(client) == (200, 0)

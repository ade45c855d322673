"""/health/live, /health/ready (503 when the database or the cache is unreachable) and /metrics
in Prometheus' text format, answered to internal callers only."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from motcua.operations import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _samples(text: str) -> dict:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_live_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_checks_every_part(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "queue": "ok",
    }


def test_ready_is_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1},
        },
    }
    response = client.get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["cache"]["status"] == "down"
    assert "ConnectionError" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["status"] == "ok"


def test_ready_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.utils import load_backend

    broken = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        broken["NAME"] = "/nonexistent-motcua-dir/db.sqlite3"
    else:
        broken.update(HOST="127.0.0.1", PORT="9", OPTIONS={"connect_timeout": 1})
    bad = load_backend(broken["ENGINE"]).DatabaseWrapper(broken, alias="health-test")
    monkeypatch.setattr(health, "connection", bad)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "down"
    bad.close()


def test_an_outside_caller_sees_no_error_details(client):
    response = client.get("/health/ready", REMOTE_ADDR="203.0.113.7")
    assert all("error" not in check for check in response.json()["checks"].values())


def test_a_late_queue_is_reported_as_stalled_without_taking_the_process_out(client, settings):
    settings.HEALTH_QUEUE_MAX_AGE = 60
    from motcua.notifications.tasks import send_delivery

    result = send_delivery.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["queue"]["status"] == "stalled"
    assert body["checks"]["queue"]["oldest_age_seconds"] >= 299


def test_metrics_count_requests_and_read_the_queue(client):
    before = _samples(client.get("/metrics").content.decode())
    client.get("/health/live")
    client.get("/health/live")
    from motcua.notifications.tasks import send_delivery

    send_delivery.enqueue(0)

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    after = _samples(response.content.decode())
    key = (
        "motcua_http_requests_total",
        (("method", "GET"), ("status", "200"), ("view", "operations:live")),
    )
    assert after[key] - before.get(key, 0) == 2
    assert (
        after[("motcua_http_request_duration_seconds_count", (("view", "operations:live"),))] >= 2
    )
    assert after[("motcua_tasks_queued", (("queue", "default"),))] == 1
    assert ("motcua_backlog", (("kind", "webhooks"),)) in after
    assert ("motcua_dead_letters", (("kind", "portal"),)) in after
    assert ("motcua_backlog", (("kind", "notifications"),)) in after


def test_metrics_are_refused_to_outside_callers_without_the_token(client, settings):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 403
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token"
    )
    assert response.status_code == 200
    assert (
        client.get(
            "/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer wrong"
        ).status_code
        == 403
    )


def test_health_json_is_plain_json(client):
    assert json.loads(client.get("/health/ready").content)["checks"]


def test_a_balancer_check_without_a_client_address_is_answered(client):
    """HAProxy's checks over the PROXY protocol (LOCAL command) carry no address: gunicorn sets
    REMOTE_ADDR to None. That was a 500 in the audit middleware, so every instance was DOWN."""
    response = client.get("/health/ready", REMOTE_ADDR=None)
    assert response.status_code == 200
    assert "error" not in json.dumps(response.json())  # not an internal caller: no details

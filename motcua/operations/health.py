"""/health/live and /health/ready for the load balancer and the orchestrator.

live: the process answers (no dependency is touched), so a restart is never triggered by a
database outage. ready: each part this process needs, checked now — the database, both caches,
the file store — and the task queue's age. A part that is down makes it 503, so the balancer
sends requests elsewhere. A queue that is late but whose database answers is reported as
"stalled" with 200: the web process can still serve, and taking every web process out of the
balancer because the workers are behind would turn a delay into an outage (alert on it from
/metrics instead; docs/deployment.md).
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .backlogs import task_queues
from .metrics import allowed

PROBE_NAME = "health/probe.txt"


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _caches() -> dict:
    token = uuid.uuid4().hex
    for alias in ("default", "throttle"):
        cache = caches[alias]
        cache.set("health-probe", token, 30)
        if cache.get("health-probe") != token:
            raise RuntimeError(f"cache {alias!r} did not keep a value")
    return {}


def _storage() -> dict:
    # A read that needs the store to answer; the probe object is written once, when missing.
    if not default_storage.exists(PROBE_NAME):
        from django.core.files.base import ContentFile

        default_storage.save(PROBE_NAME, ContentFile(b"motcua health probe\n"))
    return {}


def _queue() -> dict:
    queues = task_queues(timezone.now())
    oldest = max((age for _count, age in queues.values()), default=0.0)
    waiting = sum(count for count, _age in queues.values())
    detail = {"waiting": waiting, "oldest_age_seconds": round(oldest, 1)}
    if oldest > settings.HEALTH_QUEUE_MAX_AGE:
        detail["status"] = "stalled"
    return detail


CHECKS = {"database": _database, "cache": _caches, "storage": _storage, "queue": _queue}
# Parts whose failure makes this process not ready (503).
REQUIRED = ("database", "cache", "storage")


def run_checks(*, with_errors: bool = True) -> tuple[bool, dict]:
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail = check()
            detail.setdefault("status", "ok")
        except Exception as error:
            detail = {"status": "down"}
            if with_errors:
                detail["error"] = f"{type(error).__name__}: {error}"[:300]
        detail["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = detail
    ready = all(results[name]["status"] == "ok" for name in REQUIRED)
    return ready, results


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    # The error texts name hosts and ports: only for internal callers (as /metrics).
    is_ready, checks = run_checks(with_errors=allowed(request))
    body = {"status": "ok" if is_ready else "down", "checks": checks}
    if is_ready and any(c["status"] != "ok" for c in checks.values()):
        body["status"] = "degraded"
    return JsonResponse(body, status=200 if is_ready else 503)

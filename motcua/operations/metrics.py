"""Prometheus metrics (/metrics, Prometheus text exposition format).

Request counts and latencies are counted in each process; with PROMETHEUS_MULTIPROC_DIR set
(the stack sets it, one folder per machine) every gunicorn worker writes them to that folder
and a scrape adds up all the machine's processes. Queue and backlog figures are read from the
database at scrape time, so any process answers them for the whole system.
"""

from __future__ import annotations

import ipaddress
import os
import secrets

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "motcua_http_requests_total",
    "HTTP requests answered, by view (URL pattern name), method and status.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "motcua_http_request_duration_seconds",
    "Time to answer an HTTP request, by view.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def observe_request(view: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)


class BacklogCollector:
    """Gauges read from the database at each scrape."""

    def collect(self):
        from .backlogs import snapshot

        now = timezone.now()
        state = snapshot(now)
        depth = GaugeMetricFamily(
            "motcua_tasks_queued", "Background tasks waiting to run, by queue.", labels=["queue"]
        )
        age = GaugeMetricFamily(
            "motcua_tasks_oldest_age_seconds",
            "How long the oldest task due has waited, by queue (0 when none waits).",
            labels=["queue"],
        )
        # The default queue is always shown, at 0 when empty, so an alert has a series to read.
        queues = {"default": (0, 0.0), **state.queues}
        for queue, (count, seconds) in sorted(queues.items()):
            depth.add_metric([queue], count)
            age.add_metric([queue], seconds)
        yield depth
        yield age
        running = GaugeMetricFamily("motcua_tasks_running", "Background tasks running now.")
        running.add_metric([], state.running)
        yield running
        failed = GaugeMetricFamily(
            "motcua_tasks_failed", "Background tasks that ended in failure (kept rows)."
        )
        failed.add_metric([], state.failed)
        yield failed
        backlog = GaugeMetricFamily(
            "motcua_backlog",
            "Outgoing messages not yet delivered, by kind (portal sync, notifications, "
            "webhooks, other national systems).",
            labels=["kind"],
        )
        dead = GaugeMetricFamily(
            "motcua_dead_letters",
            "Outgoing messages given up after their retries, waiting for an administrator.",
            labels=["kind"],
        )
        for kind, (queued, given_up) in sorted(state.backlogs.items()):
            backlog.add_metric([kind], queued)
            dead.add_metric([kind], given_up)
        yield backlog
        yield dead


def exposition() -> bytes:
    registry = CollectorRegistry()
    registry.register(BacklogCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY) + generate_latest(registry)


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and secrets.compare_digest(header, f"Bearer {token}"):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_NETWORKS
    )


@require_GET
def metrics_view(request):
    if not allowed(request):
        return HttpResponseForbidden(
            "metrics: only from internal addresses or with the token\n", content_type="text/plain"
        )
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)

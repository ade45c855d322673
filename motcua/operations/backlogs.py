"""What waits: the task queue (depth and the age of the oldest task due) and the outgoing
messages not yet delivered or given up (dead letters), for /metrics and /health/ready.

The national systems' figures come from the administrators' integration health probes
(motcua/integrations/health.py), so both pages count the same way."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max


@dataclass
class Snapshot:
    # queue name → (tasks due now, seconds the oldest of them has waited)
    queues: dict[str, tuple[int, float]] = field(default_factory=dict)
    running: int = 0
    failed: int = 0
    # kind → (waiting, given up)
    backlogs: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def oldest_age(self) -> float:
        return max((age for _count, age in self.queues.values()), default=0.0)


def task_queues(now: datetime.datetime) -> dict[str, tuple[int, float]]:
    """Per queue, the tasks due now and how long the oldest has been due (a deferred task is
    due from its run_after, any other from when it was enqueued)."""
    never = get_date_max()
    due = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=never) | Q(run_after__lte=now)
    )
    rows = due.values("queue_name").annotate(
        count=Count("id"),
        oldest_enqueued=Min("enqueued_at", filter=Q(run_after=never)),
        oldest_deferred=Min("run_after", filter=~Q(run_after=never)),
    )
    queues = {}
    for row in rows:
        since = min(t for t in (row["oldest_enqueued"], row["oldest_deferred"]) if t is not None)
        queues[row["queue_name"]] = (row["count"], max((now - since).total_seconds(), 0.0))
    return queues


def outgoing() -> dict[str, tuple[int, int]]:
    from motcua.api.models_webhooks import DeliveryState, WebhookDelivery
    from motcua.integrations import health
    from motcua.notifications.constants import DeliveryStatus
    from motcua.notifications.models import Delivery

    kinds = {probe_key: (h.queued, h.dead) for probe_key, h in health.report_by_key().items()}
    notes = Delivery.objects.aggregate(
        waiting=Count("id", filter=Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])),
        dead=Count("id", filter=Q(status=DeliveryStatus.FAILED)),
    )
    kinds["notifications"] = (notes["waiting"], notes["dead"])
    hooks = WebhookDelivery.objects.aggregate(
        waiting=Count("id", filter=Q(state=DeliveryState.PENDING)),
        dead=Count("id", filter=Q(state=DeliveryState.DEAD)),
    )
    kinds["webhooks"] = (hooks["waiting"], hooks["dead"])
    # A background task that raised is not retried by the task backend: its FAILED row is a
    # dead letter until an administrator looks at it (the admin's "Tác vụ nền").
    kinds["tasks"] = (0, DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count())
    return kinds


def snapshot(now: datetime.datetime) -> Snapshot:
    states = DBTaskResult.objects.aggregate(
        running=Count("id", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("id", filter=Q(status=TaskResultStatus.FAILED)),
    )
    return Snapshot(
        queues=task_queues(now),
        running=states["running"],
        failed=states["failed"],
        backlogs=outgoing(),
    )

"""Leases of running background tasks (thời hạn giữ tác vụ đang chạy; #17 item 8).

The database task backend marks a task RUNNING when a worker claims it and nothing else: a
worker killed mid-task (OOM, a deploy, kill -9) left it RUNNING for good — a province-wide
export showing "Đang tạo tệp" forever, an event losing its notifications and sync.

While a worker runs a task, a heartbeat thread renews the task's lease in the shared "throttle"
cache every ``TASK_LEASE_SECONDS / 4``. A RUNNING task whose lease has lapsed (and that started
longer than a lease ago) is stuck: ``requeue_stuck`` puts it back in the queue (READY, to run
now) — run by ``manage.py requeue_stuck_tasks`` every minute, and from the admin ("Tác vụ nền",
filter "Bị treo", action "Đưa lại vào hàng đợi"). The handlers are idempotent, so a task that
had half run may run again.
"""

from __future__ import annotations

import datetime
import logging
import threading

from django.conf import settings
from django.db import connection
from django.dispatch import receiver
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished, task_started

from motcua.accounts.throttle import cache

logger = logging.getLogger(__name__)
_beating: dict[str, threading.Event] = {}


def lease_seconds() -> float:
    return float(getattr(settings, "TASK_LEASE_SECONDS", 120))


def _key(task_id) -> str:
    return f"task-lease:{task_id}"


def renew(task_id) -> None:
    cache.set(_key(task_id), timezone.now().isoformat(), lease_seconds())


def holds_lease(task_id) -> bool:
    return cache.get(_key(task_id)) is not None


def release(task_id) -> None:
    cache.delete(_key(task_id))


def _is_database_backend(sender) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(sender, type) and issubclass(sender, DatabaseBackend)


def _beat(task_id: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(lease_seconds() / 4):
            try:
                renew(task_id)
            except Exception:  # a missed beat only shortens the lease; never kill the task
                logger.exception("Could not renew the lease of task %s", task_id)
    finally:
        connection.close()


@receiver(task_started)
def start_heartbeat(sender, task_result, **kwargs) -> None:
    if not _is_database_backend(sender):
        return
    task_id = str(task_result.id)
    renew(task_id)
    stop = threading.Event()
    _beating[task_id] = stop
    threading.Thread(target=_beat, args=(task_id, stop), daemon=True, name="lease").start()


@receiver(task_finished)
def stop_heartbeat(sender, task_result, **kwargs) -> None:
    task_id = str(task_result.id)
    stop = _beating.pop(task_id, None)
    if stop is not None:
        stop.set()
    if _is_database_backend(sender):
        release(task_id)


def stuck(now: datetime.datetime | None = None):
    """The RUNNING tasks whose lease has lapsed (started more than a lease ago, no heartbeat)."""
    from django_tasks_db.models import DBTaskResult

    started_before = (now or timezone.now()) - datetime.timedelta(seconds=lease_seconds())
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=started_before
    )
    ids = [pk for pk in running.values_list("pk", flat=True) if not holds_lease(pk)]
    return DBTaskResult.objects.filter(pk__in=ids, status=TaskResultStatus.RUNNING)


def requeue_stuck(now: datetime.datetime | None = None, *, only=None) -> int:
    """Put the stuck tasks (of ``only``, a queryset, if given) back in the queue; how many."""
    now = now or timezone.now()
    found = stuck(now)
    if only is not None:
        found = found.filter(pk__in=only.values("pk"))
    # The status in the filter: a task that finished meanwhile is left alone.
    count = found.update(status=TaskResultStatus.READY, started_at=None, run_after=now)
    if count:
        logger.warning("Re-enqueued %d background task(s) whose worker stopped.", count)
    return count

"""The request id follows a request into the tasks it enqueues.

A task row written while a request id is bound (in a request, or in a task that enqueues
another) keeps it beside its arguments, in ``args_kwargs["request_id"]`` (the database backend
reads only "args" and "kwargs" from it). The worker binds it again while the task runs, so every
log line of the task carries it, and logs the task's start and end."""

from __future__ import annotations

import contextlib
import logging
import time

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django_tasks.signals import task_finished, task_started
from django_tasks_db.models import DBTaskResult

from . import context

logger = logging.getLogger("motcua.tasks")
_running: dict[str, tuple[object, float]] = {}


@receiver(pre_save, sender=DBTaskResult, dispatch_uid="operations-request-id")
def keep_request_id(sender, instance, raw=False, **kwargs):
    request_id = context.current()
    if raw or not request_id or not instance._state.adding:
        return
    if isinstance(instance.args_kwargs, dict) and "request_id" not in instance.args_kwargs:
        instance.args_kwargs = {**instance.args_kwargs, "request_id": request_id}


def request_id_of(task_id) -> str:
    value = (
        DBTaskResult.objects.filter(pk=task_id)
        .values_list("args_kwargs__request_id", flat=True)
        .first()
    )
    return value if isinstance(value, str) else ""


@receiver(task_started, dispatch_uid="operations-task-started")
def bind_task(sender, task_result, **kwargs):
    request_id = request_id_of(task_result.id) or context.accept_or_new(None)
    token = context.bind(request_id)
    _running[str(task_result.id)] = (token, time.perf_counter())
    logger.info(
        "task started %s",
        task_result.task.name,
        extra={"task_id": str(task_result.id), "task": task_result.task.module_path},
    )


@receiver(task_finished, dispatch_uid="operations-task-finished")
def unbind_task(sender, task_result, **kwargs):
    token, started = _running.pop(str(task_result.id), (None, None))
    logger.info(
        "task finished %s: %s",
        task_result.task.name,
        task_result.status,
        extra={
            "task_id": str(task_result.id),
            "task": task_result.task.module_path,
            "status": str(task_result.status),
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    if token is not None:
        # ValueError: finished in another context than it started (a thread).
        with contextlib.suppress(ValueError):
            context.unbind(token)

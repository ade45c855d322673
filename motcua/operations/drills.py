"""A task for the fault drill (tools/faults/run.py): it always fails, so the drill can show where
a failing task ends — a FAILED row kept for an administrator, counted as a dead letter of kind
"tasks" on /metrics — and that it blocks nothing else in the queue. Never enqueued by the
application itself."""

from __future__ import annotations

from django_tasks import task


@task()
def always_fails(label: str = "drill") -> None:
    raise RuntimeError(f"fault drill: this task always fails ({label})")

"""Notification tasks: take ids, idempotent (a sent delivery is never sent again)."""

from django_tasks import task


@task()
def send_delivery(delivery_id: int) -> str:
    from .services import attempt

    return attempt(delivery_id)


@task()
def send_due_deliveries() -> dict[str, int]:
    from .services import send_due

    return send_due()

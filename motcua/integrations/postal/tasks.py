"""The postal task: placing an order with the operator after the request committed."""

from __future__ import annotations

from django_tasks import task


@task()
def send_order(order_id: int) -> str:
    """Idempotent: an order already accepted is left alone; a resend reuses its reference."""
    from . import services

    return services.send_order(order_id)

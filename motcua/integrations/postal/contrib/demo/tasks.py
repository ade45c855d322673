"""The demo operator's push: each journey step is POSTed, signed, to the customer's callback
URL after the step is committed. A refused or failed push is recorded and not retried here —
the customer's pull (``postal_poll``) is the safety net, as with a real operator."""

from __future__ import annotations

import requests
from django.utils import timezone
from django_tasks import task


@task()
def push_event(event_id: int) -> str:
    from motcua.integrations.http import session_for
    from motcua.integrations.models import DemoShipmentEvent
    from motcua.integrations.postal import conf

    from . import operator
    from . import protocol as p
    from .views import event_json

    event = DemoShipmentEvent.objects.select_related("shipment").get(pk=event_id)
    if event.pushed_at is not None:
        return "already"
    if not operator.switch().push_enabled:
        event.push_error = "push switched off"
        event.save(update_fields=["push_error"])
        return "off"
    shipment = event.shipment
    body = p.dumps(
        {
            "tracking_code": shipment.tracking_code,
            "reference": shipment.client_reference,
            "status": event.status,
            "events": [event_json(event)],
        }
    )
    headers = p.signed_headers(conf.twin_callback_secret(), body, timezone.now())
    try:
        answer = session_for(shipment.callback_url).post(
            shipment.callback_url, data=body, headers=headers, timeout=10
        )
    except requests.RequestException as error:
        event.push_error = str(error)[:500]
        event.save(update_fields=["push_error"])
        return "error"
    if answer.status_code != 200:
        event.push_error = f"HTTP {answer.status_code}: {answer.text[:200]}"
        event.save(update_fields=["push_error"])
        return "refused"
    event.pushed_at = timezone.now()
    event.push_error = ""
    event.save(update_fields=["pushed_at", "push_error"])
    return "pushed"

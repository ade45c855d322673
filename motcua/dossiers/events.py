"""Side effects of dossier events (notifications, national portal sync …) leave through the task
queue. Every service enqueues ``dispatch_event`` in the same transaction that writes the event, so
an event is dispatched if and only if it happened; handlers take the event id and must be
idempotent (a task may run more than once)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django_tasks import task

logger = logging.getLogger(__name__)

Handler = Callable[[object], None]
_handlers: dict[str, Handler] = {}


def register(name: str, handler: Handler) -> None:
    """Subscribe ``handler(event)`` to every dossier event, under a stable name (re-registering
    the same name replaces it, so app reloads do not subscribe twice)."""
    _handlers[name] = handler


def unregister(name: str) -> None:
    _handlers.pop(name, None)


def handlers() -> dict[str, Handler]:
    return dict(_handlers)


@task()
def dispatch_event(event_id: int) -> list[str]:
    """Run every subscribed handler on the event; returns the names that ran. A failing handler
    is logged and re-raised after the others ran, so the task is marked failed for a retry."""
    from .models import Event

    event = Event.objects.select_related("dossier").get(pk=event_id)
    ran, failures = [], []
    for name, handler in sorted(_handlers.items()):
        try:
            handler(event)
            ran.append(name)
        except Exception as error:  # one handler must not starve the others
            logger.exception("Handler %s failed on dossier event %s", name, event_id)
            failures.append(error)
    if failures:
        raise failures[0]
    return ran

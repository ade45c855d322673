"""Side effects of dossier events (notifications, national portal sync …) leave through the task
queue. Every service hands the event to ``dispatch`` in the same transaction that writes it,
which enqueues ``dispatch_event`` there if a subscribed handler wants the event, so an event
is dispatched only if it happened; handlers take the event id and must be idempotent (a task
may run more than once).

A handler may say which events it wants (``register(..., wants=...)``, a test of the event's
own fields: its action and statuses, nothing read from the database); one registered without
``wants`` gets every event. **An event that no handler subscribed at the time it is written
wants is not dispatched**: no task is enqueued for it, and a handler registered or widened
later does not get it (a draft's saves, for one, enqueue nothing today). The history event,
audit entry and outboxes (national portal, webhooks) are written whatever the handlers want;
only this task is skipped."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django_tasks import task

logger = logging.getLogger(__name__)

Handler = Callable[[object], None]
Wants = Callable[[object], bool]
_handlers: dict[str, tuple[Handler, Wants | None]] = {}


def register(name: str, handler: Handler, *, wants: Wants | None = None) -> None:
    """Subscribe ``handler(event)`` to the dossier events ``wants(event)`` accepts (every event
    when None), under a stable name (re-registering the same name replaces it, so app reloads
    do not subscribe twice). ``wants`` must decide on the event's own fields only (action,
    from_status, to_status …): it runs in the writing transaction, for every event."""
    _handlers[name] = (handler, wants)


def unregister(name: str) -> None:
    _handlers.pop(name, None)


def handlers() -> dict[str, Handler]:
    return {name: handler for name, (handler, _wants) in _handlers.items()}


def _wanted_by(wants: Wants | None, event) -> bool:
    return wants is None or wants(event)


def wanted(event) -> bool:
    """Whether some subscribed handler wants ``event``."""
    return any(_wanted_by(wants, event) for _handler, wants in _handlers.values())


def dispatch(event) -> bool:
    """Enqueue ``dispatch_event`` for ``event`` (in the caller's transaction) if some handler
    wants it; returns whether it did."""
    if not wanted(event):
        return False
    dispatch_event.enqueue(event.pk)
    return True


@task()
def dispatch_event(event_id: int) -> list[str]:
    """Run every subscribed handler that wants the event; returns the names that ran. A failing
    handler is logged and re-raised after the others ran, so the task is marked failed for a
    retry."""
    from .models import Event

    event = Event.objects.select_related("dossier").get(pk=event_id)
    ran, failures = [], []
    for name, (handler, wants) in sorted(_handlers.items()):
        if not _wanted_by(wants, event):
            continue
        try:
            handler(event)
            ran.append(name)
        except Exception as error:  # one handler must not starve the others
            logger.exception("Handler %s failed on dossier event %s", name, event_id)
            failures.append(error)
    if failures:
        raise failures[0]
    return ran

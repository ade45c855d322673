"""Background delivery of webhooks after the commit of the event. A run whose attempt failed
schedules the next one at the delivery's backoff time; ``drain_webhooks`` (cron or
``manage.py webhooks drain``) is the safety net."""

import logging

from django_tasks import task

from . import outbox

logger = logging.getLogger(__name__)


@task()
def deliver_webhooks(subscriber_id: int) -> int:
    run = outbox.deliver(subscriber_id)
    if run.retry_at is not None:
        try:
            deliver_webhooks.using(run_after=run.retry_at).enqueue(subscriber_id)
        except Exception:  # the drain will pick it up
            logger.exception("Could not schedule the webhook retry of %s", subscriber_id)
    return run.delivered


@task()
def drain_webhooks() -> int:
    return outbox.drain()

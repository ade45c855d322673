"""Background delivery to the national portal (after the commit of the event). A run whose attempt
failed schedules the next one at the message's backoff time, so retries need no scheduler; the
periodic ``drain`` (cron or ``manage.py integrations drain``) is the safety net."""

import logging

from django_tasks import task

from . import outbox

logger = logging.getLogger(__name__)


@task()
def deliver_dossier(dossier_id: int) -> int:
    run = outbox.deliver(dossier_id)
    if run.retry_at is not None:
        try:
            deliver_dossier.using(run_after=run.retry_at).enqueue(dossier_id)
        except Exception:  # the drain will pick it up
            logger.exception("Could not schedule the retry of dossier %s", dossier_id)
    return run.delivered


@task()
def drain_portal() -> int:
    return outbox.drain()

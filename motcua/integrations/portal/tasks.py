"""Background delivery to the national portal (after the commit of the event)."""

from django_tasks import task

from . import outbox


@task()
def deliver_dossier(dossier_id: int) -> int:
    return outbox.deliver(dossier_id)


@task()
def drain_portal() -> int:
    return outbox.drain()

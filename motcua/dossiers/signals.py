"""Signals of the dossier core.

``dossier_changed`` is sent inside the transaction that changed one or more dossiers (a use case
through ``services.perform``, a fee paid, a rating or a feedback naming the dossier), with
``dossier_ids`` and ``never_received`` (true when none of them has ever been received). Receivers run in that transaction: what they write commits or rolls back with
the change. The statistics keep their daily aggregates this way (``reports.aggregates``).

``event_recorded`` is sent inside the same transaction for each history row (``Event``) written,
with ``event``: what a receiver writes (the national portal's outbox) exists if and only if the
event does.
"""

from django.dispatch import Signal

dossier_changed = Signal()
event_recorded = Signal()


def send_changed(dossier_ids, *, never_received: bool = False) -> None:
    """``never_received``: none of these dossiers has ever been received (drafts, online
    submissions waiting for the desk's check); ``received_at`` is never cleared, so nothing
    derived from received dossiers (the statistics) can have changed."""
    ids = sorted({pk for pk in dossier_ids if pk is not None})
    if ids:
        dossier_changed.send(sender="dossiers", dossier_ids=ids, never_received=never_received)


def send_event_recorded(event) -> None:
    event_recorded.send(sender="dossiers", event=event)

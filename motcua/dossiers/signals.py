"""Signals of the dossier core.

``dossier_changed`` is sent inside the transaction that changed one or more dossiers (a use case
through ``services.perform``, a fee paid, a rating or a feedback naming the dossier), with
``dossier_ids``. Receivers run in that transaction: what they write commits or rolls back with
the change. The statistics keep their daily aggregates this way (``reports.aggregates``).

``event_recorded`` is sent inside the same transaction for each history row (``Event``) written,
with ``event``: what a receiver writes (the national portal's outbox) exists if and only if the
event does.
"""

from django.dispatch import Signal

dossier_changed = Signal()
event_recorded = Signal()


def send_changed(dossier_ids) -> None:
    ids = sorted({pk for pk in dossier_ids if pk is not None})
    if ids:
        dossier_changed.send(sender="dossiers", dossier_ids=ids)


def send_event_recorded(event) -> None:
    event_recorded.send(sender="dossiers", event=event)

"""The statistics listen to the dossier core: every change refreshes the aggregates in the same
transaction."""

from __future__ import annotations

from . import store


def keep_aggregates(sender, dossier_ids, never_received=False, **kwargs) -> None:
    if never_received:
        return  # counted nowhere: a dossier counts from its receipt on (contribution.compute)
    store.refresh(dossier_ids)

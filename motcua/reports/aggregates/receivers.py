"""The statistics listen to the dossier core: every change refreshes the aggregates in the same
transaction."""

from __future__ import annotations


def keep_aggregates(sender, dossier_ids, never_received=False, **kwargs) -> None:
    if never_received:
        return  # counted nowhere: a dossier counts from its receipt on (contribution.compute)
    # Imported at the first change, not when the app connects this receiver at start-up (#18).
    from . import store

    store.refresh(dossier_ids)

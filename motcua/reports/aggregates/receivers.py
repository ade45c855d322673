"""The statistics listen to the dossier core: every change refreshes the aggregates in the same
transaction."""

from __future__ import annotations

from . import store


def keep_aggregates(sender, dossier_ids, **kwargs) -> None:
    store.refresh(dossier_ids)

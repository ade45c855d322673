"""Reads of the dossier aggregate that services and interfaces share."""

from __future__ import annotations

from .constants import Action
from .models import Dossier

# After these, an earlier draft no longer stands: the dossier went back a step, or the result
# was issued.
_DRAFT_ENDS = frozenset({Action.RETURN_STEP, Action.RECORD_RESULT})


def draft_result(dossier: Dossier):
    """The draft result (dự thảo kết quả) now waiting for approval or for issue, or None.

    It is the file kept under ``data["draft_result"]`` (and attached) by the latest event that
    proposed one (complete step, trình phê duyệt) or approved one (the copy the leader signed).
    A return to the previous step, an approval without a file, or the issue of the result ends
    it. Uses the dossier's prefetched events and attachments when there are."""
    for event in sorted(dossier.events.all(), key=lambda e: e.sequence, reverse=True):
        if event.action in _DRAFT_ENDS:
            return None
        file_id = event.data.get("draft_result")
        if file_id is not None:
            return next((f for f in event.attachments.all() if f.pk == file_id), None)
        if event.action == Action.APPROVE:
            return None
    return None

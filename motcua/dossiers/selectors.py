"""Reads of the dossier aggregate that services and interfaces share."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.catalog.wording import processing_time_text

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


# ``time_limit_text``'s term when the caller has not read it.
_UNREAD = object()


def time_limit_text(dossier: Dossier, *, term=_UNREAD) -> str:
    """The time limit (thời hạn giải quyết) of the dossier's procedure on its channel, worded
    once for the receipt (Form 01 item 3) and both dossier pages. ``term``: the channel's term
    when the caller read it already (None when the version has none on that channel)."""
    if term is _UNREAD:
        term = catalog.channel_term(dossier.procedure_version, dossier.channel, fees=False)
    return processing_time_text(term)


def answer_changes(event) -> list[str]:
    """“Label: old → new” for each answer a desk correction changed (history rows)."""
    return [
        f"{change['label']}: {change['old'] or '—'} → {change['new'] or '—'}"
        for change in event.data.get("changes", [])
    ]


def assisted_note(event, *, for_applicant: bool = False) -> str:
    """The line a history row of an assisted online filing carries: the officer and the desk for
    officers; the desk only for the applicant (officers' names are not shown on the portal)."""
    if not event.data.get("assisted_by"):
        return ""
    unit = event.data.get("assisted_unit_name", "")
    if for_applicant:
        return _("Nộp tại quầy với sự hỗ trợ của cán bộ %(unit)s, bằng tài khoản của bạn.") % {
            "unit": unit
        }
    return _("Nộp trực tuyến có hỗ trợ: cán bộ %(name)s (%(unit)s).") % {
        "name": event.data.get("assisted_by_name", ""),
        "unit": unit,
    }

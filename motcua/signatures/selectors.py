"""Reading issued documents."""

from __future__ import annotations

from .models import RESULT, STANDALONE_KINDS, IssuedDocument


def _issued():
    # A row whose signing has not finished (file still empty) is never shown.
    return IssuedDocument.objects.filter(file__isnull=False).select_related(
        "dossier__procedure_version__procedure", "agency", "file"
    )


def issued_by_token(token: str) -> IssuedDocument | None:
    return _issued().filter(token=token).first()


def latest_issue(dossier, kind: str) -> IssuedDocument | None:
    """The most recent issue of ``kind`` for ``dossier``."""
    return _issued().filter(dossier=dossier, kind=kind).order_by("-created_at", "-pk").first()


def latest_period_issue(agency, kind: str, start, end) -> IssuedDocument | None:
    """The most recent issue of ``kind`` (the register) of ``agency`` for the period."""
    return (
        _issued()
        .filter(dossier__isnull=True, agency=agency, kind=kind, period_start=start, period_end=end)
        .order_by("-created_at", "-pk")
        .first()
    )


def latest_like(document: IssuedDocument) -> IssuedDocument | None:
    """The most recent issue of the same form as ``document``: same dossier, or same unit and
    period for a register. A result is its own: a dossier's results (KQ1, KQ2 …) are different
    documents, none replacing another; so are the e-receipts of a dossier's payments."""
    if document.kind in STANDALONE_KINDS:
        return document
    if document.dossier_id is not None:
        return latest_issue(document.dossier, document.kind)
    return latest_period_issue(
        document.agency, document.kind, document.period_start, document.period_end
    )


def issued_with_digest(sha256: str) -> IssuedDocument | None:
    """The issued document whose signed bytes have this SHA-256, if any."""
    return _issued().filter(sha256=sha256).order_by("-created_at", "-pk").first()


def result_of(document: IssuedDocument):
    """The dossier's result (DossierResult) whose electronic copy ``document`` is, if any."""
    if document.kind != RESULT or document.dossier_id is None:
        return None
    return document.dossier.results.filter(file_id=document.file_id).first()

"""Reading issued documents."""

from __future__ import annotations

from .models import IssuedDocument


def _issued():
    # A row whose signing has not finished (file still empty) is never shown.
    return IssuedDocument.objects.filter(file__isnull=False).select_related("dossier", "file")


def issued_by_token(token: str) -> IssuedDocument | None:
    return _issued().filter(token=token).first()


def latest_issue(dossier, kind: str) -> IssuedDocument | None:
    """The most recent issue of ``kind`` for ``dossier``."""
    return _issued().filter(dossier=dossier, kind=kind).order_by("-created_at", "-pk").first()


def issued_with_digest(sha256: str) -> IssuedDocument | None:
    """The issued document whose signed bytes have this SHA-256, if any."""
    return _issued().filter(sha256=sha256).order_by("-created_at", "-pk").first()

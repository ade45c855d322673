"""Reading the audit trail: the citizen's "who opened my dossier", the inspector's export."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .constants import READ_VERBS
from .models import AuditAction, AuditEntry


@dataclass(frozen=True)
class Reading:
    """One opening of a dossier, as its owner is told of it: when, who, in which unit, what.
    Never the address or the browser."""

    at: object
    name: str
    unit: str
    what: str


def readings_of(dossier) -> QuerySet[AuditEntry]:
    """Every read of ``dossier`` by someone in the administration or a connected system,
    newest first (Decree 13/2023 art. 9: the data subject's right to know who processed it)."""
    if not dossier.code:
        return AuditEntry.objects.none()
    return (
        AuditEntry.objects.filter(
            dossier_code=dossier.code, action=AuditAction.VIEW, verb__in=list(READ_VERBS)
        )
        .exclude(actor=dossier.applicant_id)
        .select_related("actor")
        .order_by("-at", "-id")
    )


def as_reading(entry: AuditEntry) -> Reading:
    data = entry.data or {}
    client = data.get("api_client_name")
    if client:
        name, unit = client, _("Hệ thống kết nối")
    else:
        actor = entry.actor
        name = (actor.get_full_name() or actor.username) if actor else _("Hệ thống")
        unit = ", ".join(data.get("units") or [])
    return Reading(at=entry.at, name=name, unit=unit, what=str(READ_VERBS.get(entry.verb, "")))


def between(start, end, *, dossier_code: str = "", username: str = "") -> QuerySet[AuditEntry]:
    """Entries from ``start`` (inclusive) to ``end`` (exclusive), oldest first, optionally of
    one dossier or one user's acts."""
    qs = AuditEntry.objects.filter(at__gte=start, at__lt=end)
    if dossier_code:
        qs = qs.filter(dossier_code=dossier_code)
    if username:
        qs = qs.filter(actor__username=username)
    return qs.select_related("actor").order_by("at", "id")

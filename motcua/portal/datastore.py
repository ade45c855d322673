"""The personal data store (kho dữ liệu cá nhân, tổ chức): files a person uploaded before and the
electronic results of their earlier dossiers, each with where it came from, so they need not
upload the same paper twice (Decision 766 indicators 4.3, 4.4)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.documents.models import StoredFile
from motcua.dossiers import access
from motcua.dossiers.models import DossierResult


@dataclass(frozen=True)
class StoreItem:
    file: StoredFile
    provenance: str

    @property
    def pk(self) -> int:
        return self.file.pk


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "d/m/Y")


def items_for(user) -> list[StoreItem]:
    """Everything in ``user``'s data store, newest first."""
    if not getattr(user, "is_authenticated", False) or not user.is_applicant:
        return []
    results = {
        row.file_id: row
        for row in DossierResult.objects.filter(
            dossier__in=access.visible_to(user), file__isnull=False
        ).select_related("dossier")
    }
    files = StoredFile.objects.filter(Q(owner=user) | Q(pk__in=results)).order_by("-created_at")
    items = []
    for stored in files:
        result = results.get(stored.pk)
        if result is not None:
            provenance = _("Kết quả %(code)s của hồ sơ %(dossier)s, ban hành ngày %(day)s") % {
                "code": result.code,
                "dossier": result.dossier.code,
                "day": _day(result.issued_at),
            }
        else:
            provenance = _("Bạn đã tải lên ngày %(day)s") % {"day": _day(stored.created_at)}
        items.append(StoreItem(file=stored, provenance=provenance))
    return items


def find(user, file_id) -> StoreItem | None:
    """One item of ``user``'s data store, or None if it is not theirs."""
    try:
        wanted = int(file_id)
    except (TypeError, ValueError):
        return None
    return next((item for item in items_for(user) if item.pk == wanted), None)

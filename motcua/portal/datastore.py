"""The personal data store (kho dữ liệu cá nhân, tổ chức): files a person uploaded before, the
electronic results of their earlier dossiers and the papers the agencies issued to them, each
with where it came from, so they need not upload the same paper twice (Decision 766
indicators 4.3, 4.4). The agencies' internal forms (the control slip) are never in it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from motcua.documents.models import StoredFile
from motcua.dossiers import access, naming
from motcua.dossiers.models import DossierResult
from motcua.notices.constants import INTERNAL_FORMS, FormKey
from motcua.notices.services import document_file_name
from motcua.signatures.models import IssuedDocument


@dataclass(frozen=True)
class StoreItem:
    file: StoredFile
    provenance: str
    name: str

    @property
    def pk(self) -> int:
        return self.file.pk


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "d/m/Y")


def _result_item(stored: StoredFile, result: DossierResult) -> StoreItem:
    provenance = _("Kết quả %(code)s của hồ sơ %(dossier)s, do %(agency)s cấp ngày %(day)s") % {
        "code": result.code,
        "dossier": result.dossier.code,
        "agency": result.dossier.resolving_agency.display_name,
        "day": _day(result.issued_at),
    }
    return StoreItem(stored, provenance, naming.result_file_name(result))


def _issued_item(stored: StoredFile, issued: IssuedDocument) -> StoreItem:
    # The form's name as a sentence reads it (the printed title is in capitals).
    title = FormKey(issued.kind).label if issued.kind in FormKey.values else issued.title
    provenance = _("%(title)s của hồ sơ %(dossier)s, do %(agency)s cấp ngày %(day)s") % {
        "title": title,
        "dossier": issued.dossier.code,
        "agency": issued.issuer_name or issued.agency.display_name,
        "day": _day(issued.created_at),
    }
    return StoreItem(stored, provenance, document_file_name(issued.dossier, issued.kind))


def items_for(user) -> list[StoreItem]:
    """Everything in ``user``'s data store, newest first."""
    return _items(user)


def _ids(file_ids) -> list[int]:
    wanted = set()
    for value in file_ids:
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            continue
    return sorted(wanted)


def _has_store(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_applicant


def items_among(user, file_ids) -> dict[int, StoreItem]:
    """The files of ``file_ids`` that are in ``user``'s data store, by id: three queries on
    those ids, however many files the person owns."""
    wanted = _ids(file_ids)
    if not wanted:
        return {}
    return {item.pk: item for item in _items(user, wanted)}


def files_among(user, file_ids) -> dict[int, StoredFile]:
    """The files of ``file_ids`` that are in ``user``'s data store, by id, without the
    provenance a list shows: one query on those ids, however many files the person owns. The
    same files as ``items_among``: their own (never an agency's internal form) and the
    electronic results of their dossiers."""
    wanted = _ids(file_ids)
    if not wanted or not _has_store(user):
        return {}
    results = DossierResult.objects.filter(
        dossier__in=access.visible_to(user), file__in=wanted
    ).values("file")
    internal = IssuedDocument.objects.filter(
        file__in=wanted, dossier__isnull=False, kind__in=INTERNAL_FORMS
    ).values("file")
    files = StoredFile.objects.filter(pk__in=wanted).filter(
        Q(pk__in=results) | (Q(owner=user) & ~Q(pk__in=internal))
    )
    return {stored.pk: stored for stored in files}


def _items(user, only: list[int] | None = None) -> list[StoreItem]:
    if not _has_store(user):
        return []
    results_qs = DossierResult.objects.filter(
        dossier__in=access.visible_to(user), file__isnull=False
    )
    files_qs = StoredFile.objects.all()
    if only is not None:
        results_qs = results_qs.filter(file__in=only)
        files_qs = files_qs.filter(pk__in=only)
    results = {row.file_id: row for row in results_qs.select_related("dossier__resolving_agency")}
    files = list(files_qs.filter(Q(owner=user) | Q(pk__in=results)).order_by("-created_at"))
    issued = {
        row.file_id: row
        for row in IssuedDocument.objects.filter(
            file__in=[f.pk for f in files], dossier__isnull=False
        ).select_related("dossier", "agency")
    }
    items = []
    for stored in files:
        if stored.pk in results:
            items.append(_result_item(stored, results[stored.pk]))
        elif stored.pk in issued:
            if issued[stored.pk].kind in INTERNAL_FORMS:
                continue  # an internal form stored before they were kept out: never shown
            items.append(_issued_item(stored, issued[stored.pk]))
        elif stored.uploaded_by_id == user.pk:
            provenance = _("Bạn đã tải lên ngày %(day)s") % {"day": _day(stored.created_at)}
            items.append(StoreItem(stored, provenance, stored.name))
        else:
            provenance = _("Lưu vào kho ngày %(day)s") % {"day": _day(stored.created_at)}
            items.append(StoreItem(stored, provenance, stored.name))
    return items


def find(user, file_id) -> StoreItem | None:
    """One item of ``user``'s data store, or None if it is not theirs."""
    try:
        wanted = int(file_id)
    except (TypeError, ValueError):
        return None
    return items_among(user, [wanted]).get(wanted)

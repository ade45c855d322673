"""Use cases that change the catalogue. Each is atomic, takes the acting user and writes a
VersionEvent. Published versions are immutable: every write here refuses them, and a change
to a published procedure is a new draft made by ``copy_published_to_draft``."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit

from . import validation
from .constants import VersionEventKind, VersionStatus
from .files import store_form
from .indexing import reindex, reindex_for
from .interchange import exporter, importer
from .interchange.schema import (
    PROCEDURE_CODE,
    CatalogueFileError,
    Reader,
    parse_parts,
    parse_version,
)
from .interchange.synonyms import keys_of
from .interchange.writer import HEADER_FIELDS, References, delete_parts, write_parts, write_version
from .models import Field, Procedure, ProcedureVersion, SearchSynonym, VersionEvent

__all__ = [
    "CatalogueFileError",
    "check_synonym",
    "copy_published_to_draft",
    "create_draft",
    "create_draft_from_content",
    "create_field",
    "create_procedure",
    "delete_synonyms",
    "ensure_field",
    "export_catalogue",
    "import_catalogue",
    "lock_procedure",
    "publish_version",
    "replace_draft_parts",
    "save_draft_rows",
    "save_synonym",
    "store_form",
    "update_draft",
    "validate_version",
    "withdraw_version",
]

EDITABLE_FIELDS = [*HEADER_FIELDS, "field", "result_name", "result_template", "result_is_document"]
# Set by publish_version (valid_to by the next publication or a withdrawal), never by editing.
PUBLICATION_FIELDS = {"valid_to"}


def _event(version: ProcedureVersion, kind: str, actor, note: str = "") -> None:
    VersionEvent.objects.create(version=version, kind=kind, actor=actor, note=note[:500])


def _locked(version: ProcedureVersion) -> ProcedureVersion:
    return (
        ProcedureVersion.objects.select_for_update(of=("self",))
        .select_related("procedure", "field")
        .get(pk=version.pk)
    )


def _require_draft(version: ProcedureVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            _(
                "Phiên bản %(number)d của thủ tục %(code)s đang ở trạng thái “%(status)s” nên "
                "không được sửa. Hãy sao chép thành bản nháp mới."
            )
            % {
                "number": version.number,
                "code": version.procedure.code,
                "status": version.get_status_display(),
            },
            code="not_draft",
        )


def _procedure(procedure: Procedure | str) -> Procedure:
    if isinstance(procedure, Procedure):
        return Procedure.objects.select_for_update().get(pk=procedure.pk)
    code = procedure.strip()
    if not PROCEDURE_CODE.match(code):
        raise ValidationError(
            _("Mã thủ tục “%(code)s” không đúng dạng 1.001193 hoặc 1.000948.H38.") % {"code": code},
            code="bad_code",
        )
    found, _created = Procedure.objects.get_or_create(code=code)
    return Procedure.objects.select_for_update().get(pk=found.pk)


def _next_number(procedure: Procedure) -> int:
    last = procedure.versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def create_field(*, code: str, name: str) -> Field:
    """Add a field (lĩnh vực) or rename the one with this code."""
    field, _created = Field.objects.update_or_create(code=code.strip(), defaults={"name": name})
    field.full_clean()
    return field


@transaction.atomic
def ensure_field(*, code: str, name: str) -> Field:
    """The field (lĩnh vực) with this code, added with ``name`` when missing (never renamed)."""
    field, created = Field.objects.get_or_create(code=code.strip(), defaults={"name": name})
    if created:
        field.full_clean()
    return field


def lock_procedure(code: str) -> Procedure:
    """The procedure with ``code`` (created when unknown), locked until the caller's transaction
    ends, so that two writers deciding about its next version take turns."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_procedure() needs the caller's transaction")
    return _procedure(code)


@transaction.atomic
def create_procedure(code: str) -> Procedure:
    """Register a procedure code (mã TTHC); its content comes with its first draft."""
    return _procedure(code)


@transaction.atomic
def create_draft(
    procedure: Procedure | str, *, actor, name: str, field: Field, level: str, **values: Any
) -> ProcedureVersion:
    """Start a new draft version of ``procedure`` (a Procedure or a code; a new code creates
    the procedure). ``values`` are other version fields (EDITABLE_FIELDS)."""
    unknown = set(values) - set(EDITABLE_FIELDS) | (set(values) & PUBLICATION_FIELDS)
    if unknown:
        raise TypeError(f"create_draft() got unexpected fields: {sorted(unknown)}")
    procedure = _procedure(procedure)
    version = ProcedureVersion(
        procedure=procedure,
        number=_next_number(procedure),
        status=VersionStatus.DRAFT,
        name=name,
        field=field,
        level=level,
        **values,
    )
    version.full_clean(exclude=["search_name", "search_text"])
    version.save()
    reindex(version)
    _event(version, VersionEventKind.CREATED, actor)
    return version


@transaction.atomic
def create_draft_from_content(
    code: str, content: dict, *, actor, note: str = ""
) -> ProcedureVersion:
    """A new draft of procedure ``code`` (created when unknown) holding ``content``, a version in
    the catalogue file's JSON form without number and status (docs/catalog.md), e.g. a procedure
    pulled from the national database. Checked like an imported version; raises
    CatalogueFileError naming the faulty path, and then nothing is written."""
    reader = Reader()
    spec = parse_version(reader, {**content, "number": 1, "status": VersionStatus.DRAFT}, "$")
    reader.check()
    references = References()
    references.check(reader, spec, "$")
    reader.check()
    procedure = _procedure(code)
    spec["number"] = _next_number(procedure)
    draft = write_version(procedure, spec, references)
    reindex(draft)
    _event(draft, VersionEventKind.IMPORTED, actor, note)
    return draft


@transaction.atomic
def update_draft(version: ProcedureVersion, *, actor, **changes: Any) -> ProcedureVersion:
    """Change fields of a draft; refused for published and withdrawn versions."""
    unknown = set(changes) - set(EDITABLE_FIELDS) | (set(changes) & PUBLICATION_FIELDS)
    if unknown:
        raise TypeError(f"update_draft() got unexpected fields: {sorted(unknown)}")
    version = _locked(version)
    _require_draft(version)
    for name, value in changes.items():
        setattr(version, name, value)
    version.full_clean(exclude=["search_name", "search_text"])
    version.save()
    reindex(version)
    _event(version, VersionEventKind.EDITED, actor, ", ".join(sorted(changes)))
    return version


@transaction.atomic
def replace_draft_parts(version: ProcedureVersion, *, actor, parts: dict) -> ProcedureVersion:
    """Replace the agencies, channels (with fee lines), components, legal basis, internal
    processes and linked procedures of a draft with ``parts``, given in the catalogue file
    format (docs/catalog.md). Raises CatalogueFileError naming the faulty path."""
    version = _locked(version)
    _require_draft(version)
    reader = Reader()
    spec = parse_parts(reader, reader.obj(parts, "$"), "$", form_fields=version.form_fields)
    reader.check()
    References().check(reader, spec, "$", header=False)
    reader.check()
    delete_parts(version)
    write_parts(version, spec, References())
    reindex(version)
    _event(version, VersionEventKind.EDITED, actor, _("nội dung chi tiết"))
    return version


def _version_of(row) -> int | None:
    for path in ("version_id", "term.version_id", "process.version_id"):
        target = row
        for part in path.split("."):
            target = getattr(target, part, None)
        if target is not None:
            return target
    return None


@transaction.atomic
def save_draft_rows(version: ProcedureVersion, *, actor, saved=(), deleted=()) -> None:
    """Save or delete child rows (channels, fee lines, components, agencies, legal basis,
    processes, steps, links) of a draft, as edited row by row in the administration. Rows of
    another version, and any row of a published version, are refused."""
    version = _locked(version)
    _require_draft(version)
    for row in [*saved, *deleted]:
        if _version_of(row) != version.pk:
            raise ValidationError(_("Dòng dữ liệu không thuộc phiên bản này."), code="foreign_row")
    for row in deleted:
        if row.pk is not None:
            row.delete()
    for row in saved:
        row.full_clean()
        row.save()
    reindex(version)
    _event(version, VersionEventKind.EDITED, actor, _("sửa chi tiết"))


@transaction.atomic
def copy_published_to_draft(
    procedure: Procedure | str, *, actor, on: datetime.date | None = None
) -> ProcedureVersion:
    """A new draft holding the content of the version in force on ``on`` (today by default),
    or of the latest published one; validity and publishing decision are left empty."""
    procedure = _procedure(procedure)
    day = on or timezone.localdate()
    published = procedure.versions.filter(status=VersionStatus.PUBLISHED)
    source = (
        next((v for v in published.order_by("-valid_from") if v.is_valid_on(day)), None)
        or published.order_by("-valid_from").first()
    )
    if source is None:
        raise ValidationError(
            _("Thủ tục %(code)s chưa có phiên bản nào đang công khai để sao chép.")
            % {"code": procedure.code},
            code="nothing_published",
        )
    source = exporter.versions_for_export(Procedure.objects.filter(pk=procedure.pk)).get(
        pk=source.pk
    )
    spec = exporter.version_spec(source)
    spec.update(
        number=_next_number(procedure),
        status=VersionStatus.DRAFT,
        valid_from=None,
        valid_to=None,
        decision_number="",
        decision_date=None,
    )
    draft = write_version(procedure, spec, References())
    reindex(draft)
    _event(draft, VersionEventKind.COPIED, actor, _("từ phiên bản %(n)d") % {"n": source.number})
    return draft


def validate_version(version: ProcedureVersion) -> list[str]:
    """Problems that stop ``version`` from being published (empty when it may be)."""
    problems = validation.validate(version)
    version.refresh_from_db(fields=["valid_from", "decision_number", "decision_date"])
    if version.valid_from is None:
        problems.append(_("Chưa có ngày bắt đầu hiệu lực."))
    if not version.decision_number.strip():
        problems.append(_("Chưa có số quyết định công bố."))
    if version.decision_date is None:
        problems.append(_("Chưa có ngày quyết định công bố."))
    return problems


@transaction.atomic
def publish_version(
    version: ProcedureVersion,
    *,
    actor,
    valid_from: datetime.date | None = None,
    decision_number: str | None = None,
    decision_date: datetime.date | None = None,
) -> ProcedureVersion:
    """Publish a draft from ``valid_from``. The version in force on that day ends the day
    before; a published version starting on or after that day is refused (withdraw it first).
    Dossiers filed under the old version keep pointing to it."""
    Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = _locked(version)
    _require_draft(version)
    if valid_from is not None:
        version.valid_from = valid_from
    if decision_number is not None:
        version.decision_number = decision_number
    if decision_date is not None:
        version.decision_date = decision_date
    version.save(update_fields=["valid_from", "decision_number", "decision_date"])
    problems = validate_version(version)
    if (
        version.valid_to is not None
        and version.valid_from
        and version.valid_to < version.valid_from
    ):
        problems.append(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    if problems:
        raise ValidationError(problems, code="invalid_version")
    others = list(
        ProcedureVersion.objects.select_for_update()
        .filter(procedure_id=version.procedure_id, status=VersionStatus.PUBLISHED)
        .order_by("valid_from")
    )
    for other in others:
        if other.valid_from >= version.valid_from:
            raise ValidationError(
                _(
                    "Phiên bản %(number)d có hiệu lực từ %(day)s, không trước ngày hiệu lực của "
                    "phiên bản mới; hãy bãi bỏ phiên bản đó trước."
                )
                % {"number": other.number, "day": other.valid_from.strftime("%d/%m/%Y")},
                code="overlap",
            )
    last_day = version.valid_from - datetime.timedelta(days=1)
    for other in others:
        if other.valid_to is None or other.valid_to > last_day:
            other.valid_to = last_day
            other.save(update_fields=["valid_to"])
            _event(
                other,
                VersionEventKind.SUPERSEDED,
                actor,
                _("thay bằng phiên bản %(n)d") % {"n": version.number},
            )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    _event(version, VersionEventKind.PUBLISHED, actor, version.decision_number)
    return version


@transaction.atomic
def withdraw_version(
    version: ProcedureVersion, *, actor, last_day: datetime.date | None = None, reason: str = ""
) -> ProcedureVersion:
    """Stop offering a published version (bãi bỏ, dừng công khai) after ``last_day`` (today by
    default). It stays in the database for the dossiers filed under it."""
    version = _locked(version)
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(
            _("Chỉ phiên bản đang công khai mới bãi bỏ được."), code="not_published"
        )
    day = last_day or timezone.localdate()
    if day >= version.valid_from and (version.valid_to is None or day < version.valid_to):
        version.valid_to = day
    version.status = VersionStatus.WITHDRAWN
    version.save(update_fields=["status", "valid_to"])
    _event(version, VersionEventKind.WITHDRAWN, actor, reason)
    return version


def import_catalogue(data: Any, *, actor=None) -> importer.ImportSummary:
    """Import a decoded catalogue file, all or nothing (see interchange/importer.py)."""
    return importer.import_catalogue(data, actor=actor)


def export_catalogue(codes: list[str] | None = None) -> dict:
    """The catalogue (or the procedures with ``codes`` and the synonyms that apply to them) as
    a JSON-ready document."""
    procedures = Procedure.objects.all()
    if codes is not None:
        procedures = procedures.filter(code__in=codes)
    return exporter.export_catalogue(procedures, whole=codes is None)


def check_synonym(phrase: str, official: str, *, pk: int | None = None) -> tuple[str, str]:
    """The folded (phrase, official wording) of a synonym; ValidationError when either is empty,
    they are the same words, or the pair exists already (other than row ``pk``)."""
    phrase_key, official_key = keys_of(phrase, official)
    if not phrase_key:
        raise ValidationError(_("Hãy nhập cách gọi thông dụng."), code="no_phrase")
    if not official_key:
        raise ValidationError(_("Hãy nhập cụm từ chính thức."), code="no_official")
    if phrase_key == official_key:
        raise ValidationError(
            _("Cách gọi thông dụng trùng với cụm từ chính thức."), code="same_words"
        )
    clash = SearchSynonym.objects.filter(phrase_key=phrase_key, official_key=official_key)
    if clash.exclude(pk=pk).exists():
        raise ValidationError(
            _("Cách gọi “%(phrase)s” đã có cho cụm từ “%(official)s”.")
            % {"phrase": phrase.strip(), "official": official.strip()},
            code="duplicate",
        )
    return phrase_key, official_key


@transaction.atomic
def save_synonym(
    synonym: SearchSynonym | None = None, *, actor, phrase: str, official: str, note: str = ""
) -> SearchSynonym:
    """Add a citizens' phrase for an official wording (or change ``synonym``) and re-index the
    versions it applied to and applies to now, so the search finds them at once."""
    row = SearchSynonym() if synonym is None or synonym.pk is None else synonym
    phrase_key, official_key = check_synonym(phrase, official, pk=row.pk)
    before = SearchSynonym.objects.filter(pk=row.pk).values_list("official_key", flat=True)
    touched = {official_key, *before}
    row.phrase, row.official, row.note = phrase.strip(), official.strip(), note.strip()
    row.phrase_key, row.official_key = phrase_key, official_key
    created = row.pk is None
    row.save()
    reindex_for(touched)
    audit.record(
        actor=actor,
        verb="catalog.synonym.add" if created else "catalog.synonym.change",
        obj=row,
        phrase=row.phrase,
        official=row.official,
    )
    return row


@transaction.atomic
def delete_synonyms(synonyms, *, actor) -> int:
    """Remove citizens' phrases and re-index the versions they applied to."""
    rows = list(SearchSynonym.objects.select_for_update().filter(pk__in=[s.pk for s in synonyms]))
    for row in rows:
        audit.record(
            actor=actor,
            verb="catalog.synonym.delete",
            obj=row,
            phrase=row.phrase,
            official=row.official,
        )
    SearchSynonym.objects.filter(pk__in=[row.pk for row in rows]).delete()
    reindex_for({row.official_key for row in rows})
    return len(rows)

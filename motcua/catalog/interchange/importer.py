"""Importing a catalogue file in one transaction: all of it or nothing.

A version already stored under the same procedure and number is left alone when its content is
the same, replaced when it is still a draft, and refused when it was published (published
versions never change). Published versions coming in must pass the same checks as publishing
and must not overlap in validity."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .. import validation
from ..constants import VersionEventKind, VersionStatus
from ..files import store_form
from ..indexing import all_synonyms, reindex, reindex_for
from ..models import Field, Procedure, ProcedureVersion, VersionEvent
from .exporter import version_spec, versions_for_export
from .schema import CatalogueFileError, Reader, parse_catalogue
from .synonyms import upsert
from .writer import References, delete_parts, header_values, write_parts, write_version


@dataclass
class ImportSummary:
    procedures: int = 0
    created: int = 0
    replaced: int = 0
    unchanged: int = 0
    forms: int = 0
    synonyms: int = 0


# A catalogue file nests about eight levels (procedure, version, form, field, choices …); far
# deeper is a broken or hostile file, refused before any recursive reading (#17 item 9).
MAX_DEPTH = 32


def _too_deep(raw: Any) -> bool:
    """Whether ``raw`` nests more than MAX_DEPTH lists/objects, measured without recursion."""
    stack = [(raw, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            if depth > MAX_DEPTH:
                return True
            stack.extend((item, depth + 1) for item in value)
    return False


def import_catalogue(raw: Any, *, actor=None) -> ImportSummary:
    """Import decoded JSON; raises schema.CatalogueFileError with every (path, problem)."""
    if _too_deep(raw):
        raise CatalogueFileError(
            [
                (
                    "$",
                    _("Tệp lồng nhau quá %(depth)s cấp: không phải tệp danh mục.")
                    % {"depth": MAX_DEPTH},
                )
            ]
        )
    spec = parse_catalogue(raw)
    with transaction.atomic():
        return _import(spec, actor)


def _import(spec: dict, actor) -> ImportSummary:
    reader = Reader()
    summary = ImportSummary(procedures=len(spec["procedures"]))
    for field in spec["fields"]:
        Field.objects.update_or_create(code=field["code"], defaults={"name": field["name"]})
    refs = References(pending_procedures={p["code"] for p in spec["procedures"]})
    for form in spec["forms"]:
        before = refs.form(form["sha256"])
        stored = before or store_form(
            form["content"],
            title=form["title"],
            filename=form["filename"],
            content_type=form["content_type"],
        )
        summary.forms += before is None
        refs.add_form(stored)
    for proc in spec["procedures"]:
        numbers = [v["number"] for v in proc["versions"]]
        for version, path in zip(proc["versions"], proc["version_paths"], strict=True):
            refs.check(reader, version, path)
            if numbers.count(version["number"]) > 1:
                reader.fail(f"{path}.number", _("số phiên bản trùng trong cùng thủ tục"))
        _check_periods(reader, proc)
    reader.check()

    summary.synonyms, touched = upsert(spec["synonyms"])
    synonyms = all_synonyms()
    procedures = {}
    for proc in spec["procedures"]:
        procedures[proc["code"]], _created = Procedure.objects.get_or_create(code=proc["code"])
    for proc in spec["procedures"]:
        procedure = Procedure.objects.select_for_update().get(pk=procedures[proc["code"]].pk)
        stored = {
            v.number: v for v in versions_for_export(Procedure.objects.filter(pk=procedure.pk))
        }
        written = []
        for incoming, path in zip(proc["versions"], proc["version_paths"], strict=True):
            old = stored.get(incoming["number"])
            if old is None:
                version = write_version(procedure, incoming, refs)
                summary.created += 1
            elif old.status == VersionStatus.DRAFT:
                version = _replace_draft(old, incoming, refs)
                summary.replaced += 1
            elif version_spec(old) == incoming:
                summary.unchanged += 1
                continue
            else:
                reader.fail(
                    path,
                    _(
                        "phiên bản %(number)d của thủ tục %(code)s đã công bố trên hệ thống với "
                        "nội dung khác; phiên bản đã công bố không được sửa, hãy dùng số phiên "
                        "bản mới"
                    )
                    % {"number": incoming["number"], "code": procedure.code},
                )
                continue
            reindex(version, synonyms)
            VersionEvent.objects.create(
                version=version, kind=VersionEventKind.IMPORTED, actor=actor
            )
            written.append((version, path))
        _check_published(reader, written)
    reader.check()
    # Versions already stored (and those left unchanged) learn the new citizens' words too.
    reindex_for(touched)
    return summary


def _replace_draft(old: ProcedureVersion, incoming: dict, refs: References) -> ProcedureVersion:
    delete_parts(old)
    for name, value in header_values(incoming, refs).items():
        setattr(old, name, value)
    old.status = incoming["status"]
    old.full_clean(exclude=["search_name", "search_text", "procedure", "field"])
    old.save()
    write_parts(old, incoming, refs)
    return old


def _check_periods(reader: Reader, proc: dict) -> None:
    """At most one published version in force on any day, counting what is stored (published
    versions stay as they are) and what the file brings (new versions and drafts it replaces)."""
    periods = {
        v.number: (v.valid_from, v.valid_to)
        for v in ProcedureVersion.objects.filter(
            procedure__code=proc["code"], status=VersionStatus.PUBLISHED
        )
    }
    kept = set(periods)
    for incoming in proc["versions"]:
        if incoming["number"] in kept:
            continue
        periods.pop(incoming["number"], None)
        if incoming["status"] == VersionStatus.PUBLISHED and incoming["valid_from"]:
            periods[incoming["number"]] = (incoming["valid_from"], incoming["valid_to"])
    ordered = sorted(periods.items(), key=lambda item: (item[1][0], item[0]))
    for (a, (_start, end)), (b, (start, _end)) in itertools.pairwise(ordered):
        if end is None or end >= start:
            reader.fail(
                proc["path"],
                _(
                    "phiên bản %(a)d và %(b)d cùng đang công khai và có thời gian hiệu lực "
                    "chồng lên nhau"
                )
                % {"a": a, "b": b},
            )


def _check_published(reader: Reader, written: list) -> None:
    for version, version_path in written:
        if version.status == VersionStatus.PUBLISHED:
            for problem in validation.validate(version):
                reader.fail(version_path, problem)

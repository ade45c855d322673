"""The catalogue file's "synonyms": the words citizens use for procedures (cách gọi thông dụng).

    "synonyms": [
      {"phrase": "làm sổ đỏ", "official": "giấy chứng nhận quyền sử dụng đất", "note": "…"}
    ]

A synonym is known by its folded phrase and official wording: importing one that exists updates
its texts and note, so loading the same file twice changes nothing. Synonyms are never deleted
by an import (a file may carry only some of them); the administration deletes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from ..models import SearchSynonym
from ..search import canonical

if TYPE_CHECKING:
    from .schema import Reader


def parse_synonyms(reader: Reader, data: dict) -> list[dict]:
    """The canonical list (sorted by folded phrase and wording); faults go to ``reader``."""
    found: dict[tuple[str, str], dict] = {}
    for path, item in reader.items(data, "synonyms", "$"):
        entry = reader.obj(item, path)
        synonym = {
            "phrase": reader.text(entry, "phrase", path, required=True, max_length=200),
            "official": reader.text(entry, "official", path, required=True, max_length=255),
            "note": reader.text(entry, "note", path, max_length=255),
        }
        key = keys_of(synonym["phrase"], synonym["official"])
        if not (synonym["phrase"].strip() and synonym["official"].strip()):
            continue  # already reported as empty
        if not all(key):
            reader.fail(path, _("cách gọi và cụm từ chính thức phải có chữ hoặc số"))
        elif key[0] == key[1]:
            reader.fail(path, _("cách gọi thông dụng trùng với cụm từ chính thức"))
        elif key in found:
            reader.fail(path, _("cách gọi này đã có cho cùng cụm từ chính thức"))
        else:
            found[key] = synonym
    return [found[key] for key in sorted(found)]


def keys_of(phrase: str, official: str) -> tuple[str, str]:
    return canonical(phrase), canonical(official)


def spec_of(synonym: SearchSynonym) -> dict:
    return {"phrase": synonym.phrase, "official": synonym.official, "note": synonym.note}


def export_rows(own_texts: list[str] | None) -> list[dict[str, Any]]:
    """Every synonym (``own_texts`` None: the whole catalogue), or those that apply to versions
    with these folded own words."""
    rows = SearchSynonym.objects.order_by("phrase_key", "official_key")
    padded = [f" {text} " for text in own_texts or []]
    return [
        spec_of(row)
        for row in rows
        if own_texts is None or any(f" {row.official_key} " in text for text in padded)
    ]


def upsert(specs: list[dict]) -> tuple[int, set[str]]:
    """Write the synonyms of a file: (how many were created or changed, the official wordings
    whose versions must be re-indexed)."""
    changed, touched = 0, set()
    for spec in specs:
        phrase_key, official_key = keys_of(spec["phrase"], spec["official"])
        row = SearchSynonym.objects.filter(phrase_key=phrase_key, official_key=official_key).first()
        if row is not None and spec_of(row) == spec:
            continue
        row = row or SearchSynonym(phrase_key=phrase_key, official_key=official_key)
        row.phrase, row.official, row.note = spec["phrase"], spec["official"], spec["note"]
        row.save()
        changed += 1
        touched.add(official_key)
    return changed, touched

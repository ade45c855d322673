"""Keeps a version's folded search columns in step with its content and with the synonyms.
Called by every service that writes a version or a synonym, never by views.

``search_text`` is the version's own words (code, name, field, result, agencies), then, after a
" | " each, the citizens' phrases of every synonym whose official wording is in them:

    " 1 004873 cap giay xac nhan tinh trang hon nhan ho tich ... | xac nhan doc than "

so a query is matched against columns computed at write time, never by folding rows per query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from .models import ProcedureVersion, SearchSynonym
from .search import canonical

SEPARATOR = " | "

# (phrase_key, official_key) pairs.
Synonyms = list[tuple[str, str]]


def columns(parts: Iterable[str], name: str, synonyms: Synonyms) -> tuple[str, str]:
    """(search_name, search_text) of a version with these searchable ``parts`` and ``name``.
    Pure: the data migration that folded the existing rows uses it too."""
    own = " ".join(canonical(part) for part in parts if part)
    padded_own = f" {own} "
    phrases = sorted({phrase for phrase, official in synonyms if f" {official} " in padded_own})
    return f" {canonical(name)} ", f" {SEPARATOR.join([own, *phrases])} "


def _parts(version: ProcedureVersion) -> list[str]:
    return [
        version.procedure.code,
        version.name,
        version.field.name,
        version.result_name,
        *(agency.name for agency in version.agencies.all()),
    ]


def own_words(version: ProcedureVersion) -> str:
    """The version's own searchable words, folded (what a synonym's official wording is
    looked for in)."""
    return " ".join(canonical(part) for part in _parts(version) if part)


def all_synonyms() -> Synonyms:
    return list(SearchSynonym.objects.values_list("phrase_key", "official_key"))


def reindex(version: ProcedureVersion, synonyms: Synonyms | None = None) -> None:
    """Recompute and store search_name and search_text of ``version``."""
    version.search_name, version.search_text = columns(
        _parts(version), version.name, all_synonyms() if synonyms is None else synonyms
    )
    ProcedureVersion.objects.filter(pk=version.pk).update(
        search_name=version.search_name, search_text=version.search_text
    )


def reindex_for(official_keys: Iterable[str]) -> int:
    """Re-index the versions whose own words contain one of ``official_keys`` (a synonym was
    added, changed or removed); returns how many changed."""
    keys = sorted({key for key in official_keys if key})
    if not keys:
        return 0
    # A version that contains the wording contains it in search_text too: a superset, refined
    # by columns() itself.
    candidates = ProcedureVersion.objects.none()
    for key in keys:
        candidates |= ProcedureVersion.objects.filter(search_text__contains=f" {key} ")
    synonyms = all_synonyms()
    versions = list(
        candidates.distinct()
        .select_related("procedure", "field")
        .prefetch_related("agencies")
        .order_by("pk")
    )
    changed = []
    for version in versions:
        folded = columns(_parts(version), version.name, synonyms)
        if folded != (version.search_name, version.search_text):
            version.search_name, version.search_text = folded
            changed.append(version)
    _write(changed)
    return len(changed)


def _write(versions: list[ProcedureVersion]) -> None:
    """One parameterised UPDATE per row, sent as a batch: ``bulk_update`` builds a CASE per row
    and took seconds for the ~850 versions one common synonym touches in a national catalogue."""
    if not versions:
        return
    table = connection.ops.quote_name(ProcedureVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            # bandit B608 is wrong here: table names from model metadata; values are parameters.
            f"UPDATE {table} SET search_name = %s, search_text = %s WHERE id = %s",  # noqa: S608  # nosec B608
            [(v.search_name, v.search_text, v.pk) for v in versions],
        )

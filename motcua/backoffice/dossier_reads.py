"""The dossier page's reads (#18: ≤ 10 queries with the user, their memberships and the audit
row): the dossier through ``dossiers.access.visible_to`` with, in the same query, its channel's
term, its national portal sync and how many rows each of its parts has; then its steps, its
components and its history with their files joined, and only the parts it has.

Most dossiers have no pause, supplement request, re-appointment, transfer or result: a part it
lacks costs no query and reads as empty (the counts come with the row, the same snapshot).
Small parts without foreign keys to show (fee lines, pauses, supplement requests,
re-appointments, notifications) are read together in one query when there are several."""

from __future__ import annotations

import functools

from django.db import connection
from django.db.models import (
    F,
    FilteredRelation,
    IntegerField,
    Q,
)
from django.db.models.expressions import RawSQL

from motcua.compiled_queries import CompiledQuery
from motcua.documents.models import StoredFile
from motcua.dossiers.access import scope_of, within_scope
from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierStep,
    Event,
)
from motcua.integrations import selectors as integrations

# Parts read always (every received dossier has components, steps and history), the files of
# components and of history rows joined to them (one row per file: a part and its files are
# one query, not two).
COMPONENTS = DossierComponent.objects.select_related("component")
STEPS = DossierStep.objects.select_related("assignee", "agency")
EVENTS = Event.objects.select_related("actor", "actor_unit")
# Parts read only when the dossier has some (how many is read with the row); deliveries are
# the notifications sent about it (newest first, the model's order).
OPTIONAL = (
    "fees",
    "pauses",
    "supplement_requests",
    "reappointments",
    "deliveries",
    "results",
    "transfers",
)
# The foreign keys a part is read with, when it shows some.
JOINS = {
    "results": ("file",),
    "transfers": ("from_agency", "to_agency"),
}
# Parts without foreign keys to show, a few rows each: two or more of them are read in one
# query, each joined to the dossier (one row per combination), as long as the combinations
# stay within JOINED_ROWS; the rest each in its own query.
TOGETHER = ("fees", "pauses", "supplement_requests", "reappointments", "deliveries")
JOINED_ROWS = 60
FILE_COLUMNS = tuple(f.attname for f in StoredFile._meta.concrete_fields)


def _dossier_query(shape: tuple[str, ...], *values):
    """The dossier with code ``values[-1]`` within the scope ``(shape, values[:-1])`` of
    ``dossiers.access.scope_of``, with its joins and counts."""
    *scope, code = values
    qs = (
        within_scope(shape, tuple(scope))
        .select_related(
            "procedure_version__procedure",
            "receiving_unit",
            "resolving_agency",
            "holder",
            "assignee",
            "rules",
            "authorisation",
        )
        # The term of its channel: (version, channel) is unique, so the join adds no row.
        .annotate(
            channel_term=FilteredRelation(
                "procedure_version__channels",
                condition=Q(procedure_version__channels__channel=F("channel")),
            )
        )
        .select_related("channel_term")
        .annotate(**_part_counts())
    )
    # As ``get``: no order; more than one row (never: the code is unique) is an error.
    return integrations.with_sync_status(qs).filter(code=code).order_by()[:2]


def _with_files(qs, relation: str):
    """``qs`` with its ``relation`` of stored files joined as ``file_<column>`` annotations:
    one row per file (or one without), each row's files in the order they were stored."""
    return qs.annotate(**{f"file_{c}": F(f"{relation}__{c}") for c in FILE_COLUMNS}).order_by(
        *qs.query.order_by or qs.model._meta.ordering, f"{relation}__id"
    )


# The page's reads, compiled once per process (``CompiledQuery``): through the ORM, building
# and compiling them cost more CPU than the database spent answering (#18). The dossier's
# shape is the reader's scope (how many memberships, of which kind).
_dossier = CompiledQuery(Dossier, _dossier_query)
_steps = CompiledQuery(DossierStep, lambda pk: STEPS.filter(dossier_id=pk))
_components = CompiledQuery(
    DossierComponent, lambda pk: _with_files(COMPONENTS.filter(dossier_id=pk), "files")
)
_events = CompiledQuery(Event, lambda pk: _with_files(EVENTS.filter(dossier_id=pk), "attachments"))


def _model(relation: str):
    return getattr(Dossier, relation).rel.related_model


def _part_query(name: str):
    """The rows of the optional part ``name`` of a dossier, as its prefetch read them: its
    model's default manager and order, with the foreign keys the page shows."""
    manager, joins = _model(name)._default_manager, JOINS.get(name)
    qs = manager.select_related(*joins) if joins else manager.all()
    return lambda pk: qs.filter(dossier_id=pk)


# Each optional part alone, and several small ones joined (``_read_together``; its shape is
# which parts).
_parts = {name: CompiledQuery(_model(name), _part_query(name)) for name in OPTIONAL}
_together = CompiledQuery(Dossier, lambda relations, pk: _together_query(relations, pk))


def dossier_page(user, code: str) -> Dossier:
    """The dossier with everything its page shows; Dossier.DoesNotExist when ``user`` may not
    see it. ``dossier.term`` is its channel's term (None when the version has none on that
    channel), ``dossier.sync`` its national portal sync (``integrations.sync_status``)."""
    shape, scope = scope_of(user)
    found = _dossier.objects(*scope, code, shape=shape)
    if not found:
        raise Dossier.DoesNotExist("Dossier matching query does not exist.")
    if len(found) > 1:
        raise Dossier.MultipleObjectsReturned(f"{len(found)} dossiers with code {code}")
    dossier = found[0]
    dossier.term = dossier.channel_term
    if dossier.term is not None:
        dossier.term.version = dossier.procedure_version
    dossier.sync = integrations.sync_status(dossier)
    present = {name: n for name in OPTIONAL if (n := getattr(dossier, f"n_{name}") or 0)}
    together = _joinable({name: n for name, n in present.items() if name in TOGETHER})
    for name in present:
        if name not in together:
            _read_as(dossier, name, _part(dossier, name))
    steps = _steps.objects(dossier.pk)
    for step in steps:
        # As a prefetch does: each step knows its dossier.
        step.dossier = dossier
    _read_as(dossier, "steps", steps)
    for name, rows in _read_together(dossier, together).items():
        _read_as(dossier, name, rows)
    for name in OPTIONAL:
        if name not in present:
            _read_as(dossier, name, [])
    _read_as(dossier, "components", _files_read(_components.objects(dossier.pk), "files"))
    _read_as(dossier, "events", _files_read(_events.objects(dossier.pk), "attachments"))
    return dossier


@functools.cache
def _part_counts() -> dict[str, RawSQL]:
    """How many rows each optional part has, as ``n_<part>`` annotations: correlated counts
    written once as SQL (standard, for PostgreSQL and SQLite) from the models' table names. The
    ORM built and compiled seven ``Subquery`` counts on every view for more CPU than the
    database spent running them (#18)."""
    q = connection.ops.quote_name
    dossier = f"{q(Dossier._meta.db_table)}.{q(Dossier._meta.pk.column)}"
    counts = {}
    for name in OPTIONAL:
        model = _model(name)
        table = q(model._meta.db_table)
        column = q(model._meta.get_field("dossier").column)
        # Only quoted names from the models go into the text; nothing from a request does.
        sql = f"(SELECT COUNT(*) FROM {table} WHERE {table}.{column} = {dossier})"  # noqa: S608
        counts[f"n_{name}"] = RawSQL(sql, (), output_field=IntegerField())  # noqa: S611  # nosec B611
    return counts


def _part(dossier: Dossier, name: str) -> list:
    """The rows of the part ``name`` of ``dossier``, each knowing its dossier (as a prefetch
    leaves them)."""
    rows = _parts[name].objects(dossier.pk)
    field = _model(name)._meta.get_field("dossier")
    for row in rows:
        field.set_cached_value(row, dossier)
    return rows


def _joinable(counts: dict[str, int]) -> list[str]:
    """The parts to read joined: the smallest first while their combinations stay within
    ``JOINED_ROWS``; none when fewer than two would be."""
    chosen, rows = [], 1
    for name in sorted(counts, key=counts.get):
        if rows * counts[name] > JOINED_ROWS:
            break
        chosen.append(name)
        rows *= counts[name]
    return chosen if len(chosen) > 1 else []


def _read_together(dossier: Dossier, relations: list[str]) -> dict[str, list]:
    """The rows of several small ``relations`` of ``dossier`` in one query: each joined to the
    dossier (one row per combination, a few at most), told apart by their keys, each list in
    its model's order."""
    if not relations:
        return {}
    columns = {name: _columns(_model(name)) for name in relations}
    rows = _together.rows(dossier.pk, shape=tuple(relations))
    found: dict[str, dict] = {name: {} for name in relations}
    for row in rows:
        start = 0
        for name in relations:
            values = row[start : start + len(columns[name])]
            start += len(values)
            if values[0] is not None and values[0] not in found[name]:
                found[name][values[0]] = _model(name).from_db(
                    dossier._state.db, columns[name], values
                )
    return {name: _in_model_order(found[name].values()) for name in relations}


def _together_query(relations: tuple[str, ...], pk):
    """The dossier ``pk`` joined to each of ``relations``, their columns side by side."""
    columns = {name: _columns(_model(name)) for name in relations}
    return (
        Dossier.objects.filter(pk=pk)
        .order_by()
        .values_list(*(f"{name}__{c}" for name in relations for c in columns[name]))
    )


def _columns(model) -> list[str]:
    """The model's columns, its key first."""
    key = model._meta.pk.attname
    return [key, *(f.attname for f in model._meta.concrete_fields if f.attname != key)]


def _in_model_order(rows) -> list:
    """``rows`` of one dossier in their model's ordering (the key last), as a query would
    return them."""
    rows = sorted(rows, key=lambda row: row.pk)
    if not rows:
        return rows
    for field in reversed(rows[0]._meta.ordering):
        name = field.lstrip("-")
        if name != "dossier":
            rows.sort(key=lambda row: getattr(row, name), reverse=field.startswith("-"))
    return rows


def _files_read(joined: list, relation: str) -> list:
    """The rows of a ``_with_files`` query, one per row of its model (in its order), with
    their ``relation`` of stored files read from the joined columns."""
    rows: dict[int, tuple] = {}
    for row in joined:
        kept, files = rows.setdefault(row.pk, (row, []))
        if row.file_id is not None:
            values = [getattr(row, f"file_{c}") for c in FILE_COLUMNS]
            files.append(StoredFile.from_db(row._state.db, FILE_COLUMNS, values))
    for kept, files in rows.values():
        _read_as(kept, relation, files)
    return [kept for kept, _files in rows.values()]


def _read_as(instance, relation: str, rows: list) -> None:
    """``instance.<relation>.all()`` answers ``rows`` without a query, as after a prefetch."""
    qs = getattr(instance, relation).all()
    qs._result_cache = rows
    qs._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation] = qs

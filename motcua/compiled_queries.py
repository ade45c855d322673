"""Hot queries compiled by the ORM once per process instead of on every request.

On the busiest pages the ORM spent more CPU turning a queryset into SQL than the database spent
answering it (#18: the public tracking look-up, 2.3 ms of compiling against 0.6 ms of reading;
the queue's open steps, 2 ms against 1; the officer's dossier page, some 20 ms a view for its
dossier, steps, components and history). ``CompiledQuery`` builds the queryset once for each
shape (a database, a number of parameters and, when the caller says so, which conditions it
has) twice, with two sets of stand-in values, and keeps the statement, where each value goes
among its parameters and the converters the ORM's compiler would apply to each column. It then
runs the statement with the real values and converts the rows as the ORM does (on SQLite, for
example, into aware datetimes), into lists (``rows``) or into model instances with their
``select_related`` objects and annotations (``objects``).

A parameter that is the same in both compilations is the ORM's own (a state, a constant of a
subquery) and is kept as it is; one that is a value (a date as the database takes it), or a
value made into a LIKE pattern (``startswith``, ``contains``), takes the real value's place. A statement whose text differs
between the two compilations, or with a parameter made from a value in any other way, is not
kept: that shape then runs through the ORM each time, with the same rows. A builder must not
compute other parameters from its values in Python (a length, a flag): one that came out the
same for both sets of stand-ins would be taken for a constant."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


def _stand_ins(values: Sequence, round_: int) -> list:
    """A distinct value of the same kind for each parameter, different in each round, to find
    their places in the compiled statement's parameters. The underscore shows whether a value
    went in escaped for LIKE."""
    return [
        -1 - i - 1000 * round_
        if isinstance(value, int)
        else datetime.date(1000 + 100 * round_ + i, 1, 1)
        if isinstance(value, datetime.date)
        else f"\x1fstand_in-{i}-{round_}"
        for i, value in enumerate(values)
    ]


def _place(first, second, stand_ins: tuple[list, list], ops):
    """Where a parameter of both compilations comes from: ``("const", value)``,
    ``("value", i)``, ``("date", i)`` (a date as the database takes it), ``("like", i, prefix,
    suffix)``, or None when it cannot be known."""
    like = ops.prep_for_like_query
    if first == second:
        return ("const", first)
    for i, (a, b) in enumerate(zip(*stand_ins, strict=True)):
        if first == a and second == b:
            return ("value", i)
        if isinstance(a, datetime.date):
            if first == ops.adapt_datefield_value(a) and second == ops.adapt_datefield_value(b):
                return ("date", i)
            continue
        if isinstance(a, str) and isinstance(first, str) and isinstance(second, str):
            at = first.find(like(a))
            if at >= 0:
                prefix, suffix = first[:at], first[at + len(like(a)) :]
                if second == prefix + like(b) + suffix:
                    return ("like", i, prefix, suffix)
    return None


class _Kept:
    """A statement compiled once: its text, where its parameters come from, the converters of
    its columns and, for instances, how the ORM's ModelIterable makes them."""

    def __init__(self, sql: str, places: list, compiler, instances: bool):
        self.sql = sql
        self.places = places
        columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        self.converters = [
            (position, functions, expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        ]
        if instances:
            select, klass_info = compiler.select, compiler.klass_info
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.span = (fields[0], fields[-1] + 1)
            self.init_list = [f[0].target.attname for f in select[self.span[0] : self.span[1]]]
            self.populators = get_related_populators(klass_info, select, compiler.using)
            self.annotations = dict(compiler.annotation_col_map or {})

    def params(self, values: Sequence, ops) -> list:
        params = []
        for place in self.places:
            if place[0] == "const":
                params.append(place[1])
            elif place[0] == "value":
                params.append(values[place[1]])
            elif place[0] == "date":
                params.append(ops.adapt_datefield_value(values[place[1]]))
            else:
                params.append(place[2] + ops.prep_for_like_query(values[place[1]]) + place[3])
        return params


class CompiledQuery:
    """``build(*values)`` — a queryset of ``model`` whose parameters are ``values`` (in any
    order, any number of times) and the ORM's own constants — compiled once per database,
    number of values and ``shape``. With a ``shape`` (a hashable telling apart statements with
    the same number of values, e.g. which conditions a user's memberships add), it is
    ``build(shape, *values)``. ``rows`` needs a ``values_list`` queryset, ``objects`` a
    queryset of model instances (``select_related`` and annotations kept; no prefetch)."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]):
        self.model = model
        self.build = build
        # Per shape: what ``rows`` runs, and what ``objects`` runs.
        self._kept: dict[tuple, _Kept | None] = {}
        self._kept_objects: dict[tuple, _Kept | None] = {}

    def rows(self, *values, shape: Hashable = None) -> list:
        """The rows of the query, as the ORM gives them (lists, not tuples)."""
        found = self._run(values, shape, instances=False)
        if found is None:
            return [list(row) for row in self._queryset(values, shape)]
        return found[1]

    def objects(self, *values, shape: Hashable = None) -> list[Model]:
        """The model instances of the query, as the ORM makes them."""
        found = self._run(values, shape, instances=True)
        if found is None:
            return list(self._queryset(values, shape))
        kept, rows, alias = found
        start, end = kept.span
        made = []
        for row in rows:
            obj = kept.model.from_db(alias, kept.init_list, row[start:end])
            for populator in kept.populators:
                populator.populate(row, obj)
            for name, position in kept.annotations.items():
                setattr(obj, name, row[position])
            made.append(obj)
        return made

    def _queryset(self, values: Sequence, shape: Hashable) -> QuerySet:
        return self.build(*values) if shape is None else self.build(shape, *values)

    def _run(self, values: Sequence, shape: Hashable, *, instances: bool):
        alias = router.db_for_read(self.model)
        key = (alias, len(values)) if shape is None else (alias, len(values), shape)
        kept_by_key = self._kept_objects if instances else self._kept
        if key not in kept_by_key:
            kept_by_key[key] = self._compile(alias, values, shape, instances)
        kept = kept_by_key[key]
        if kept is None:
            return None
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(kept.sql, kept.params(values, connection.ops))
            found = cursor.fetchall()
        rows = []
        for row in found:
            row = list(row)
            for position, functions, expression in kept.converters:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
            rows.append(row)
        return kept, rows, alias

    def _compile(self, alias: str, values: Sequence, shape: Hashable, instances: bool):
        if any(
            isinstance(v, bool | datetime.datetime) or not isinstance(v, int | str | datetime.date)
            for v in values
        ):
            return None  # no stand-in for it: a boolean, a time …
        compiled = []
        stand_ins = (_stand_ins(values, 0), _stand_ins(values, 1))
        for round_ in stand_ins:
            queryset = self._queryset(round_, shape)
            if instances and (
                queryset._prefetch_related_lookups or queryset._known_related_objects
            ):
                return None
            compiler = queryset.query.get_compiler(alias)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                return None
            compiled.append((sql, list(params), compiler))
        (sql, first, compiler), (other_sql, second, _compiler) = compiled
        if sql != other_sql or len(first) != len(second):
            return None
        ops = connections[alias].ops
        places = [_place(a, b, stand_ins, ops) for a, b in zip(first, second, strict=True)]
        if None in places:
            return None
        return _Kept(sql, places, compiler, instances)

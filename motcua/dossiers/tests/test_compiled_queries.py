"""``CompiledQuery``: a values_list query compiled once per shape gives the rows the ORM gives,
converted as the ORM converts them (aware datetimes on SQLite too), runs without compiling
again, and falls back to the ORM when its parameters are not the values it was given."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.compiled_queries import CompiledQuery
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def _by_codes(*codes):
    return Dossier.objects.filter(code__in=codes).order_by("pk").values_list("code", "received_at")


def test_rows_are_the_orms_and_the_statement_is_kept_per_shape(walk_in):
    first, second = walk_in(), walk_in()
    query = CompiledQuery(Dossier, _by_codes)
    assert query.rows(first.code, second.code) == [
        list(r) for r in _by_codes(first.code, second.code)
    ]
    at = query.rows(first.code)[0][1]
    assert at == first.received_at and at.tzinfo is not None  # converted as the ORM does
    assert set(query._kept) == {(connection.alias, 2), (connection.alias, 1)}
    # The same shape with other values reuses the statement: one query, the other dossier.
    with CaptureQueriesContext(connection) as ran:
        assert query.rows(second.code) == [[second.code, second.received_at]]
    assert len(ran) == 1


def test_a_statement_whose_parameters_are_not_the_values_is_not_kept(walk_in):
    dossier = walk_in()

    def folded(code):
        # The parameter is made from the value in a way the statement cannot replay.
        return Dossier.objects.filter(code=code.upper()).values_list("code")

    query = CompiledQuery(Dossier, folded)
    assert query.rows(dossier.code.lower()) == [[dossier.code]]
    assert query._kept == {(connection.alias, 1): None}  # run through the ORM each time


def test_the_orms_own_parameters_and_like_patterns_are_kept(walk_in):
    """A constant of the ORM stays in place; a value made a LIKE pattern is escaped again."""
    dossier, other = walk_in(), walk_in()

    def by_prefix(prefix, code):
        return (
            Dossier.objects.filter(status__in=["received", "in_progress"])
            .filter(code__startswith=prefix)
            .exclude(code=code)
            .values_list("code")
        )

    query = CompiledQuery(Dossier, by_prefix)
    prefix = dossier.code[:-1]
    assert query.rows(prefix, other.code) == [list(r) for r in by_prefix(prefix, other.code)]
    assert query._kept[(connection.alias, 2)] is not None
    assert query.rows(dossier.code, "") == [[dossier.code]]
    # "_" and "%" are the value's own characters, not wildcards.
    assert query.rows(dossier.code[:-2] + "_", "") == []
    assert query.rows("%", "") == []


def test_objects_are_the_orms_with_their_joins_and_annotations(walk_in, people):
    """Instances with their select_related objects and annotations, as the ORM makes them;
    the shape tells apart statements with the same number of values."""
    from django.db.models import Count, Value

    from motcua.dossiers.access import scope_of, within_scope

    dossier = walk_in()

    def build(shape, *values):
        *scope, code = values
        return (
            within_scope(shape, tuple(scope))
            .select_related("receiving_unit", "procedure_version__procedure")
            .annotate(n_steps=Count("steps"), tag=Value("x"))
            .filter(code=code)
        )

    query = CompiledQuery(Dossier, build)
    for user in (people.desk_x, people.specialist_x, people.citizen_a, people.citizen_b):
        shape, scope = scope_of(user)
        made = query.objects(*scope, dossier.code, shape=shape)
        expected = list(build(shape, *scope, dossier.code))
        assert made == expected
        for got, want in zip(made, expected, strict=True):
            assert got.__dict__.keys() == want.__dict__.keys()
            assert got.received_at == want.received_at and got.received_at.tzinfo is not None
            assert got.receiving_unit.name == want.receiving_unit.name
            assert got.procedure_version.procedure.code == want.procedure_version.procedure.code
            assert (got.n_steps, got.tag) == (want.n_steps, want.tag)
            assert got._state.db == want._state.db
    # The officers' statements are kept, one per shape; the applicants' too.
    assert all(kept is not None for kept in query._kept_objects.values())
    assert len(query._kept_objects) >= 2
    with CaptureQueriesContext(connection) as ran:
        shape, scope = scope_of(people.desk_x)
        assert query.objects(*scope, dossier.code, shape=shape) == [dossier]
    assert len(ran) == 1


def test_the_hot_lookups_keep_their_statements(walk_in):
    """The tracking look-up and the queue's open steps are compiled once, not run through the
    ORM each time (their parameters are exactly the values they are given)."""
    from motcua.backoffice import queue_rows
    from motcua.dossiers import access

    dossier = walk_in()
    assert access.find_for_tracking(dossier.code, dossier.applicant_phone[-4:]) == dossier
    assert access._tracking_lookup._kept[(connection.alias, 2)] is not None
    assert queue_rows._open_steps.rows(dossier.pk, dossier.pk + 1) is not None
    assert queue_rows._open_steps._kept[(connection.alias, 2)] is not None


def test_the_dossier_pages_reads_keep_their_statements(walk_in, people):
    """The officer's dossier page reads its dossier (through the access scope), steps,
    components and history from statements compiled once, not through the ORM each time."""
    from motcua.backoffice import dossier_reads
    from motcua.dossiers.access import scope_of

    dossier = walk_in()
    for user in (people.desk_x, people.specialist_x):
        assert dossier_reads.dossier_page(user, dossier.code) == dossier
        shape, _scope = scope_of(user)
        assert dossier_reads._dossier._kept_objects[(connection.alias, 2, shape)] is not None
    for query in (dossier_reads._steps, dossier_reads._components, dossier_reads._events):
        assert query._kept_objects[(connection.alias, 1)] is not None
    with pytest.raises(Dossier.DoesNotExist):
        dossier_reads.dossier_page(people.citizen_b, dossier.code)


def test_the_dossier_pages_optional_parts_and_the_account_keep_their_statements(walk_in, people):
    """Each optional part of the dossier page (alone, or several read together) and the
    signed-in account are compiled once and read what the ORM reads."""
    from motcua.accounts import backends
    from motcua.backoffice import dossier_reads

    dossier = walk_in()
    for name, query in dossier_reads._parts.items():
        assert query.objects(dossier.pk) == list(getattr(dossier, name).all()), name
        assert query._kept_objects[(connection.alias, 1)] is not None, name
    together = ("fees", "pauses", "deliveries")
    expected = dossier_reads._together_query(together, dossier.pk)
    assert dossier_reads._together.rows(dossier.pk, shape=together) == [
        list(row) for row in expected
    ]
    assert dossier_reads._together._kept[(connection.alias, 1, together)] is not None
    for user in (people.desk_x, people.citizen_b):
        profile = getattr(user, "citizen_profile", None)
        account = backends.signed_in_user(user.pk)
        assert account == user
        with CaptureQueriesContext(connection) as ran:
            assert getattr(account, "citizen_profile", None) == profile
        assert len(ran) == 0
    assert backends._accounts._kept_objects[(connection.alias, 1)] is not None
    assert backends.signed_in_user(10**9) is None
    assert backends.signed_in_user(str(people.desk_x.pk)) == people.desk_x


def test_a_date_goes_in_as_the_database_takes_it(people):
    """An officer's memberships (read on every request) are compiled once, the day being a
    parameter; a day before the membership began finds none."""
    import datetime

    from motcua.agencies import selectors

    today = selectors.today()
    made = selectors._active.objects(people.desk_x.pk, today)
    assert made == list(selectors.memberships_of(people.desk_x, on=today))
    assert [m.unit.name for m in made] == [
        m.unit.name for m in selectors.memberships_of(people.desk_x, on=today)
    ]
    assert selectors._active._kept_objects[(connection.alias, 2)] is not None
    assert selectors._active.objects(people.desk_x.pk, datetime.date(1990, 1, 1)) == []

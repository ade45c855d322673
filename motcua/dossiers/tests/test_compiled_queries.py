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
        # The ORM adds a parameter of its own: the stand-in's place cannot be known.
        return Dossier.objects.filter(
            code=code, status__in=["received", "in_progress"]
        ).values_list("code")

    query = CompiledQuery(Dossier, folded)
    assert query.rows(dossier.code) == [
        list(r)
        for r in Dossier.objects.filter(
            code=dossier.code, status__in=["received", "in_progress"]
        ).values_list("code")
    ]
    assert query._kept == {(connection.alias, 1): None}  # run through the ORM each time


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

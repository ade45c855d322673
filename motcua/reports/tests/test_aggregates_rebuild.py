"""The rebuild of the aggregates in bulk: by ranges of ids and in several processes it gives
exactly the tables of a rebuild in one pass, and a failed worker leaves the tables as they were."""

import io
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from motcua.feedback import selectors as feedback_selectors
from motcua.reports.aggregates import bulk, store
from motcua.reports.aggregates.contribution import complaints, complaints_between
from motcua.reports.aggregates.models import DossierContribution
from motcua.reports.measurement import records
from motcua.reports.tests import test_evaluation

# A month with a dossier rated not satisfied and two named in feedback.
handler = test_evaluation.handler
month = test_evaluation.month

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes need a shared PostgreSQL database"
)


def contributions() -> dict:
    return {c.pk: (c.flows, c.stock) for c in DossierContribution.objects.all()}


@pytest.mark.django_db
def test_spans_cover_every_accepted_dossier_once(march):
    ids = list(records.accepted().order_by("pk").values_list("pk", flat=True))
    spans = bulk.id_spans(chunk_size=1)  # five ids a span: several spans for the month
    assert len(spans) > 1
    covered = [pk for pk in ids for after, upto in spans if after < pk <= upto]
    assert covered == ids
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))  # no gap, no overlap


@pytest.mark.django_db
def test_totals_summed_by_span_and_merged_equal_the_tables(march):
    """What the workers do, in this process: each span's chunks summed apart, then merged."""
    daily = store.empty_totals()
    for after, upto in bulk.id_spans(chunk_size=2):
        part = store.empty_totals()
        for chunk in store.chunks(2, after=after, upto=upto):
            assert all(after < pk <= upto for pk, _c in chunk)
            store.add_to(part, chunk)
        store.merge(daily, part)
    merged = {name: store.rolled_up(part) for name, part in daily.items()}
    assert merged == store.stored_rows() == store.totals(store.recompute())


@pytest.mark.django_db
def test_a_chunked_rebuild_gives_the_same_tables_and_contributions(march):
    tables, kept = store.stored_rows(), contributions()
    count, flows, stock = store.rebuild(chunk_size=3)
    assert count == len(kept) == 12
    assert (flows, stock) == (len(tables["flows"]), len(tables["stock"]))
    assert store.stored_rows() == tables
    assert contributions() == kept


@pytest.mark.django_db
def test_complaints_of_a_range_are_the_dossiers_rated_not_satisfied_or_named_in_a_feedback(month):
    ids = list(records.accepted().order_by("pk").values_list("pk", flat=True))
    states = feedback_selectors.dossier_satisfaction(ids)
    expected = {
        pk for pk, s in states.items() if (s.rated and s.satisfied is False) or s.has_feedback
    }
    assert {month["E"].pk, month["B"].pk, month["C"].pk} == expected
    assert complaints_between(ids[0], ids[-1]) == complaints(ids) == expected
    assert complaints_between(ids[0], month["E"].pk - 1) == expected - {month["E"].pk}


@pytest.mark.django_db
def test_several_workers_need_postgresql(march):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL runs them")
    with pytest.raises(CommandError):
        call_command("rebuild_aggregates", "--workers", "2", stdout=io.StringIO())


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_in_two_processes_equals_a_rebuild_in_one(month):
    tables, kept = store.stored_rows(), contributions()
    out = io.StringIO()
    call_command("rebuild_aggregates", "--workers", "2", "--chunk-size", "3", stdout=out)
    assert f"{len(kept)} hồ sơ" in out.getvalue()
    assert store.stored_rows() == tables
    assert contributions() == kept
    assert store.differences() == []


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_failed_worker_rolls_the_rebuild_back(march, monkeypatch):
    tables, kept = store.stored_rows(), contributions()
    # The workers cannot connect: each reports the error and the rebuild fails as a whole.
    monkeypatch.setattr(bulk, "worker_database", lambda: {"NAME": "motcua_no_such_database"})
    with pytest.raises(CommandError, match="thất bại"):
        call_command("rebuild_aggregates", "--workers", "2", stdout=io.StringIO())
    assert store.stored_rows() == tables
    assert contributions() == kept
    assert store.differences() == []

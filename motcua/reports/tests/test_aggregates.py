"""The daily aggregates: kept in the transaction of every change, equal to a rebuild from
scratch, and giving the same reports as the dossiers themselves."""

import datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from motcua.dossiers.tests.test_state_machine import DossierMachine
from motcua.reports import facts, index766, periodic
from motcua.reports.aggregates import store
from motcua.reports.aggregates.models import DailyFlow, DossierContribution, StateSpan
from motcua.reports.periods import Period

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
PERIODS = [
    MARCH,
    Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
    Period(datetime.date(2026, 3, 2), datetime.date(2026, 3, 2)),
    Period(datetime.date(2026, 3, 3), datetime.date(2026, 3, 4)),
    Period(datetime.date(2026, 3, 5), datetime.date(2026, 4, 30)),
    Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
]


def same_report(agency, period):
    from_tally = periodic.build(agency, period).as_dict()
    from_dossiers = periodic.build(agency, period, facts=facts.load(agency, period)).as_dict()
    assert from_tally == from_dossiers, period


def test_kept_on_every_change_and_equal_to_a_rebuild(march, tree):
    assert DailyFlow.objects.exists() and StateSpan.objects.exists()
    assert DossierContribution.objects.count() == 12  # every accepted dossier, F and G not
    assert store.differences() == []
    before = store.stored_rows()
    store.rebuild()
    assert store.stored_rows() == before


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_periodic_report_from_aggregates_equals_the_dossiers(march, tree, period):
    same_report(tree.province, period)
    same_report(tree.commune_x, period)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_index_from_aggregates_equals_the_dossiers(march, tree, period):
    fast = index766.build(tree.province, period).as_dict()
    slow = index766.build(tree.province, period, facts=facts.load(tree.province, period)).as_dict()
    assert fast == slow


class AggregatedDossierMachine(DossierMachine):
    """The dossier core's random sequences of use cases (supplements, payments, transfers,
    stops, withdrawals, results, refused actions), with the aggregates checked after each step."""

    @invariant()
    def aggregates_equal_a_recomputation(self):
        assert store.differences() == []

    @invariant()
    def reports_from_aggregates_equal_the_dossiers(self):
        if not hasattr(self, "dossier"):
            return
        root = type(self).tree.province
        day = self.now.date()
        for period in (
            Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
            Period(day, day),
            Period(day - datetime.timedelta(days=3), day + datetime.timedelta(days=3)),
        ):
            same_report(root, period)


def test_random_use_cases_keep_the_aggregates_exact(walk_in, people, tree):
    AggregatedDossierMachine.people, AggregatedDossierMachine.tree = people, tree
    AggregatedDossierMachine.walk_in = staticmethod(walk_in)
    run_state_machine_as_test(
        AggregatedDossierMachine,
        settings=settings(
            max_examples=12,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


def test_a_database_from_before_the_aggregates_gets_them_from_the_demo_command(march, tree):
    from django.core.management import call_command

    DossierContribution.objects.all().delete()
    DailyFlow.objects.all().delete()
    StateSpan.objects.all().delete()
    assert store.needs_rebuild()
    call_command("demo", "--quiet")
    assert not store.needs_rebuild()
    assert DossierContribution.objects.count() == 12
    assert store.differences() == []


@pytest.mark.parametrize(
    ("start", "end", "months", "edges"),
    [
        ((2026, 3, 1), (2026, 3, 31), ((2026, 3, 1), (2026, 3, 1)), []),
        ((2026, 3, 5), (2026, 3, 20), None, [((2026, 3, 5), (2026, 3, 20))]),
        (
            (2026, 1, 15),
            (2026, 4, 10),
            ((2026, 2, 1), (2026, 3, 1)),
            [((2026, 1, 15), (2026, 1, 31)), ((2026, 4, 1), (2026, 4, 10))],
        ),
        ((2025, 12, 2), (2026, 1, 30), None, [((2025, 12, 2), (2026, 1, 30))]),
        ((2025, 12, 1), (2026, 12, 31), ((2025, 12, 1), (2026, 12, 1)), []),
    ],
)
def test_a_period_is_read_as_whole_months_and_the_days_at_its_edges(start, end, months, edges):
    from motcua.reports.aggregates.tally import month_cover

    def day(t):
        return datetime.date(*t)

    got_months, got_edges = month_cover(Period(day(start), day(end)))
    assert got_months == (None if months is None else (day(months[0]), day(months[1])))
    assert got_edges == [(day(a), day(b)) for a, b in edges]

"""The daily aggregates: kept in the transaction of every change, equal to a rebuild from
scratch, and giving the same reports as the dossiers themselves."""

import datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant, run_state_machine_as_test

from motcua.dossiers.tests.test_state_machine import DossierMachine
from motcua.reports.aggregates import store
from motcua.reports.aggregates.models import DossierContribution, FlowCount, StockChange
from motcua.reports.common.periods import Period
from motcua.reports.index766 import report as index766
from motcua.reports.measurement import facts
from motcua.reports.periodic import report as periodic

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
    assert FlowCount.objects.exists() and StockChange.objects.exists()
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
    FlowCount.objects.all().delete()
    StockChange.objects.all().delete()
    assert store.needs_rebuild()
    call_command("demo", "--quiet")
    assert not store.needs_rebuild()
    assert DossierContribution.objects.count() == 12
    assert store.differences() == []


@pytest.mark.parametrize(
    ("start", "end", "segments"),
    [
        ((2026, 3, 1), (2026, 3, 31), [("m", (2026, 3, 1), (2026, 3, 1))]),
        ((2026, 3, 5), (2026, 3, 20), [("d", (2026, 3, 5), (2026, 3, 20))]),
        (
            (2026, 1, 15),
            (2026, 4, 10),
            [
                ("d", (2026, 1, 15), (2026, 1, 31)),
                ("m", (2026, 2, 1), (2026, 3, 1)),
                ("d", (2026, 4, 1), (2026, 4, 10)),
            ],
        ),
        ((2025, 12, 2), (2026, 1, 30), [("d", (2025, 12, 2), (2026, 1, 30))]),
        (
            (2025, 12, 1),
            (2026, 12, 31),
            [("m", (2025, 12, 1), (2025, 12, 1)), ("y", (2026, 1, 1), (2026, 1, 1))],
        ),
        ((2026, 1, 1), (2026, 12, 31), [("y", (2026, 1, 1), (2026, 1, 1))]),
        (
            (2024, 2, 29),
            (2026, 3, 2),
            [
                ("d", (2024, 2, 29), (2024, 2, 29)),
                ("m", (2024, 3, 1), (2024, 12, 1)),
                ("y", (2025, 1, 1), (2025, 1, 1)),
                ("m", (2026, 1, 1), (2026, 2, 1)),
                ("d", (2026, 3, 1), (2026, 3, 2)),
            ],
        ),
        # The stock at an instant sums every change since the beginning of time.
        (
            (1, 1, 1),
            (2026, 3, 5),
            [
                ("y", (1, 1, 1), (2025, 1, 1)),
                ("m", (2026, 1, 1), (2026, 2, 1)),
                ("d", (2026, 3, 1), (2026, 3, 5)),
            ],
        ),
        ((2026, 2, 28), (2026, 2, 28), [("d", (2026, 2, 28), (2026, 2, 28))]),
        ((2026, 3, 2), (2026, 3, 1), []),
    ],
)
def test_a_period_is_read_as_whole_years_whole_months_and_the_days_at_its_edges(
    start, end, segments
):
    from motcua.reports.aggregates.tally import cover

    def day(t):
        return datetime.date(*t)

    assert cover(day(start), day(end)) == [(g, day(a), day(b)) for g, a, b in segments]


def test_every_day_of_a_range_is_covered_exactly_once():
    from motcua.reports.aggregates.tally import cover

    first = datetime.date(2023, 11, 17)
    for length in (0, 1, 13, 31, 45, 200, 366, 400, 800):
        last = first + datetime.timedelta(days=length)
        days = []
        for grain, lo, hi in cover(first, last):
            for start in sorted({lo, hi} | _starts(grain, lo, hi)):
                days += list(_days_of(grain, start))
        expected = [first + datetime.timedelta(days=i) for i in range(length + 1)]
        assert sorted(days) == expected, (first, last)


def _starts(grain, lo, hi):
    found, cursor = set(), lo
    while cursor <= hi:
        found.add(cursor)
        cursor = next(_days_of(grain, cursor, after=True))
    return found


def _days_of(grain, start, after=False):
    end = {
        "d": start + datetime.timedelta(days=1),
        "m": (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1),
        "y": datetime.date(start.year + 1, 1, 1),
    }[grain]
    if after:
        yield end
        return
    cursor = start
    while cursor < end:
        yield cursor
        cursor += datetime.timedelta(days=1)


def test_the_counted_attributes_follow_the_table_columns():
    from motcua.reports.aggregates.contribution import ATTRIBUTE_TESTS
    from motcua.reports.aggregates.models import FLOW_VALUES
    from motcua.reports.aggregates.tally import FlowRow

    assert tuple(ATTRIBUTE_TESTS) == FLOW_VALUES[2:]
    assert [f for f in FlowRow.__dataclass_fields__][-len(FLOW_VALUES) :] == list(FLOW_VALUES)


def test_dossiers_written_without_the_services_are_added_without_touching_the_others(march, tree):
    import io

    from django.core.management import call_command

    counted = list(DossierContribution.objects.order_by("pk").values_list("pk", flat=True))
    dropped = counted[::3]
    kept_before = {
        c.pk: (c.flows, c.stock) for c in DossierContribution.objects.exclude(pk__in=dropped)
    }
    # As if those dossiers had been imported in bulk: no contribution, not in the tables.
    for contribution in DossierContribution.objects.filter(pk__in=dropped):
        store._apply(_negated(contribution))
    DossierContribution.objects.filter(pk__in=dropped).delete()
    assert store.differences() != []

    out = io.StringIO()
    call_command("rebuild_aggregates", "--missing", "--chunk-size", "2", stdout=out)
    assert f"{len(dropped)} hồ sơ" in out.getvalue()
    assert store.differences() == []
    assert {
        c.pk: (c.flows, c.stock) for c in DossierContribution.objects.exclude(pk__in=dropped)
    } == kept_before
    assert store.add_missing() == 0  # nothing left: a second run does nothing


def _negated(contribution):
    from motcua.reports.aggregates.contribution import Contribution

    parts = Contribution.from_json(contribution.flows, contribution.stock)
    return {
        "flows": {k: tuple(-x for x in v) for k, v in parts.flows.items()},
        "stock": {k: tuple(-x for x in v) for k, v in parts.stock.items()},
    }

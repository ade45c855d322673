"""A period not yet ended is measured now (``Period.measured_at``), not at its end: an open
dossier not yet due is within time, one past its due time overdue, one waiting for the applicant
measured at its request time — the same from the aggregates as dossier by dossier."""

import dataclasses
import datetime

import pytest
import time_machine

from motcua.dossiers.tests.conftest import vn
from motcua.reports.aggregates import intraday, tally
from motcua.reports.common.periods import Period
from motcua.reports.index766 import costing
from motcua.reports.index766 import report as index766
from motcua.reports.measurement import facts
from motcua.reports.periodic import report as periodic

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_the_measuring_moment_is_the_period_end_or_now_if_earlier():
    assert MARCH.measured_at(vn(2026, 5, 1, 9, 0)) == MARCH.end_at == vn(2026, 4, 1, 0, 0)
    assert MARCH.measured_at(vn(2026, 3, 31, 9, 0)) == vn(2026, 3, 31, 9, 0)
    with time_machine.travel(vn(2026, 3, 7, 8, 0), tick=False):
        assert MARCH.measured_at() == vn(2026, 3, 7, 8, 0)


@pytest.fixture
def due_today(march, walk_in):
    """Received Thursday 26/03 10:00: due Tuesday 31/03 10:00 (three working days)."""
    dossier = walk_in(at=vn(2026, 3, 26, 10, 0))
    assert dossier.original_due_at == vn(2026, 3, 31, 10, 0)
    return dossier


def _rows(counted):
    return {
        name: sorted(map(dataclasses.astuple, getattr(counted, name)))
        for name in ("flows", "at_start", "at_end")
    } | {"units": counted.units, "versions": counted.versions}


def _same(agency, period):
    """The periodic report and the index from the aggregates equal those from the dossiers;
    the aggregates read per unit and summed (``tally.per_version``, the 766 index page's) equal
    those read per version."""
    assert _rows(tally.per_version(tally.load(agency, period))) == _rows(
        tally.load(agency, period, per_unit=False)
    )
    measured = facts.load(agency, period)
    fast = periodic.build(agency, period)
    assert fast.as_dict() == periodic.build(agency, period, facts=measured).as_dict()
    assert (
        index766.build(agency, period).as_dict()
        == index766.build(agency, period, facts=measured).as_dict()
    )
    return fast.total.counts, {f.code: f for f in measured}


def test_an_open_dossier_not_yet_due_is_within_time_in_the_current_period(march, due_today, tree):
    with time_machine.travel(vn(2026, 3, 31, 9, 0), tick=False):
        c, by_code = _same(tree.province, MARCH)
        page = costing.page(tree.province, MARCH, "2.1")
    assert not by_code[due_today.code].late  # due at 10:00, read at 09:00
    assert by_code[march["H"].code].late  # due 05/03
    assert not by_code[march["I"].code].late  # due 02/04
    assert by_code[march["J"].code].pause_kind and not by_code[march["J"].code].late
    # Measured at 01/04 00:00 the new dossier would be overdue already (2 overdue, 1 within).
    assert (c["in_progress_within_time"], c["in_progress_overdue"]) == (2, 1)
    assert (c["paused_supplement"], c["paused_within_time"], c["paused_overdue"]) == (1, 2, 0)
    assert c["received_total"] == 12 and c["carried_over"] == 1
    listed = {item.key for item in page.items}
    assert march["H"].code in listed and due_today.code not in listed


def test_it_is_overdue_once_its_due_time_has_passed(march, due_today, tree):
    with time_machine.travel(vn(2026, 3, 31, 11, 0), tick=False):
        c, by_code = _same(tree.province, MARCH)
        page = costing.page(tree.province, MARCH, "2.1")
    assert by_code[due_today.code].late
    assert (c["in_progress_within_time"], c["in_progress_overdue"]) == (1, 2)
    assert due_today.code in {item.key for item in page.items}


@pytest.mark.parametrize(
    "now",
    [vn(2026, 3, 31, 0, 0), vn(2026, 3, 31, 10, 0), vn(2026, 3, 30, 16, 0)],
    ids=["midnight", "at-the-due-time", "the-day-before"],
)
def test_fast_and_detailed_figures_agree_at_any_instant_of_the_current_period(
    march, due_today, tree, now
):
    with time_machine.travel(now, tick=False):
        _same(tree.province, MARCH)
        _same(tree.commune_x, MARCH)
        _same(tree.province, Period(datetime.date(2026, 3, 30), datetime.date(2026, 4, 5)))


def test_a_past_period_reads_the_same_whenever_it_is_read(march, due_today, tree):
    february = Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    with time_machine.travel(vn(2026, 3, 31, 9, 0), tick=False):
        early, _facts = _same(tree.province, february)
    later, _facts = _same(tree.province, february)
    assert early == later


def test_the_dossiers_to_correct_now_are_found_in_two_queries(
    march, due_today, tree, django_assert_num_queries
):
    """The open dossiers whose state changes before the next midnight (here the one due at
    10:00, read at 09:00), not those overdue long ago, whatever the number of dossiers."""
    moment = vn(2026, 3, 31, 9, 0)
    with django_assert_num_queries(2):
        ids = intraday.candidates(tree.province, moment, intraday.next_midnight(moment), None)
    assert due_today.pk in ids
    assert march["H"].pk not in ids and march["I"].pk not in ids

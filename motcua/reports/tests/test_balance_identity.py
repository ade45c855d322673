"""The balance identity of the periodic report (domain.md §8.1), checked on rows built by hand:
every sub-total must add up, so a row off by one anywhere is reported as unbalanced."""

import pytest

from motcua.reports.constants import PERIODIC_KEYS
from motcua.reports.periodic.report import Row

BALANCED = {
    "received_total": 500,
    "carried_over": 100,
    "new_total": 400,
    "new_online": 150,
    "new_direct": 230,
    "new_postal": 20,
    "processed_total": 300,
    "processed_early": 120,
    "processed_on_time": 150,
    "processed_late": 30,
    "in_progress_total": 150,
    "in_progress_within_time": 140,
    "in_progress_overdue": 10,
    "paused_total": 50,
    "paused_within_time": 45,
    "paused_overdue": 5,
    "paused_supplement": 30,
    "paused_financial_obligation": 15,
    "paused_stopped": 5,
}


def _row(**changes):
    row = Row(key="x", label="X")
    row.counts = {key: BALANCED[key] + changes.get(key, 0) for key in PERIODIC_KEYS}
    return row


def test_the_hand_built_row_covers_every_column_and_balances():
    assert set(BALANCED) == set(PERIODIC_KEYS)
    assert _row().balanced


@pytest.mark.parametrize("key", PERIODIC_KEYS)
def test_one_count_off_anywhere_unbalances_the_row(key):
    assert not _row(**{key: 1}).balanced
    assert not _row(**{key: -1}).balanced


@pytest.mark.parametrize(
    "changes",
    [
        # one more dossier carried over, still in progress within time
        {
            "carried_over": 1,
            "received_total": 1,
            "in_progress_total": 1,
            "in_progress_within_time": 1,
        },
        # a dossier moved from in progress to processed late
        {
            "in_progress_total": -1,
            "in_progress_overdue": -1,
            "processed_total": 1,
            "processed_late": 1,
        },
        # an online dossier paused for a supplement, within time
        {
            "new_total": 1,
            "new_online": 1,
            "received_total": 1,
            "paused_total": 1,
            "paused_supplement": 1,
            "paused_within_time": 1,
        },
    ],
)
def test_changes_that_keep_every_sum_stay_balanced(changes):
    assert _row(**changes).balanced


@pytest.mark.parametrize(
    "changes",
    [
        # channels no longer add up to the new dossiers (the totals still do)
        {"new_online": 1, "new_direct": -1, "new_postal": 1},
        # processed split adds to one more than its total
        {"processed_early": 1, "processed_on_time": 1, "processed_late": -1},
        # paused by reason and paused by time disagree
        {"paused_supplement": 1, "paused_stopped": -1, "paused_overdue": 1},
        # received equals its parts on one side only
        {
            "carried_over": 1,
            "new_total": -1,
            "processed_total": 1,
            "processed_late": 1,
            "in_progress_total": -1,
            "in_progress_overdue": -1,
            "received_total": 1,
        },
    ],
)
def test_a_broken_sub_total_is_caught_even_when_others_hold(changes):
    assert not _row(**changes).balanced

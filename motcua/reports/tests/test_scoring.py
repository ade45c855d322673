"""The Decision 766 scoring rule (domain.md §9) on figures worked out by hand: with a target T,
Pmax when R ≥ T, else R × Pmax ÷ T; without one, R × Pmax ÷ 100; rounded half up to 2 decimals."""

from decimal import Decimal as D

import pytest

from motcua.reports.index766.scoring import ratio, score


@pytest.mark.parametrize(
    ("r", "pmax", "target", "points"),
    [
        ("40", "2", "80", "1.00"),  # half-way to the target: half the points
        ("79.99", "2", "80", "2.00"),  # 1.99975 rounds up
        ("60", "4", "80", "3.00"),
        ("80", "2", "80", "2.00"),  # at the target: all the points
        ("95", "6", "90", "6.00"),  # above it: no more than all
        ("0", "6", "90", "0.00"),
        ("45", "6", "90", "3.00"),
        ("65.73", "6", None, "3.94"),  # no target: linear to 100 %
        ("100", "20", None, "20.00"),
        ("12.5", "4", None, "0.50"),
    ],
)
def test_points_for_a_ratio(r, pmax, target, points):
    assert score(D(r), D(pmax), D(target) if target else None) == D(points)


def test_no_denominator_is_not_applicable_not_zero():
    assert ratio(3, 0) is None
    assert score(None, D("6"), D("80")) is None
    assert ratio(2, 3) == D("66.67") and ratio(1, 8) == D("12.50")

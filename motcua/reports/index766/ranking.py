"""Ranking of the units directly under an agency by their Decision 766 total for a period
(xếp hạng đơn vị trực thuộc), with their on-time rate (indicator 2.1). Equal totals share a
rank and the next rank skips ("1, 2, 2, 4"), as published rankings do.

Everything is read once for all the units, so the number of queries does not grow with them:
the aggregates of the whole subtree, cut per unit (``tally.split``); the catalogue, feedback and
calendars of the units (``index766.Shared``); the indicator set. Each unit's index is then built
by the same code as a single index, from what was read.

With the same period a year earlier (``compare_ranks``), each unit is paired by its id with its
row of the ranking computed by ``rank_children`` for the shifted period."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from motcua.agencies import selectors as agencies
from motcua.agencies.models import Agency

from ..aggregates import tally
from ..common.compare import Compared, compare
from ..common.periods import Period
from ..common.scope import is_agency_of_record
from . import report as index766

T = TypeVar("T")


@dataclass
class RankedUnit:
    rank: int
    unit: Agency
    total: Decimal
    on_time_rate: Decimal | None  # indicator 2.1 (%), None when nothing was due in the period


def child_units(agency: Agency, period: Period) -> list[Agency]:
    """The agencies directly under ``agency`` that existed on the period's last day. Internal
    units (phòng, ban, and a desk centre such as a Trung tâm Phục vụ hành chính công) are left
    out: they resolve no dossier in their own name (``selectors.is_agency_of_record``), so their
    index would be empty, not theirs."""
    children = agencies.subtree(agency, on=period.end, include_self=False).filter(parent=agency)
    return [unit for unit in children.order_by("name") if is_agency_of_record(unit)]


def competition_ranks(items: Iterable[T], score: Callable[[T], Decimal]) -> list[tuple[int, T]]:
    """``items`` best first with their rank; equal scores share the rank of the first of them.
    The order among equals is kept as given."""
    ordered = sorted(items, key=score, reverse=True)
    ranked: list[tuple[int, T]] = []
    for position, item in enumerate(ordered, start=1):
        if ranked and score(ranked[-1][1]) == score(item):
            ranked.append((ranked[-1][0], item))
        else:
            ranked.append((position, item))
    return ranked


def child_indices(
    agency: Agency,
    period: Period,
    *,
    counted: tally.Tally | None = None,
    units: list[Agency] | None = None,
) -> list[index766.Index]:
    """The 766 index of each of ``child_units``, in their order: what the indices read is read
    once for all of them, then each is built as ``index766.build`` builds a single index.
    ``counted`` (the subtree's aggregates per unit, ``tally.load(agency, period)``) and
    ``units`` (``child_units``): when the caller has read them already."""
    if units is None:
        units = child_units(agency, period)
    if not units:
        return []
    if counted is None:
        counted = tally.load(agency, period)
    counted = tally.split(counted, units)
    indicator_set = index766.indicator_set_for(period)
    weights = list(indicator_set.weights.order_by("order"))
    shared = index766.Shared(agency, units, period)
    return [
        index766.build(
            unit,
            period,
            counted=counted[unit.pk],
            weights=weights,
            indicator_set=indicator_set,
            shared=shared,
        )
        for unit in units
    ]


def rank_children(
    agency: Agency,
    period: Period,
    *,
    counted: tally.Tally | None = None,
    units: list[Agency] | None = None,
) -> list[RankedUnit]:
    """``counted``, ``units``: as ``child_indices``."""
    rows = []
    for index in child_indices(agency, period, counted=counted, units=units):
        progress = index.indicator("2.1")
        rows.append(
            RankedUnit(
                rank=0,
                unit=index.agency,
                total=index.total,
                on_time_rate=progress.ratio if progress else None,
            )
        )
    return [
        RankedUnit(rank, row.unit, row.total, row.on_time_rate)
        for rank, row in competition_ranks(rows, lambda r: r.total)
    ]


@dataclass(frozen=True)
class RankCompared:
    """A ranked unit beside its row in the ranking of the same period a year earlier (xếp hạng
    cùng kỳ năm trước); ``prior`` None when it was not ranked then (not yet a unit, or an
    internal one)."""

    prior: RankedUnit | None
    total: Compared | None  # the total against the prior total (điểm)
    climbed: int | None  # places gained (lên … bậc); negative: lost (xuống … bậc)

    @property
    def places(self) -> int | None:
        return None if self.climbed is None else abs(self.climbed)


def compare_ranks(
    ranked: list[RankedUnit], prior: list[RankedUnit]
) -> list[tuple[RankedUnit, RankCompared]]:
    """Each row of ``ranked`` with the row of the same unit (by id) in ``prior``, the ranking of
    the same agency a year earlier; units ranked only a year earlier are left out."""
    prior_by_id = {row.unit.pk: row for row in prior}
    out = []
    for row in ranked:
        before = prior_by_id.get(row.unit.pk)
        if before is None:
            out.append((row, RankCompared(None, None, None)))
        else:
            total = compare(row.total, before.total)
            out.append((row, RankCompared(before, total, before.rank - row.rank)))
    return out

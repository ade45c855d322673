"""The same period a year earlier beside the chosen one ("so với cùng kỳ năm trước"): each figure
of a report's main tables gets the figure of the prior period and the difference. The reports
are computed twice by their own functions (the period shifted by ``periods.shift_years``); this
module only pairs their figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from django.utils.translation import gettext as _

from .numbers import is_number
from .periods import Period, shift_years
from .tables import Table

PRIOR_YEAR = "prior_year"


def prior_period(period: Period) -> Period:
    return shift_years(period, -1)


@dataclass(frozen=True)
class Compared:
    """A figure of the prior period and how the current one differs from it; ``percent`` when
    both are percentages, so the difference is in percentage points (điểm phần trăm)."""

    prior: object
    difference: object
    percent: bool = False

    @property
    def sign(self) -> str:
        if self.difference is None or self.difference == 0:
            return ""
        return "+" if self.difference > 0 else "−"

    @property
    def magnitude(self):
        return None if self.difference is None else abs(self.difference)


def compare(current, prior, *, percent: bool = False) -> Compared:
    """``current − prior`` when both are numbers (None otherwise: N/A on either side)."""
    if is_number(current) and is_number(prior):
        difference = current - prior
        if isinstance(difference, Decimal | float):
            difference = round(Decimal(str(difference)), 2)
        return Compared(prior, difference, percent)
    return Compared(prior, None, percent)


def table_cells(table: Table, prior: Table, *, key_columns: int = 2) -> list[list]:
    """The rows of ``table`` as cells ``(value, Compared | None)``, each number beside the one of
    the row with the same label in ``prior`` (0 where the prior period has no such row); rows only
    in ``prior`` come before the last (total) row with 0 as their current figures. The first
    ``key_columns`` (STT or code, label) are not compared; the label is the second; a row only in
    ``prior`` keeps its code (the 766 index) or is numbered after the others (STT)."""
    width = len(table.header)
    prior_rows = {row[1]: row for row in prior.rows[:-1]}
    body, total = table.rows[:-1], table.rows[-1]
    labels = {row[1] for row in body}
    extra = [
        [len(body) + n if isinstance(row[0], int) else row[0], row[1]] + [0] * (width - key_columns)
        for n, row in enumerate((r for r in prior.rows[:-1] if r[1] not in labels), start=1)
    ]

    def cells(row, prior_row):
        return [
            (value, None)
            if at < key_columns
            else (value, compare(value, prior_row[at] if prior_row else 0))
            for at, value in enumerate(row)
        ]

    out = [cells(row, prior_rows.get(row[1])) for row in [*body, *extra]]
    out.append(cells(total, prior.rows[-1]))
    return out


def figures(current, prior, getters: dict, *, percent: frozenset = frozenset()) -> dict:
    """Named figures of ``current`` each compared with the same figure of ``prior`` (read by
    ``getters[name](item)``); empty when the prior period has no such item. ``percent``: the
    names that are rates, whose difference is in percentage points."""
    if prior is None:
        return {}
    return {
        name: compare(get(current), get(prior), percent=name in percent)
        for name, get in getters.items()
    }


INDICATOR_FIGURES = {
    name: attrgetter(name) for name in ("numerator", "denominator", "ratio", "points")
}


def index_rows(index, prior) -> tuple[list, list, Compared]:
    """The 766 index's indicators and groups, each with its comparison (a dict of ``Compared``
    by figure, empty where the prior period's indicator set lacks it), and the total's."""
    prior_indicators = {i.id: i for i in prior.indicators}
    prior_groups = {g.id: g for g in prior.groups}
    indicators = [
        (
            i,
            figures(
                i,
                prior_indicators.get(i.id),
                INDICATOR_FIGURES,
                percent=frozenset() if i.average else frozenset({"ratio"}),
            ),
        )
        for i in index.indicators
    ]
    groups = [
        (g, compare(g.points, prior_groups[g.id].points) if g.id in prior_groups else None)
        for g in index.groups
    ]
    return indicators, groups, compare(index.total, prior.total)


def compared_header(labels) -> list[str]:
    """Each label followed by the prior period's and the difference's columns (files)."""
    header = []
    for label in labels:
        header += [label, _("%(label)s: cùng kỳ") % {"label": label}]
        header.append(_("%(label)s: chênh lệch") % {"label": label})
    return header


def compared_values(pairs) -> list:
    """``(value, Compared | None)`` pairs as file cells: value, prior figure, difference."""
    out = []
    for value, c in pairs:
        out += [value, c.prior if c else None, c.difference if c else None]
    return out


def compared_table(table: Table, prior: Table) -> Table:
    """``table`` for a file: each compared column followed by the prior period's figure and the
    difference, in its block (``table_cells`` pairs the rows)."""
    keep = 2
    cells = table_cells(table, prior, key_columns=keep)
    header = [*table.header[:keep], *compared_header(table.header[keep:])]
    rows = [[value for value, _c in row[:keep]] + compared_values(row[keep:]) for row in cells]
    groups, at = [], 0
    for label, span in table.groups or [("", len(table.header))]:
        compared = max(0, at + span - max(at, keep))
        groups.append((label, span + 2 * compared))
        at += span
    note = _("Cùng kỳ năm trước: %(title)s") % {"title": prior.title}
    return Table(
        title=table.title, header=header, rows=rows, notes=[*table.notes, note], groups=groups
    )

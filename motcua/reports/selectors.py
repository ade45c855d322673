"""The reads other code calls: reports of an agency subtree over a period, the drill-down of an
indicator, and which agencies a person may report on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency
from motcua.dossiers.access import home_agency

from .common.periods import Period
from .common.scope import is_agency_of_record
from .index766 import report as index766
from .measurement import facts as facts_module
from .periodic import report as periodic

REPORTING_ROLES = (Role.MANAGER, Role.AGENCY_LEADER)


def periodic_report(agency: Agency, period: Period, *, field_code: str | None = None, facts=None):
    return periodic.build(agency, period, field_code=field_code, facts=facts)


def index_766(agency: Agency, period: Period, *, facts=None, counted=None) -> index766.Index:
    """``counted``: the subtree's aggregates for the period (``tally.load(..., per_unit=False)``)
    when the caller has read them already."""
    return index766.build(agency, period, facts=facts, counted=counted)


def indicator_drilldown(agency: Agency, period: Period, indicator_id: str):
    """The indicator's result; ``.costing`` lists what cost points, with the reason."""
    return index766.build(agency, period, only=indicator_id).indicator(indicator_id)


def indicator_figures(agency: Agency, period: Period, indicator_id: str):
    """The indicator's figures as the index shows them (from the aggregates where the index reads
    them); ``.costing`` lists the procedures or feedback that cost points, not the dossiers
    (``index766.costing.page`` lists those a page at a time)."""
    return index766.build(agency, period, only=indicator_id, detailed=False).indicator(indicator_id)


def dossier_facts(agency: Agency, period: Period, *, field_code: str | None = None):
    return facts_module.load(agency, period, field_code=field_code)


def reporting_roots(user) -> list[Agency]:
    """The agencies whose subtree ``user`` may report on: where they are a manager or the
    agency leader (an internal unit stands for its agency)."""
    roots: dict[int, Agency] = {}
    for membership in agencies.memberships_of(user).filter(role__in=REPORTING_ROLES):
        agency = home_agency(membership.unit)
        roots[agency.pk] = agency
    # A root inside another root's subtree adds nothing.
    return [
        a
        for a in roots.values()
        if not any(o.pk != a.pk and a.path.startswith(o.path) for o in roots.values())
    ]


@dataclass(frozen=True)
class AgencyOption:
    """An agency offered in the report filter, with its depth under the reader's root and what
    became of it when it no longer exists (đã giải thể, đã sáp nhập)."""

    agency: Agency
    depth: int
    ended: str

    @property
    def label(self) -> str:
        indent = "\u2003" * self.depth  # em spaces: a <select> keeps them, and no JavaScript
        name = self.agency.display_name
        return f"{indent}{name} ({self.ended})" if self.ended else f"{indent}{name}"


# Siblings in the filter: departments, then the historical districts, then communes; by name.
_LEVEL_ORDER = {level: rank for rank, level in enumerate(Level.values)}


def _ended(agency: Agency, today: datetime.date) -> str:
    if agency.valid_to is None or agency.valid_to >= today:
        return ""
    since = (agency.valid_to + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    if agency.successor_id is not None:
        return _("đã sáp nhập từ %(day)s") % {"day": since}
    return _("đã giải thể từ %(day)s") % {"day": since}


def report_options(user) -> list[AgencyOption]:
    """The agencies of record ``user`` may report on, as a tree: each root, then its children
    (by level, then name), each followed by its own subtree; ended ones marked."""
    today = agencies.today()
    options: list[AgencyOption] = []
    for root in sorted(reporting_roots(user), key=lambda a: a.display_name):
        children: dict[int | None, list[Agency]] = {}
        for node in agencies.subtree(root):
            if is_agency_of_record(node):
                children.setdefault(node.parent_id, []).append(node)
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            options.append(AgencyOption(node, depth, _ended(node, today)))
            below = sorted(children.get(node.pk, []), key=_sibling_order, reverse=True)
            stack += [(child, depth + 1) for child in below]
    return options


def _sibling_order(agency: Agency) -> tuple[int, str]:
    return _LEVEL_ORDER[agency.level], agency.display_name


def reportable_agencies(user) -> list[Agency]:
    """Every agency ``user`` may report on, in the filter's tree order."""
    return [option.agency for option in report_options(user)]


def internal_unit_for(user, code: str | None) -> tuple[Agency, Agency] | None:
    """(the internal unit, the agency it belongs to) when ``code`` names an internal unit that
    ``user`` may see, so the page can say where its dossiers are counted; else None."""
    unit = agencies.find_by_code(code) if code else None
    if unit is None or is_agency_of_record(unit):
        return None
    if not any(unit.path.startswith(root.path) for root in reporting_roots(user)):
        return None
    return unit, home_agency(unit)


def agency_for(user, code: str | None) -> Agency | None:
    """The agency ``code`` if ``user`` may report on it (their first root when no code)."""
    roots = reporting_roots(user)
    if not roots:
        return None
    if not code:
        return roots[0]
    agency = agencies.find_by_code(code)
    if agency is None or not any(agency.path.startswith(root.path) for root in roots):
        return None
    return agency

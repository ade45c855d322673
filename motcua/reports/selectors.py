"""The reads other code calls: reports of an agency subtree over a period, the drill-down of an
indicator, and which agencies a person may report on."""

from __future__ import annotations

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Role
from motcua.agencies.models import Agency
from motcua.dossiers.access import home_agency

from . import facts as facts_module
from . import index766, periodic
from .periods import Period

REPORTING_ROLES = (Role.MANAGER, Role.AGENCY_LEADER)


def periodic_report(agency: Agency, period: Period, *, field_code: str | None = None, facts=None):
    return periodic.build(agency, period, field_code=field_code, facts=facts)


def index_766(agency: Agency, period: Period, *, facts=None) -> index766.Index:
    return index766.build(agency, period, facts=facts)


def indicator_drilldown(agency: Agency, period: Period, indicator_id: str):
    """The indicator's result; ``.costing`` lists what cost points, with the reason."""
    return index766.build(agency, period, only=indicator_id).indicator(indicator_id)


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


def reportable_agencies(user) -> list[Agency]:
    """Every agency ``user`` may report on, in tree order."""
    result = []
    for root in reporting_roots(user):
        result += list(agencies.subtree(root))
    return sorted({a.pk: a for a in result}.values(), key=lambda a: a.path)


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

"""Who sees and who keeps a collecting unit's remittance ledger.

An accountant (``Role.ACCOUNTANT``) keeps the ledger of the unit they work for (an internal
unit stands for its agency): they record remittances and sign months off. Managers and agency
leaders read the ledgers of the collecting units (units with a one-stop desk) in their
agency's subtree. Nobody else sees any; a unit outside one's reach looks missing."""

from __future__ import annotations

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Role
from motcua.agencies.models import Agency
from motcua.dossiers.access import home_agency

READING_ROLES = (Role.MANAGER, Role.AGENCY_LEADER)


def kept_units(user) -> list[Agency]:
    """The collecting units whose ledger ``user`` keeps as their accountant."""
    units = {}
    for membership in agencies.active_memberships(user):
        if membership.role == Role.ACCOUNTANT:
            unit = home_agency(membership.unit)
            if unit.runs_one_stop_desk:
                units[unit.pk] = unit
    return sorted(units.values(), key=lambda a: a.path)


def visible_units(user) -> list[Agency]:
    """Every collecting unit whose ledger ``user`` may read, in tree order."""
    units = {unit.pk: unit for unit in kept_units(user)}
    for membership in agencies.active_memberships(user):
        if membership.role in READING_ROLES:
            root = home_agency(membership.unit)
            for unit in agencies.subtree(root).filter(runs_one_stop_desk=True):
                units[unit.pk] = unit
    return sorted(units.values(), key=lambda a: a.path)


def may_see_any(user) -> bool:
    """Whether ``user`` holds a role that reads some ledger (the menu's cheap check: the
    memberships are read once per request)."""
    roles = {Role.ACCOUNTANT, *READING_ROLES}
    return any(m.role in roles for m in agencies.active_memberships(user))


def unit_for(user, code: str) -> Agency:
    """The collecting unit ``code`` if ``user`` may read its ledger; Agency.DoesNotExist
    otherwise (a unit out of reach and one that does not exist look the same)."""
    for unit in visible_units(user):
        if unit.code == code:
            return unit
    raise Agency.DoesNotExist(code)


def keeps(user, unit: Agency) -> bool:
    """Whether ``user`` is the accountant of ``unit`` (may record and sign)."""
    return any(kept.pk == unit.pk for kept in kept_units(user))

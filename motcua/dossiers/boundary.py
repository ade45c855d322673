"""Boundary-free intake (tiếp nhận không phụ thuộc địa giới hành chính; ND 118/2025 Art. 14 §2):
whether a desk receiving for an agency crosses a commune's edge, and the province's list it
does so under (``catalog.boundary``). One test for the desk's intake, the services and the
boundary-free register (``notices.boundary``)."""

from __future__ import annotations

import datetime

from motcua.agencies.constants import Level
from motcua.agencies.models import Agency
from motcua.catalog import boundary as lists

from .access import home_agency

# Levels that never sit inside a commune (no query needed to know they stand for none).
ABOVE_COMMUNES = frozenset({Level.MINISTRY, Level.PROVINCE, Level.DEPARTMENT, Level.DISTRICT})


class Communes:
    """The commune each agency stands for (None above the communes: the province, its
    departments and its service centre), read once per agency."""

    def __init__(self):
        self.known: dict[int, int | None] = {}

    def __call__(self, unit: Agency) -> int | None:
        if unit.level == Level.COMMUNE:
            return unit.pk
        if unit.level in ABOVE_COMMUNES:
            return None
        if unit.pk not in self.known:
            ids = unit.ancestor_ids()
            communes = set(
                Agency.objects.filter(pk__in=ids, level=Level.COMMUNE).values_list("pk", flat=True)
            )
            found = [pk for pk in ids if pk in communes]
            self.known[unit.pk] = found[-1] if found else None
        return self.known[unit.pk]


def crosses_boundary(receiving_unit: Agency, resolving_agency: Agency, communes=None) -> bool:
    """Received at a desk that does not stand for the commune the dossier is resolved in: at
    commune A for commune B, at the provincial centre for a commune, at a commune for a
    provincial agency. A desk inside the resolving agency, or a provincial desk taking a
    provincial agency's dossier, is ordinary one-stop intake."""
    if home_agency(receiving_unit).pk == resolving_agency.pk:
        return False
    if receiving_unit.path.startswith(resolving_agency.path):
        return False  # the agency's own desk (no query: the common case)
    communes = communes or Communes()
    return communes(receiving_unit) != communes(resolving_agency)


def basis(receiving_unit: Agency, resolving_agency: Agency, version, day: datetime.date):
    """(crosses, list): whether the receipt crosses a commune's edge and, if so, the
    province's list in force on ``day`` that allows it (None: not on the list)."""
    if not crosses_boundary(receiving_unit, resolving_agency):
        return False, None
    return True, lists.basis_for(receiving_unit, version.procedure_id, day)

"""What the workload generator works with: who acts (simulated staff per agency), where each
dossier is received, and the summary it reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from motcua.accounts.models import User
from motcua.agencies import selectors as agency_selectors
from motcua.agencies.constants import Level
from motcua.agencies.models import Agency

from .errors import DossierError


@dataclass
class Staff:
    desk: User
    specialist: User
    leader: User
    registry: User


@dataclass
class Summary:
    created: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    refused_actions: int = 0
    refusals: dict[str, int] = field(default_factory=dict)

    def refused(self, function, error: DossierError) -> None:
        self.refused_actions += 1
        key = f"{function.__name__}: {error.code}"
        self.refusals[key] = self.refusals.get(key, 0) + 1


def desk_for(agency: Agency, day: datetime.date) -> Agency | None:
    """Where a dossier resolved by ``agency`` is received: its own desk, or the service centre
    of the nearest agency above it that has one."""
    if agency.runs_one_stop_desk:
        return agency
    for ancestor in reversed(agency_selectors.ancestors(agency, include_self=True)):
        centre = (
            Agency.objects.active_on(day)
            .filter(parent=ancestor, runs_one_stop_desk=True, level=Level.UNIT)
            .order_by("pk")
            .first()
        )
        if centre is not None:
            return centre
    return None

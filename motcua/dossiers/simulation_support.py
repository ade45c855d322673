"""What the workload generator works with: who acts (simulated staff per agency), where each
dossier is received, and the summary it reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from motcua.accounts.models import User
from motcua.agencies import selectors as agency_selectors
from motcua.agencies.constants import Level
from motcua.agencies.models import Agency
from motcua.catalog import answer_checks

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


def sample_answers(specs, rng, day: datetime.date, birth_date: datetime.date | None) -> dict:
    """Plausible answers to a version's own form, keeping its date rules: a date another field
    must not precede (a parent's birth, a deceased person's birth) lies years back, any other
    date (the event the dossier is about) within the last 60 days."""
    by_name = {spec["name"]: spec for spec in specs}
    lower_bounds = {ref for spec in specs for ref in answer_checks.references(spec, "not_before")}
    values: dict = {}
    dates: dict[str, datetime.date] = {}

    def bound(ref: str) -> datetime.date | None:
        if ref == answer_checks.TODAY:
            return day
        if ref == answer_checks.APPLICANT_BIRTH_DATE:
            return birth_date
        return dates.get(ref)

    # Dates in the order their references allow (a reference to a later field waits for it).
    pending = [s for s in specs if s.get("kind") == "date"]
    for _turn in range(len(pending) + 1):
        waiting = []
        for spec in pending:
            refs = [
                r
                for rule in answer_checks.DATE_RULES
                for r in answer_checks.references(spec, rule)
                if r in by_name
            ]
            if any(r not in dates and r in {p["name"] for p in pending} for r in refs):
                waiting.append(spec)
                continue
            lows = [bound(r) for r in answer_checks.references(spec, "not_before")]
            highs = [bound(r) for r in answer_checks.references(spec, "not_after")]
            high = min([d for d in highs if d] or [day])
            back = 365 * rng.randint(20, 60) if spec["name"] in lower_bounds else rng.randint(1, 60)
            low = max([d for d in lows if d] + [high - datetime.timedelta(days=back)])
            low = min(low, high)
            span = (high - low).days
            dates[spec["name"]] = low + datetime.timedelta(days=rng.randint(0, max(span, 0)))
        pending = waiting
    for number, spec in enumerate(specs, start=1):
        kind = spec.get("kind", "text")
        if kind == "date":
            if spec["name"] in dates:
                values[spec["name"]] = dates[spec["name"]].isoformat()
        elif kind == "choice":
            values[spec["name"]] = rng.choice(spec["choices"])["value"]
        elif kind == "integer":
            values[spec["name"]] = spec.get("min") or 1
        else:
            text = f"{spec['label']} (mô phỏng {number})"
            values[spec["name"]] = text[: spec.get("max_length", 255)]
    return values

"""Who holds a dossier now (hồ sơ đang ở đâu, ai đang xử lý): the agency holding it and, for each
open step of its internal process, the person assigned to it or — when nobody is — the role the
step waits for. The dossier page's "Đang ở", the work queues and the managers' early warning all
read it here, and "Hồ sơ của tôi" selects by the same rule (``STEP_ROLES``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.agencies.constants import Role
from motcua.catalog.constants import StepUnit

from .constants import Status
from .models import Dossier, DossierStep

# Who a step waits for when the internal process names no role for it. An approval step may be
# taken by either leader (access.OFFICER_RULES[APPROVE]); a partner agency's step by its staff.
STEP_ROLES: dict[str, tuple[str, ...]] = {
    StepUnit.DESK: (Role.DESK_OFFICER,),
    StepUnit.SPECIALIST_UNIT: (Role.SPECIALIST,),
    StepUnit.LEADERSHIP: (Role.AGENCY_LEADER, Role.UNIT_LEADER),
    StepUnit.REGISTRY: (Role.REGISTRY_CLERK,),
    StepUnit.PARTNER_AGENCY: (Role.SPECIALIST,),
    StepUnit.APPLICANT: (),
}


# States in which the receiving desk has the dossier in hand: to check an online filing (ND
# 45/2020, 8 working hours), to hand a received dossier over, to return the result.
DESK_STATES = frozenset({Status.SUBMITTED, Status.RECEIVED, Status.RESULT_READY})


def step_roles(step: DossierStep) -> tuple[str, ...]:
    """The roles ``step`` waits for: its own role, else the default of its kind of unit."""
    return (step.role,) if step.role else STEP_ROLES.get(step.unit_kind, ())


@dataclass(frozen=True)
class Holder:
    """One open step: the person on it ("" when nobody is assigned) and the role it waits for."""

    person: str
    role: str
    step: str

    def __str__(self) -> str:
        if self.person:
            return f"{self.person} ({self.role})" if self.role else self.person
        return _("chờ %(role)s") % {"role": self.role}


@dataclass(frozen=True)
class Holding:
    agency: object
    holders: tuple[Holder, ...]

    def __str__(self) -> str:
        name = self.agency.display_name
        if not self.holders:
            return name
        return f"{name} – {'; '.join(str(h) for h in self.holders)}"


def _role_label(roles: tuple[str, ...]) -> str:
    return _(" hoặc ").join(str(Role(r).label) for r in roles)


def holding(dossier: Dossier, steps: list[DossierStep] | None = None) -> Holding:
    """Where ``dossier`` is and who has it in hand. ``steps`` defaults to the dossier's steps
    (prefetched ones are used as they are, with their assignees). A desk step belongs to the
    receiving desk; any other open step counts only while its agency holds the dossier (a step
    left open when the dossier went to a partner agency is not in anyone's hands)."""
    if steps is None:
        steps = list(dossier.steps.all())
    holders = []
    desk_open = any(
        s.unit_kind == StepUnit.DESK and s.started_at is not None and s.finished_at is None
        for s in steps
    )
    if dossier.status in DESK_STATES and not desk_open:
        # The desk's work whether or not the internal process has a desk step for it.
        holders.append(Holder("", _role_label((Role.DESK_OFFICER,)), ""))
    for step in sorted(steps, key=lambda s: s.order):
        if step.started_at is None or step.finished_at is not None:
            continue
        if step.unit_kind not in (StepUnit.DESK, StepUnit.APPLICANT) and (
            step.agency_id is not None and step.agency_id != dossier.holder_id
        ):
            continue
        roles = step_roles(step)
        if not roles:
            continue
        person = step.assignee.get_full_name() if step.assignee_id else ""
        holders.append(Holder(person, _role_label(roles), step.name))
    return Holding(dossier.holder, tuple(holders))

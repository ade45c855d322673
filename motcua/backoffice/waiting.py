"""What waits for one officer ("Hồ sơ của tôi"): every dossier whose internal process stands at a
step in their hands — the step is assigned to them, or nobody is assigned and the step waits for
a role they hold where the dossier is — plus, for a desk officer, every dossier their desk has in
hand whatever the internal process says (``dossiers.holding.DESK_STATES``: an online filing to
check, a received dossier to hand over, a result to return).

A leader's approval (phê duyệt) and the registry's entry (vào sổ, phát hành) are steps of a role,
never handed to a person, so they wait for every leader or registry clerk of the agency holding
the dossier; a specialist's step is usually assigned. Who a step without a role waits for is
``dossiers.holding.STEP_ROLES``, as the dossier page's "Đang ở" says."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Role
from motcua.catalog.constants import StepUnit
from motcua.dossiers.access import home_agency
from motcua.dossiers.holding import DESK_STATES, STEP_ROLES
from motcua.dossiers.models import DossierStep

# A desk step belongs to the receiving desk; any other step to the agency holding the dossier.
_OUTSIDE = [StepUnit.DESK, StepUnit.APPLICANT]


def _role_matches(role: str) -> Q:
    kinds = sorted(kind for kind, roles in STEP_ROLES.items() if role in roles)
    return Q(role=role) | Q(role="", unit_kind__in=kinds)


def waiting_for(user, memberships=None) -> Q:
    """A condition on dossiers: an open step waits for ``user`` (see the module's docstring).
    ``memberships`` are the user's memberships today, when already read."""
    steps = Q(pk__in=[])
    at_desk = Q(pk__in=[])
    if memberships is None:
        memberships = agencies.active_memberships(user)
    for membership in memberships:
        path = home_agency(membership.unit).path
        where = Q(unit_kind=StepUnit.DESK, dossier__receiving_unit__path__startswith=path) | (
            ~Q(unit_kind__in=_OUTSIDE) & Q(dossier__holder__path__startswith=path)
        )
        mine = Q(assignee=user) | (Q(assignee__isnull=True) & _role_matches(membership.role))
        steps |= where & mine
        if membership.role == Role.DESK_OFFICER:
            at_desk |= Q(status__in=sorted(DESK_STATES), receiving_unit__path__startswith=path)
    open_steps = DossierStep.objects.filter(
        dossier=OuterRef("pk"), started_at__isnull=False, finished_at__isnull=True
    )
    return Exists(open_steps.filter(steps)) | at_desk

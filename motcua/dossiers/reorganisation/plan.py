"""What a reorganisation will move, computed without changing anything: the preview the
command prints and the admin page shows, and the exact list the move then carries out."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.agencies import reorganisation as tree_checks
from motcua.agencies.models import Agency, Membership
from motcua.catalog import selectors as catalog

from ..access import home_agency
from ..constants import TERMINAL
from ..models import Dossier, DossierStep
from .split import SplitRule


class Kind:
    MERGE = "merge"
    SPLIT = "split"
    DISSOLVE = "dissolve"

    LABELS = {
        MERGE: "Sáp nhập",
        SPLIT: "Chia tách",
        DISSOLVE: "Giải thể",
    }


@dataclass
class Request:
    """A reorganisation as decided: ``source`` closes the day before ``effective_date`` and its
    open work goes to ``targets`` (one for a merger or dissolution; several for a split,
    distributed by ``rule``)."""

    kind: str
    source: Agency
    targets: list[Agency]
    effective_date: datetime.date
    decision: str
    move_staff: bool = False
    rule: SplitRule | None = None
    children_to: Agency | None = None

    @property
    def label(self) -> str:
        return _(Kind.LABELS[self.kind])


@dataclass
class StepChange:
    step: DossierStep
    assignee_after: object | None
    process_step_after: object | None


@dataclass
class DossierPlan:
    """One open dossier and where it goes."""

    dossier: Dossier
    target: Agency
    receiving_after: Agency
    resolving_after: Agency
    holder_after: Agency
    assignee_after: object | None
    steps: list[StepChange] = field(default_factory=list)
    process_kept: bool = False

    @property
    def by_hand(self) -> bool:
        """Someone was working on it and nobody of the matching role takes it over."""
        return (self.dossier.assignee_id is not None and self.assignee_after is None) or any(
            change.step.assignee_id is not None and change.assignee_after is None
            for change in self.steps
        )


@dataclass
class MembershipPlan:
    membership: Membership
    moves: bool  # True: a new membership in the successor; False: it ends


@dataclass
class Plan:
    request: Request
    dossiers: list[DossierPlan]
    memberships: list[MembershipPlan]

    @property
    def by_hand(self) -> list[DossierPlan]:
        return [row for row in self.dossiers if row.by_hand]

    def count_by_target(self) -> list[tuple[Agency, int]]:
        counts = Counter(row.target.pk for row in self.dossiers)
        return [(t, counts.get(t.pk, 0)) for t in self.request.targets]


def open_dossiers_of(source: Agency):
    """Every open dossier (drafts included) received, resolved or held by ``source`` itself;
    its sub-units stay open and keep theirs."""
    return (
        Dossier.objects.exclude(status__in=sorted(TERMINAL))
        .filter(Q(receiving_unit=source) | Q(resolving_agency=source) | Q(holder=source))
        .select_related("receiving_unit", "resolving_agency", "holder", "procedure_version")
        .order_by("pk")
    )


def build(request: Request) -> Plan:
    """The plan of ``request``; ValidationError if the reorganisation makes no sense."""
    tree_checks.check(request.source, request.targets, request.effective_date)
    staff = _staff_after(request)
    rows = [_plan_dossier(request, d, staff) for d in open_dossiers_of(request.source)]
    members = [
        MembershipPlan(m, moves=request.move_staff and request.kind != Kind.SPLIT)
        for m in Membership.objects.active_on(request.effective_date - datetime.timedelta(days=1))
        .filter(unit=request.source)
        .select_related("user")
        .order_by("user__username", "role")
    ]
    return Plan(request, rows, members)


class _Staff:
    """Who will work in each target from the effective date, by role, and how many open
    dossiers each already has (the least loaded officer of the role takes a dossier over)."""

    def __init__(self, request: Request):
        day = request.effective_date
        self.by_unit: dict[int, dict[str, list]] = {}
        homes = [home_agency(t) for t in request.targets]
        targets = {home.pk for home in homes}
        near = Q(pk__in=[])
        for home in homes:
            near |= Q(unit__path__startswith=home.path)
        for m in Membership.objects.active_on(day).filter(near).select_related("unit", "user"):
            home = home_agency(m.unit).pk
            if home in targets:
                self.by_unit.setdefault(home, {}).setdefault(m.role, []).append(m.user)
        if request.move_staff and request.kind != Kind.SPLIT:
            previous = day - datetime.timedelta(days=1)
            target = home_agency(request.targets[0]).pk
            for m in Membership.objects.active_on(previous).filter(unit=request.source):
                self.by_unit.setdefault(target, {}).setdefault(m.role, []).append(m.user)
        users = {u.pk for roles in self.by_unit.values() for us in roles.values() for u in us}
        self.load = Counter(
            Dossier.objects.exclude(status__in=sorted(TERMINAL))
            .filter(assignee_id__in=users)
            .values_list("assignee_id", flat=True)
        )

    def keeps(self, target: Agency, user) -> bool:
        roles = self.by_unit.get(home_agency(target).pk, {})
        return any(user in users for users in roles.values())

    def take(self, target: Agency, role: str):
        users = self.by_unit.get(home_agency(target).pk, {}).get(role, [])
        if not users:
            return None
        chosen = min(users, key=lambda u: (self.load[u.pk], u.username))
        self.load[chosen.pk] += 1
        return chosen

    def role_of(self, source: Agency, user, day: datetime.date) -> str:
        m = (
            Membership.objects.active_on(day - datetime.timedelta(days=1))
            .filter(user=user, unit=source)
            .first()
        )
        return m.role if m else ""


def _staff_after(request: Request) -> _Staff:
    return _Staff(request)


def _plan_dossier(request: Request, dossier: Dossier, staff: _Staff) -> DossierPlan:
    source = request.source
    target = request.rule.target_for(dossier) if request.rule else request.targets[0]

    def moved(unit: Agency) -> Agency:
        return target if unit.pk == source.pk else unit

    resolving_after = moved(dossier.resolving_agency)
    row = DossierPlan(
        dossier=dossier,
        target=target,
        receiving_after=moved(dossier.receiving_unit),
        resolving_after=resolving_after,
        holder_after=moved(dossier.holder),
        assignee_after=dossier.assignee,
    )
    moving_work = dossier.holder_id == source.pk or dossier.resolving_agency_id == source.pk
    steps = list(dossier.steps.filter(finished_at__isnull=True).select_related("process_step"))
    mapping, row.process_kept = _process_mapping(dossier, resolving_after, steps)
    for step in steps:
        if not (step.agency_id == source.pk or (step.agency_id is None and moving_work)):
            continue  # a step of a coordinating agency (liên thông) stays with it
        assignee = step.assignee
        if assignee is not None and not staff.keeps(target, assignee):
            role = step.role or staff.role_of(source, assignee, request.effective_date)
            assignee = staff.take(target, role)
        row.steps.append(StepChange(step, assignee, mapping.get(step.pk, step.process_step)))
    if (
        dossier.assignee_id is not None
        and moving_work
        and not staff.keeps(target, dossier.assignee)
    ):
        open_roles = [c.step.role for c in row.steps if c.step.started_at and c.step.role]
        role = (open_roles or [staff.role_of(source, dossier.assignee, request.effective_date)])[0]
        same = [c.assignee_after for c in row.steps if c.step.assignee_id == dossier.assignee_id]
        row.assignee_after = same[0] if same else staff.take(target, role)
    return row


def _process_mapping(dossier: Dossier, resolving_after: Agency, steps: list[DossierStep]):
    """The successor's internal process in force for the dossier's version and channel, step
    for step (same stages and roles in the same order); when its shape differs the dossier
    keeps the steps it has (the quotas and due times never change either way)."""
    if resolving_after.pk == dossier.resolving_agency_id:
        return {}, False
    process = catalog.internal_process(
        dossier.procedure_version, agency=resolving_after, channel=dossier.channel
    )
    current = {s.process_step.process_id for s in steps if s.process_step_id}
    if process is None or current == {process.pk} or not current:
        return {}, False
    new_steps = list(process.steps.all())
    old_steps = list(
        dossier.steps.filter(process_step__isnull=False)
        .select_related("process_step")
        .order_by("order")
    )
    old_process = [s.process_step for s in old_steps]
    # The old process's steps in order (a step run twice appears once).
    seen, old_shape = set(), []
    for ps in old_process:
        if ps.pk not in seen:
            seen.add(ps.pk)
            old_shape.append(ps)
    shape = [(ps.stage, ps.unit, ps.role) for ps in old_shape]
    if shape != [(ps.stage, ps.unit, ps.role) for ps in new_steps]:
        return {}, True
    by_old = {old.pk: new for old, new in zip(old_shape, new_steps, strict=True)}
    return {s.pk: by_old[s.process_step_id] for s in steps if s.process_step_id in by_old}, False

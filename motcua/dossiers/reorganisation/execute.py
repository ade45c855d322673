"""Carrying a reorganisation out: one transaction that locks the units, the open dossiers and
the memberships it changes, re-homes every open dossier (history row, audit row, national
portal outbox), ends or moves the staff and closes the unit in the tree."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies import services as agency_services
from motcua.agencies.constants import EventKind, Role
from motcua.agencies.models import Agency, Membership
from motcua.agencies.selectors import forget_memberships
from motcua.audit import services as audit

from .. import events
from ..access import Capacity
from ..constants import Action
from ..models import Dossier, DossierMove
from ..services._core import Change, _record_event
from ..signals import send_changed, send_event_recorded
from .plan import DossierPlan, Kind, Plan, Request, build, open_dossiers_of


def carry_out(request: Request, *, actor) -> Plan:
    """Do ``request``; returns the plan that was carried out. Refused (ValidationError) and
    nothing changed if the reorganisation makes no sense."""
    with transaction.atomic():
        units = [request.source.pk, *(t.pk for t in request.targets)]
        locked = {a.pk: a for a in Agency.objects.select_for_update().filter(pk__in=units)}
        request.source = locked[request.source.pk]
        request.targets = [locked[t.pk] for t in request.targets]
        list(open_dossiers_of(request.source).select_for_update(of=("self",)).values("pk"))
        plan = build(request)
        now = timezone.now()
        for row in plan.dossiers:
            _move(row, request, actor, now)
        _staff(plan, actor)
        _close(request, actor)
        audit.record(
            actor=actor,
            verb=Action.REORGANISE,
            obj=request.source,
            at=now,
            reason=request.decision,
            kind=request.kind,
            effective_date=request.effective_date.isoformat(),
            targets=[t.code or t.name for t in request.targets],
            dossiers=len(plan.dossiers),
            by_hand=[r.dossier.code or r.dossier.pk for r in plan.by_hand],
        )
        send_changed([row.dossier.pk for row in plan.dossiers])
    return plan


def _unit(agency: Agency) -> dict:
    return {"id": agency.pk, "code": agency.code, "name": agency.name}


def _move(row: DossierPlan, request: Request, actor, now: datetime.datetime) -> None:
    dossier = Dossier.objects.get(pk=row.dossier.pk)
    before = {
        "receiving_unit": _unit(dossier.receiving_unit),
        "resolving_agency": _unit(dossier.resolving_agency),
        "holder": _unit(dossier.holder),
        "assignee": dossier.assignee_id,
    }
    move = DossierMove(
        dossier=dossier,
        effective_date=request.effective_date,
        decision=request.decision,
        from_receiving_unit=dossier.receiving_unit,
        from_resolving_agency=dossier.resolving_agency,
        from_holder=dossier.holder,
        to_receiving_unit=row.receiving_after,
        to_resolving_agency=row.resolving_after,
        to_holder=row.holder_after,
    )
    dossier.receiving_unit = row.receiving_after
    dossier.resolving_agency = row.resolving_after
    dossier.holder = row.holder_after
    dossier.assignee = row.assignee_after
    dossier.version += 1
    dossier.save(
        update_fields=[
            "receiving_unit",
            "resolving_agency",
            "holder",
            "assignee",
            "version",
            "updated_at",
        ]
    )
    for change in row.steps:
        step = change.step
        if step.agency_id == request.source.pk:
            step.agency = row.target
        step.assignee = change.assignee_after
        step.process_step = change.process_step_after
        step.save(update_fields=["agency", "assignee", "process_step"])
    reason = _("Chuyển do sắp xếp tổ chức: %(kind)s “%(source)s”, quyết định %(decision)s.") % {
        "kind": request.label.lower(),
        "source": request.source.name,
        "decision": request.decision,
    }
    event = _record_event(
        Action.REORGANISE,
        actor,
        Capacity(unit=None, role=Role.ADMINISTRATOR),
        dossier.status,
        Change(
            dossier=dossier,
            to_status=dossier.status,
            reason=reason,
            data={
                "decision": request.decision,
                "kind": request.kind,
                "effective_date": request.effective_date,
                "before": before,
                "after": {
                    "receiving_unit": _unit(row.receiving_after),
                    "resolving_agency": _unit(row.resolving_after),
                    "holder": _unit(row.holder_after),
                    "assignee": dossier.assignee_id,
                },
                "to_assign_by_hand": row.by_hand,
                "process_kept": row.process_kept,
            },
        ),
        now,
    )
    move.event = event
    move.save()
    audit.record(
        actor=actor,
        verb=Action.REORGANISE,
        obj=dossier,
        at=now,
        reason=request.decision,
        code=dossier.code,
    )
    send_event_recorded(event)
    events.dispatch(event)


def _staff(plan: Plan, actor) -> None:
    request = plan.request
    last_day = request.effective_date - datetime.timedelta(days=1)
    ids = [m.membership.pk for m in plan.memberships]
    locked = {m.pk: m for m in Membership.objects.select_for_update().filter(pk__in=ids)}
    for item in plan.memberships:
        membership = locked[item.membership.pk]
        if membership.valid_to is None or membership.valid_to > last_day:
            membership.valid_to = last_day
            membership.save(update_fields=["valid_to"])
        if item.moves:
            agency_services.assign_role(
                membership.user,
                unit=request.targets[0],
                role=membership.role,
                valid_from=request.effective_date,
                title=membership.title,
            )
        forget_memberships(membership.user)


def _close(request: Request, actor) -> None:
    source, first = request.source, request.targets[0]
    if request.kind == Kind.MERGE:
        # Its open sub-units move under the receiving unit (agencies.services.merge_agencies).
        agency_services.merge_agencies(
            [source],
            into=first,
            effective_date=request.effective_date,
            actor=actor,
            decision=request.decision,
        )
        return
    children_to = request.children_to or (source.parent if request.kind == Kind.DISSOLVE else first)
    agency_services.dissolve_agency(
        source,
        effective_date=request.effective_date,
        actor=actor,
        decision=request.decision,
        rehome_children_to=children_to,
        successor=first,
        kind=EventKind.SPLIT if request.kind == Kind.SPLIT else EventKind.DISSOLVED,
    )

"""Reorganisations that move open work (docs/reorganisations.md): a merger re-homes every open
dossier without changing any due time, code, past history row or past-period figure; refusals
change nothing; a split distributes by its rule; a dissolution hands over to its successor."""

import datetime

import pytest
from django.utils import timezone

from motcua.agencies.constants import Role
from motcua.agencies.models import Membership
from motcua.agencies.selectors import forget_memberships
from motcua.audit.models import AuditEntry
from motcua.dossiers import access, reorganisation, services
from motcua.dossiers.constants import TERMINAL, Action, Status
from motcua.dossiers.models import Dossier, DossierMove, Event
from motcua.integrations.models import PortalMessage
from motcua.reports.aggregates import store
from motcua.reports.common.periods import Period
from motcua.reports.index766 import report as index766
from motcua.reports.measurement import facts
from motcua.reports.periodic import report as periodic

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
DECISION = "123/NQ-UBTVQH15"


def today():
    return timezone.localdate()


def merge(source, into, *, actor=None, on=None, **options):
    request = reorganisation.Request(
        kind=reorganisation.Kind.MERGE,
        source=source,
        targets=[into],
        effective_date=on or today(),
        decision=DECISION,
        **options,
    )
    return reorganisation.carry_out(request, actor=actor)


def snapshot():
    """What must never change: every dossier's code and due times, every history row."""
    dossiers = {
        d["pk"]: d
        for d in Dossier.objects.values(
            "pk", "code", "status", "received_at", "original_due_at", "due_at", "finished_at"
        )
    }
    events = list(Event.objects.order_by("pk").values())
    return dossiers, events


def reports(agency):
    """The periodic report (from the aggregates and from the dossiers) and the 766 index."""
    return (
        periodic.build(agency, MARCH).as_dict(),
        periodic.build(agency, MARCH, facts=facts.load(agency, MARCH)).as_dict(),
        index766.build(agency, MARCH).as_dict(),
    )


def test_merge_moves_every_open_dossier_and_changes_nothing_that_happened(workload, tree, people):
    before_dossiers, before_events = snapshot()
    province_before, x_before, y_before = (
        reports(a) for a in (tree.province, tree.commune_x, tree.commune_y)
    )
    messages_before = PortalMessage.objects.count()

    plan = merge(tree.commune_x, tree.commune_y, actor=people.manager)

    moved = {row.dossier.pk for row in plan.dossiers}
    assert moved == {workload[k].pk for k in ("working", "waiting", "received")}
    after_dossiers, after_events = snapshot()
    assert after_dossiers == before_dossiers  # codes, states, due times
    assert after_events[: len(before_events)] == before_events  # past history rows
    new_events = after_events[len(before_events) :]
    assert {e["dossier_id"] for e in new_events} == moved
    assert all(e["action"] == Action.REORGANISE and DECISION in e["reason"] for e in new_events)
    # Past-period reports: the same figures, the old unit still named.
    assert [reports(a) for a in (tree.province, tree.commune_x, tree.commune_y)] == [
        province_before,
        x_before,
        y_before,
    ]
    assert store.differences() == []
    # Nothing open is left with the closed unit.
    tree.commune_x.refresh_from_db()
    assert tree.commune_x.valid_to == today() - datetime.timedelta(days=1)
    assert tree.commune_x.successor == tree.commune_y
    assert not reorganisation.open_dossiers_of(tree.commune_x).exists()
    for pk in moved:
        d = Dossier.objects.get(pk=pk)
        assert (d.receiving_unit, d.resolving_agency, d.holder) == (tree.commune_y,) * 3
        assert d.steps.filter(finished_at__isnull=True, agency=tree.commune_x).count() == 0
    # Finished work stays where it was done.
    done = Dossier.objects.get(pk=workload["done"].pk)
    assert done.receiving_unit == tree.commune_x and done.status == Status.RETURNED
    # Audit rows, and the national portal told through the outbox.
    assert AuditEntry.objects.filter(verb=Action.REORGANISE).count() == len(moved) + 1
    assert PortalMessage.objects.count() == messages_before + 2 * len(moved)
    assert DossierMove.objects.count() == len(moved)


def test_after_a_merge_the_successor_sees_the_work_and_the_old_staff_do_not(workload, tree, people):
    merge(tree.commune_x, tree.commune_y, actor=people.manager)
    open_ids = set(
        Dossier.objects.exclude(status__in=sorted(TERMINAL)).values_list("pk", flat=True)
    )
    for officer in (workload["desk_y"], workload["specialist_y"], people.manager):
        forget_memberships(officer)
        assert open_ids <= set(access.visible_to(officer).values_list("pk", flat=True))
    for officer in (people.desk_x, people.specialist_x, people.leader_x):
        forget_memberships(officer)
        assert not access.visible_to(officer).filter(pk__in=open_ids).exists()
    # The applicant still sees their dossiers; another citizen none of them.
    assert set(access.visible_to(people.citizen_a).values_list("pk", flat=True)) >= open_ids
    assert not access.visible_to(people.citizen_b).exists()
    # The successor's officer can act on a moved dossier.
    working = Dossier.objects.get(pk=workload["working"].pk)
    assert working.assignee == workload["specialist_y"]
    services.complete_step(working, actor=workload["specialist_y"])


def test_without_an_officer_of_the_role_the_dossier_is_listed_to_assign_by_hand(
    workload, tree, people
):
    Membership.objects.filter(user=workload["specialist_y"]).delete()
    plan = reorganisation.build(
        reorganisation.Request(
            kind=reorganisation.Kind.MERGE,
            source=tree.commune_x,
            targets=[tree.commune_y],
            effective_date=today(),
            decision=DECISION,
        )
    )
    assert [row.dossier.pk for row in plan.by_hand] == [workload["working"].pk]
    assert Event.objects.filter(action=Action.REORGANISE).count() == 0  # a preview moves nothing
    merge(tree.commune_x, tree.commune_y)
    assert Dossier.objects.get(pk=workload["working"].pk).assignee is None


def test_staff_memberships_end_or_move(workload, tree, people):
    merge(tree.commune_x, tree.commune_y, move_staff=True)
    last_day = today() - datetime.timedelta(days=1)
    assert set(
        Membership.objects.filter(unit=tree.commune_x).values_list("valid_to", flat=True)
    ) == {last_day}
    moved = Membership.objects.get(user=people.specialist_x, unit=tree.commune_y)
    assert (moved.role, moved.valid_from) == (Role.SPECIALIST, today())
    # The specialist moved with the unit and keeps the dossier.
    assert Dossier.objects.get(pk=workload["working"].pk).assignee == people.specialist_x

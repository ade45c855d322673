"""The merger's invariants over random small agency trees and workloads: nothing that happened
changes (codes, due times, history rows, past-period reports), nothing open stays with the
closed unit, and every open dossier stays visible to someone who works in an open unit."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Level, Role
from motcua.agencies.selectors import forget_memberships
from motcua.agencies.tests.factories import make_agency
from motcua.dossiers import access, reorganisation, services
from motcua.dossiers.constants import TERMINAL

from .conftest import vn
from .test_reorganisation import merge, reports, snapshot

pytestmark = pytest.mark.django_db

STATES = ["received", "in_progress", "supplement", "withdrawn"]

trees = st.fixed_dictionaries(
    {
        "communes": st.lists(st.booleans(), min_size=2, max_size=4),  # has a specialist
        "sub_unit": st.booleans(),
        "workload": st.lists(
            st.tuples(st.integers(0, 3), st.sampled_from(STATES), st.integers(2, 27)),
            max_size=6,
        ),
        "pair": st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda p: p[0] != p[1]),
        "move_staff": st.booleans(),
    }
)


def _build(case, tree, walk_in):
    communes, staff = [], {}
    for n, has_specialist in enumerate(case["communes"]):
        commune = make_agency(f"Xã ngẫu nhiên {n}", parent=tree.province, runs_one_stop_desk=True)
        desk = make_officer(f"Một cửa {n}", unit=commune, role=Role.DESK_OFFICER)
        specialist = (
            make_officer(f"Chuyên viên {n}", unit=commune, role=Role.SPECIALIST)
            if has_specialist
            else None
        )
        communes.append(commune)
        staff[commune.pk] = (desk, specialist)
    if case["sub_unit"]:
        make_agency("Phòng thuộc xã", parent=communes[0], level=Level.UNIT, code="")
    for index, state, day in case["workload"]:
        commune = communes[index % len(communes)]
        desk, specialist = staff[commune.pk]
        at = vn(2026, 3, day, 9, 0)
        d = walk_in(at=at, actor=desk, receiving_unit=commune, resolving_agency=commune)
        if state == "withdrawn":
            services.withdraw(d, actor=desk, reason="Rút", at=at + datetime.timedelta(hours=1))
        elif state != "received" and specialist is not None:
            d = services.assign(
                d, actor=desk, assignee=specialist, at=at + datetime.timedelta(minutes=30)
            )
            if state == "supplement":
                services.request_supplement(
                    d,
                    actor=specialist,
                    items=[{"name": "A", "reason": "B"}],
                    at=at + datetime.timedelta(hours=1),
                )
    return communes, staff


def _visible(officer, ids):
    forget_memberships(officer)
    return set(access.visible_to(officer).filter(pk__in=ids).values_list("pk", flat=True))


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=trees)
def test_a_merger_keeps_every_invariant(case, tree, people, walk_in, version):
    with transaction.atomic():
        communes, staff = _build(case, tree, walk_in)
        source = communes[case["pair"][0] % len(communes)]
        into = communes[case["pair"][1] % len(communes)]
        if source == into:
            transaction.set_rollback(True)
            return
        dossiers_before, events_before = snapshot()
        scopes = [tree.province, *communes]
        reports_before = [reports(a) for a in scopes]
        moving = set(reorganisation.open_dossiers_of(source).values_list("pk", flat=True))

        plan = merge(source, into, actor=people.manager, move_staff=case["move_staff"])

        assert {row.dossier.pk for row in plan.dossiers} == moving
        dossiers_after, events_after = snapshot()
        assert dossiers_after == dossiers_before
        assert events_after[: len(events_before)] == events_before
        assert [reports(a) for a in scopes] == reports_before
        assert not reorganisation.open_dossiers_of(source).exists()
        # The successor's desk sees every moved dossier; so does the province's manager.
        assert _visible(staff[into.pk][0], moving) == moving
        assert _visible(people.manager, moving) == moving
        # The old unit's staff see them only if they moved with the unit.
        for officer in filter(None, staff[source.pk]):
            assert _visible(officer, moving) == (moving if case["move_staff"] else set())
        # Every open dossier in the province is seen by an officer of an open unit.
        open_ids = set(
            reorganisation.open_dossiers_of(into)
            .exclude(status__in=sorted(TERMINAL))
            .values_list("pk", flat=True)
        )
        for commune in communes:
            if commune != source:
                desk = staff[commune.pk][0]
                mine = set(reorganisation.open_dossiers_of(commune).values_list("pk", flat=True))
                assert _visible(desk, mine) == mine
        assert moving <= open_ids
        transaction.set_rollback(True)

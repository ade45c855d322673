"""Random sequences of use cases, by random people at random times, on one dossier each; after
every step the invariants of the aggregate must hold, and a refused action must change nothing."""

import datetime
import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from motcua.dossiers import services
from motcua.dossiers.constants import NOT_YET_ACCEPTED, TERMINAL, Outcome
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierStep, Event, Pause
from motcua.dossiers.national import national_status
from motcua.dossiers.services import ComponentInput

from .conftest import vn

pytestmark = pytest.mark.django_db


def _snapshot(dossier_id):
    row = Dossier.objects.filter(pk=dossier_id).values().get()
    counts = tuple(
        model.objects.filter(dossier_id=dossier_id).count() for model in (Event, Pause, DossierStep)
    )
    steps = tuple(
        DossierStep.objects.filter(dossier_id=dossier_id).values_list("started_at", "finished_at")
    )
    return row, counts, steps


class DossierMachine(RuleBasedStateMachine):
    people = tree = walk_in = None  # set by the test below

    @initialize(start_hour=st.integers(7, 17))
    def receive(self, start_hour):
        self.now = vn(2026, 3, 2, start_hour, 0)
        self.dossier = type(self).walk_in(at=self.now)
        self.refusals = 0

    def _act(self, function, *args, **kwargs):
        before = _snapshot(self.dossier.pk)
        try:
            self.dossier = function(self.dossier, *args, at=self.now, **kwargs)
        except DossierError:
            self.refusals += 1
            assert _snapshot(self.dossier.pk) == before, (
                f"{function.__name__} was refused but changed data"
            )

    def _who(self, index):
        p = type(self).people
        return [p.desk_x, p.specialist_x, p.leader_x, p.desk_y, p.specialist_department][index]

    @rule(hours=st.integers(1, 30))
    def time_passes(self, hours):
        self.now += datetime.timedelta(hours=hours)

    @rule(who=st.integers(0, 4))
    def assign(self, who):
        self._act(services.assign, actor=self._who(who))

    @rule(who=st.integers(0, 4))
    def complete_step(self, who):
        self._act(services.complete_step, actor=self._who(who))

    @rule(who=st.integers(0, 4), refuse=st.booleans())
    def approve(self, who, refuse):
        decision = Outcome.REFUSED if refuse else Outcome.GRANTED
        self._act(services.approve, actor=self._who(who), decision=decision, note="Lý do")

    @rule(who=st.integers(0, 4))
    def record_result(self, who):
        self._act(services.record_result, actor=self._who(who))

    @rule()
    def return_result(self):
        self._act(
            services.return_result,
            actor=type(self).people.desk_x,
            recipient_name="An",
            recipient_id_number="068080001234",
        )

    @rule(who=st.integers(0, 4))
    def request_supplement(self, who):
        self._act(
            services.request_supplement,
            actor=self._who(who),
            items=[{"name": "Giấy tờ", "reason": "Thiếu"}],
        )

    @rule()
    def complete_supplement(self):
        self._act(
            services.complete_supplement,
            actor=type(self).people.desk_x,
            components=[ComponentInput(name="Giấy tờ")],
        )

    @rule(who=st.integers(0, 4))
    def request_payment(self, who):
        self._act(
            services.request_payment,
            actor=self._who(who),
            lines=[{"name": "Lệ phí", "amount": 20000}],
        )

    @rule()
    def confirm_payment(self):
        self._act(services.confirm_payment, actor=None, reference="GW-1", online=True)

    @rule(days=st.integers(1, 10))
    def reappoint(self, days):
        new_due = (self.dossier.due_at or self.now) + datetime.timedelta(days=days)
        self._act(
            services.reappoint, actor=type(self).people.leader_x, new_due_at=new_due, reason="Chậm"
        )

    @rule()
    def transfer(self):
        self._act(
            services.transfer,
            actor=type(self).people.specialist_x,
            to_agency=type(self).tree.department,
            task="Xác minh",
            quota_hours=8,
        )

    @rule()
    def return_transfer(self):
        self._act(
            services.return_transfer, actor=type(self).people.specialist_department, reply="Xong"
        )

    @rule()
    def return_step(self):
        self._act(services.return_step, actor=type(self).people.leader_x, reason="Chưa đạt")

    @rule()
    def stop(self):
        self._act(services.stop, actor=type(self).people.leader_x, reason="Không đủ điều kiện")

    @rule()
    def withdraw(self):
        self._act(services.withdraw, actor=type(self).people.desk_x, reason="Đơn rút")

    @invariant()
    def history_replays_to_the_current_state(self):
        if not hasattr(self, "dossier"):
            return
        dossier = Dossier.objects.get(pk=self.dossier.pk)
        events = list(Event.objects.filter(dossier=dossier).order_by("sequence"))
        assert [e.sequence for e in events] == list(range(1, len(events) + 1))
        assert events[0].from_status == ""
        for before, after in itertools.pairwise(events):
            assert after.from_status == before.to_status
        assert events[-1].to_status == dossier.status
        assert dossier.version == len(events)

    @invariant()
    def clock_is_consistent(self):
        if not hasattr(self, "dossier"):
            return
        dossier = Dossier.objects.get(pk=self.dossier.pk)
        assert national_status(dossier.status) is not None
        if dossier.status not in NOT_YET_ACCEPTED:
            assert dossier.received_at <= dossier.original_due_at
            assert dossier.received_at <= dossier.due_at
        if dossier.finished_at is not None:
            assert dossier.finished_at >= dossier.received_at
        if dossier.status in TERMINAL:
            assert not dossier.pauses.filter(ended_at__isnull=True).exists()
        for step in dossier.steps.all():
            if step.finished_at is not None:
                assert step.started_at <= step.finished_at and step.worked_hours >= 0


def test_random_sequences_keep_the_invariants(walk_in, people, tree):
    DossierMachine.people, DossierMachine.tree, DossierMachine.walk_in = (
        people,
        tree,
        staticmethod(walk_in),
    )
    run_state_machine_as_test(
        DossierMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )

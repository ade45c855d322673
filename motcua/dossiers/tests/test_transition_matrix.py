"""Every action from every state: refused, with nothing changed, wherever the rules do not allow
it — forced through the services with people who would otherwise be entitled. What the rules allow
is the hand-written table of ``test_transition_table`` (not ``ALLOWED_FROM``, which is under test)."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.constants import Action, Outcome, Status
from motcua.dossiers.errors import TransitionNotAllowed
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.services import ComponentInput

from .conftest import vn
from .test_transition_table import _expected

pytestmark = pytest.mark.django_db


def _in_state(state, walk_in, people, version, tree, form_component):
    p = people
    docs = [ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)]
    online = {
        "actor": p.citizen_a,
        "procedure_version": version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
    }
    if state == Status.DRAFT:
        return services.save_draft(**online)
    if state in (Status.SUBMITTED, Status.INTAKE_SUPPLEMENT, Status.REFUSED_AT_INTAKE):
        d = services.submit_online(components=docs, **online)
        if state == Status.INTAKE_SUPPLEMENT:
            d = services.request_intake_supplement(
                d, actor=p.desk_x, items=[{"name": "A", "reason": "B"}]
            )
        if state == Status.REFUSED_AT_INTAKE:
            d = services.refuse_intake(d, actor=p.desk_x, reason="Sai thẩm quyền")
        return d
    d = walk_in(at=vn(2026, 3, 2, 9, 0))
    if state == Status.RECEIVED:
        return d
    if state == Status.WITHDRAWN:
        return services.withdraw(d, actor=p.desk_x, reason="Rút")
    d = services.assign(d, actor=p.desk_x, at=vn(2026, 3, 2, 9, 30))
    at = vn(2026, 3, 2, 10, 0)
    steps = {
        Status.IN_PROGRESS: lambda d: d,
        Status.TRANSFERRED: lambda d: services.transfer(
            d,
            actor=p.specialist_x,
            to_agency=tree.department,
            task="Xác minh",
            quota_hours=4,
            at=at,
        ),
        Status.AWAITING_SUPPLEMENT: lambda d: services.request_supplement(
            d, actor=p.specialist_x, items=[{"name": "A", "reason": "B"}], at=at
        ),
        Status.AWAITING_PAYMENT: lambda d: services.request_payment(d, actor=p.specialist_x, at=at),
        Status.STOPPED: lambda d: services.stop(d, actor=p.leader_x, reason="Dừng", at=at),
        Status.AWAITING_APPROVAL: lambda d: services.complete_step(d, actor=p.specialist_x, at=at),
    }
    if state in steps:
        return steps[state](d)
    d = services.complete_step(d, actor=p.specialist_x, at=at)
    d = services.approve(d, actor=p.leader_x, at=vn(2026, 3, 2, 11, 0))
    d = services.record_result(d, actor=p.leader_x, at=vn(2026, 3, 2, 13, 0))
    if state == Status.RESULT_READY:
        return d
    return services.return_result(
        d,
        actor=p.desk_x,
        recipient_name="An",
        recipient_id_number="068080001234",
        at=vn(2026, 3, 2, 14, 0),
    )


def _attempts(people, tree, form_component):
    p = people
    docs = [ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)]
    return {
        Action.ACCEPT: lambda d: services.accept(d, actor=p.desk_x),
        Action.REQUEST_INTAKE_SUPPLEMENT: lambda d: services.request_intake_supplement(
            d, actor=p.desk_x, items=[{"name": "A", "reason": "B"}]
        ),
        Action.RESUBMIT: lambda d: services.resubmit(d, actor=p.citizen_a, components=docs),
        Action.REFUSE_INTAKE: lambda d: services.refuse_intake(d, actor=p.desk_x, reason="Lý do"),
        Action.ASSIGN: lambda d: services.assign(d, actor=p.desk_x),
        Action.COMPLETE_STEP: lambda d: services.complete_step(d, actor=p.specialist_x),
        Action.RETURN_STEP: lambda d: services.return_step(d, actor=p.leader_x, reason="Lý do"),
        Action.TRANSFER: lambda d: services.transfer(
            d, actor=p.specialist_x, to_agency=tree.department, task="Việc", quota_hours=4
        ),
        Action.RETURN_TRANSFER: lambda d: services.return_transfer(
            d, actor=p.specialist_department, reply="Xong"
        ),
        Action.REQUEST_SUPPLEMENT: lambda d: services.request_supplement(
            d, actor=p.specialist_x, items=[{"name": "A", "reason": "B"}]
        ),
        Action.COMPLETE_SUPPLEMENT: lambda d: services.complete_supplement(
            d, actor=p.desk_x, components=docs
        ),
        Action.REQUEST_PAYMENT: lambda d: services.request_payment(d, actor=p.specialist_x),
        Action.CONFIRM_PAYMENT: lambda d: services.confirm_payment(
            d, actor=p.desk_x, reference="BL-1"
        ),
        Action.REAPPOINT: lambda d: services.reappoint(
            d, actor=p.leader_x, new_due_at=vn(2027, 1, 1, 9, 0), reason="Chậm"
        ),
        Action.APPROVE: lambda d: services.approve(d, actor=p.leader_x, decision=Outcome.GRANTED),
        Action.RECORD_RESULT: lambda d: services.record_result(d, actor=p.leader_x),
        Action.RETURN_RESULT: lambda d: services.return_result(
            d, actor=p.desk_x, recipient_name="An", recipient_id_number="068080001234"
        ),
        Action.STOP: lambda d: services.stop(d, actor=p.leader_x, reason="Dừng"),
        Action.WITHDRAW: lambda d: services.withdraw(d, actor=p.desk_x, reason="Rút"),
    }


@pytest.mark.parametrize("state", [s for s in Status])
def test_actions_not_allowed_from_a_state_are_refused_and_change_nothing(
    state, walk_in, people, version, tree, form_component
):
    dossier = _in_state(state, walk_in, people, version, tree, form_component)
    assert dossier.status == state
    refused = 0
    allowed = _expected()
    for action, attempt in _attempts(people, tree, form_component).items():
        if state in allowed[action]:
            continue
        before = (Dossier.objects.filter(pk=dossier.pk).values().get(), Event.objects.count())
        with pytest.raises(TransitionNotAllowed):
            attempt(dossier)
        assert (
            Dossier.objects.filter(pk=dossier.pk).values().get(),
            Event.objects.count(),
        ) == before, action
        refused += 1
    assert refused > 0

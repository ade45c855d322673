"""The main journey and its rules, with real 2026 calendar dates."""

import itertools
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.audit.models import AuditEntry
from motcua.catalog.constants import Channel
from motcua.dossiers import clock, services
from motcua.dossiers.constants import Action, Outcome, Status
from motcua.dossiers.errors import NotPermitted, RuleViolation, StaleDossier, TransitionNotAllowed
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.services import ComponentInput
from motcua.worktime.constants import Punctuality

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_walk_in_receipt_gives_code_appointment_fees_and_first_step(walk_in, tree):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))  # Monday

    assert dossier.status == Status.RECEIVED
    assert dossier.code == "000.00.31.H99-260302-0001"
    assert dossier.received_at == vn(2026, 3, 2, 9, 0)
    # 3 working days = 24 working hours from Monday 09:00 -> Thursday 09:00.
    assert dossier.original_due_at == dossier.due_at == vn(2026, 3, 5, 9, 0)
    assert dossier.holder == tree.commune_x
    assert [(f.name, f.amount) for f in dossier.fees.all()] == [("Lệ phí", Decimal(50000))]
    steps = list(dossier.steps.order_by("order"))
    assert [s.stage for s in steps] == [1, 2, 3, 4, 5]
    assert steps[0].started_at == dossier.received_at and steps[0].due_at == vn(2026, 3, 2, 10, 0)
    assert all(s.started_at is None for s in steps[1:])
    event = Event.objects.get(dossier=dossier)
    assert (event.action, event.from_status, event.to_status, event.sequence) == (
        Action.RECEIVE,
        "",
        Status.RECEIVED,
        1,
    )
    assert event.actor_unit == tree.commune_x and event.actor_role == "desk_officer"
    assert AuditEntry.objects.filter(object_id=str(dossier.pk), verb=Action.RECEIVE).count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="dispatch_event").count() == 1


def test_codes_count_per_unit_and_per_day(walk_in, tree, people):
    first = walk_in(at=vn(2026, 3, 2, 9, 0))
    second = walk_in(at=vn(2026, 3, 2, 10, 0))
    next_day = walk_in(at=vn(2026, 3, 3, 8, 0))
    other_unit = walk_in(
        at=vn(2026, 3, 2, 11, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    assert [first.code[-4:], second.code[-4:], next_day.code[-4:]] == ["0001", "0002", "0001"]
    assert next_day.code.startswith("000.00.31.H99-260303-")
    assert other_unit.code == "000.00.32.H99-260302-0001"


@pytest.mark.parametrize(
    ("hour", "minute", "local_day"),
    [
        (0, 30, "260303"),  # 17:30 UTC of the 2nd
        (6, 59, "260303"),  # 23:59 UTC of the 2nd
        (7, 0, "260303"),  # the first minute where UTC and local days agree
        (23, 50, "260303"),  # 16:50 UTC of the 3rd
    ],
)
def test_codes_are_dated_with_the_local_day_at_night_too(
    version, tree, people, form_component, walk_in, hour, minute, local_day
):
    # TT 01/2018 Art. 19: the date in the code is the receipt's date where the desk is.
    at = vn(2026, 3, 3, hour, minute)
    online = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
        at=at,
    )
    walked_in = walk_in(at=at)
    assert online.code == f"000.00.31.H99-{local_day}-0001"
    assert walked_in.code == f"000.00.31.H99-{local_day}-0002"


def test_the_whole_journey_to_the_returned_result(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(
        dossier, actor=people.desk_x, assignee=people.specialist_x, at=vn(2026, 3, 2, 9, 30)
    )
    assert dossier.status == Status.IN_PROGRESS and dossier.assignee == people.specialist_x
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 10, 0))
    assert dossier.status == Status.AWAITING_APPROVAL
    dossier = services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 14, 0))
    assert dossier.status == Status.IN_PROGRESS  # the registry numbers and issues
    with pytest.raises(NotPermitted):
        services.record_result(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 15, 0))
    dossier = services.record_result(
        dossier, actor=people.leader_x, document_number="12/GCN", at=vn(2026, 3, 3, 15, 0)
    )
    assert dossier.status == Status.RESULT_READY and dossier.outcome == Outcome.GRANTED
    assert dossier.finished_at == vn(2026, 3, 3, 15, 0)
    assert dossier.results.get().code == f"{dossier.code}-KQ1"
    with pytest.raises(RuleViolation):
        services.return_result(dossier, actor=people.desk_x, recipient_name="Nguyễn Văn An")
    dossier = services.return_result(
        dossier,
        actor=people.desk_x,
        recipient_name="Nguyễn Văn An",
        recipient_id_number="068080001234",
        at=vn(2026, 3, 4, 8, 0),
    )
    assert dossier.status == Status.RETURNED and dossier.returned_at == vn(2026, 3, 4, 8, 0)

    steps = list(dossier.steps.order_by("order"))
    assert all(s.finished_at for s in steps)
    # The specialist worked from Mon 09:30 to Tue 10:00: 7.5 h on Monday (09:30-11:30, 13-17 = 6 h)
    # plus Tuesday 07:30-10:00 = 2.5 h, i.e. 8.5 working hours against a 16-hour quota.
    assert steps[1].worked_hours == Decimal("8.50")
    assert clock.step_punctuality(steps[1], clock.calendar_of(dossier)) == Punctuality.EARLY
    assert clock.legal_punctuality(dossier) == Punctuality.EARLY
    events = list(dossier.events.order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert events[-1].to_status == Status.RETURNED
    # The history replays to the current state.
    for before, after in itertools.pairwise(events):
        assert after.from_status == before.to_status


def test_a_refused_action_changes_nothing(walk_in, people):
    dossier = walk_in()
    before = (
        Dossier.objects.filter(pk=dossier.pk).values().get(),
        Event.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(TransitionNotAllowed) as info:
        services.approve(dossier, actor=people.leader_x)
    assert "Đã tiếp nhận" in str(info.value)
    after = (
        Dossier.objects.filter(pk=dossier.pk).values().get(),
        Event.objects.count(),
        AuditEntry.objects.count(),
    )
    assert before == after


def test_a_stale_action_is_refused_and_changes_nothing(walk_in, people):
    dossier = walk_in()
    opened_version = dossier.version
    services.assign(dossier, actor=people.desk_x, expected_version=opened_version)
    with pytest.raises(StaleDossier):
        services.assign(
            dossier,
            actor=people.desk_x,
            assignee=people.specialist_x,
            expected_version=opened_version,
        )
    dossier.refresh_from_db()
    assert dossier.assignee is None and dossier.version == opened_version + 1


def test_the_same_request_twice_acts_once(walk_in, people):
    first = walk_in(idempotency_key="intake-form-42")
    again = walk_in(idempotency_key="intake-form-42")
    assert first.pk == again.pk and Dossier.objects.count() == 1
    services.assign(first, actor=people.desk_x, idempotency_key="assign-1")
    services.assign(first, actor=people.desk_x, idempotency_key="assign-1")
    assert Event.objects.filter(dossier=first, action=Action.ASSIGN).count() == 1


def test_only_the_right_roles_of_the_right_agency_may_act(walk_in, people):
    dossier = walk_in()
    with pytest.raises(NotPermitted):  # the other commune's desk
        services.assign(dossier, actor=people.desk_y)
    with pytest.raises(NotPermitted):  # a manager only reads
        services.assign(dossier, actor=people.manager)
    with pytest.raises(NotPermitted):  # the other citizen
        services.withdraw(dossier, actor=people.citizen_b)
    dossier = services.assign(dossier, actor=people.desk_x)
    with pytest.raises(NotPermitted):  # a specialist cannot approve
        services.complete_step(dossier, actor=people.specialist_department)


def test_supplement_after_appraisal_pauses_and_restarts_the_deadline(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    dossier = services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "Bản sao giấy khai sinh", "reason": "Mờ"}],
        at=vn(2026, 3, 3, 9, 0),
    )
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    dossier = services.complete_supplement(
        dossier,
        actor=people.desk_x,
        components=[ComponentInput(name="Bản sao giấy khai sinh", paper_copies=1)],
        at=vn(2026, 3, 5, 9, 0),
    )
    assert dossier.status == Status.IN_PROGRESS
    # Legal rule: 3 working days again from Thu 05/03 09:00 -> Tue 10/03 09:00.
    assert dossier.due_at == vn(2026, 3, 10, 9, 0)
    assert dossier.original_due_at == vn(2026, 3, 5, 9, 0)
    # Statistical rule: original due moved by the 16 working hours paused -> Mon 09/03 09:00.
    assert clock.statistical_due(dossier) == vn(2026, 3, 9, 9, 0)
    pause = dossier.pauses.get()
    assert (pause.started_at, pause.ended_at) == (vn(2026, 3, 3, 9, 0), vn(2026, 3, 5, 9, 0))


def test_supplement_is_refused_after_three_working_days(walk_in, people):
    dossier = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x, at=vn(2026, 3, 2, 10, 0)
    )
    with pytest.raises(RuleViolation) as info:
        services.request_supplement(
            dossier,
            actor=people.specialist_x,
            items=[{"name": "X", "reason": "Y"}],
            at=vn(2026, 3, 5, 9, 1),
        )
    assert "3 ngày làm việc" in str(info.value)
    with pytest.raises(RuleViolation):
        services.request_supplement(
            dossier, actor=people.specialist_x, items=[], at=vn(2026, 3, 3, 9, 0)
        )


def test_more_than_one_supplement_counts_late_in_statistics(walk_in, people):
    dossier = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x, at=vn(2026, 3, 2, 9, 5)
    )
    for day in (2, 3):
        dossier = services.request_supplement(
            dossier,
            actor=people.specialist_x,
            items=[{"name": "X", "reason": "Y"}],
            at=vn(2026, 3, day, 10, 0),
        )
        dossier = services.complete_supplement(
            dossier,
            actor=people.desk_x,
            components=[ComponentInput(name="X")],
            at=vn(2026, 3, day, 11, 0),
        )
    assert clock.statistical_punctuality(dossier, as_of=vn(2026, 3, 3, 11, 5)) == Punctuality.LATE
    assert clock.legal_punctuality(dossier, as_of=vn(2026, 3, 3, 11, 5)) != Punctuality.LATE


def test_apology_and_reappointment_at_most_once_and_in_time(walk_in, people):
    dossier = services.assign(walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x)
    with pytest.raises(RuleViolation) as info:  # less than one working day before Thu 09:00
        services.reappoint(
            dossier,
            actor=people.leader_x,
            new_due_at=vn(2026, 3, 9, 9, 0),
            reason="Chờ xác minh",
            at=vn(2026, 3, 4, 10, 0),
        )
    assert "1 ngày làm việc" in str(info.value)
    dossier = services.reappoint(
        dossier,
        actor=people.leader_x,
        new_due_at=vn(2026, 3, 9, 9, 0),
        reason="Chờ xác minh",
        at=vn(2026, 3, 3, 9, 0),
    )
    assert dossier.due_at == vn(2026, 3, 9, 9, 0) and dossier.original_due_at == vn(
        2026, 3, 5, 9, 0
    )
    with pytest.raises(RuleViolation):
        services.reappoint(
            dossier,
            actor=people.leader_x,
            new_due_at=vn(2026, 3, 12, 9, 0),
            reason="Lần nữa",
            at=vn(2026, 3, 3, 10, 0),
        )


def test_financial_obligation_pauses_and_moves_the_due_time(walk_in, people):
    dossier = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x, at=vn(2026, 3, 2, 9, 0)
    )
    with pytest.raises(RuleViolation):
        services.request_payment(
            dossier, actor=people.specialist_x, lines=[{"name": "Sai", "amount": "10.5"}]
        )
    assert dossier.fees.count() == 1  # the refused line was not kept
    dossier = services.request_payment(
        dossier,
        actor=people.specialist_x,
        lines=[{"name": "Lệ phí cấp giấy", "amount": 100000}],
        at=vn(2026, 3, 2, 13, 0),
    )
    assert dossier.status == Status.AWAITING_PAYMENT
    dossier = services.confirm_payment(
        dossier, actor=None, reference="GW-123", online=True, at=vn(2026, 3, 2, 15, 0)
    )
    assert dossier.status == Status.IN_PROGRESS
    assert dossier.due_at == vn(2026, 3, 5, 11, 0)  # two working hours later
    assert all(fee.paid_online and fee.payment_reference == "GW-123" for fee in dossier.fees.all())


def test_transfer_to_another_agency_and_back(walk_in, people, tree):
    dossier = services.assign(walk_in(), actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    dossier = services.transfer(
        dossier,
        actor=people.specialist_x,
        to_agency=tree.department,
        task="Xác minh hồ sơ gốc",
        quota_hours=8,
        at=vn(2026, 3, 2, 10, 0),
    )
    assert dossier.status == Status.TRANSFERRED and dossier.holder == tree.department
    with pytest.raises(NotPermitted):
        services.return_transfer(dossier, actor=people.specialist_x, reply="Xong")
    dossier = services.return_transfer(
        dossier, actor=people.specialist_department, reply="Đã xác minh", at=vn(2026, 3, 3, 10, 0)
    )
    assert dossier.status == Status.IN_PROGRESS and dossier.holder == tree.commune_x
    event = dossier.events.get(action=Action.RETURN_TRANSFER)
    assert event.data["held_hours"] == "8.00" and event.data["late"] is False


def test_refusal_after_appraisal_is_a_result_to_return(walk_in, people):
    dossier = services.assign(walk_in(), actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 2, 14, 0))
    with pytest.raises(RuleViolation):
        services.approve(dossier, actor=people.leader_x, decision=Outcome.REFUSED)
    dossier = services.approve(
        dossier,
        actor=people.leader_x,
        decision=Outcome.REFUSED,
        note="Không đủ điều kiện",
        at=vn(2026, 3, 2, 15, 0),
    )
    dossier = services.record_result(dossier, actor=people.leader_x, at=vn(2026, 3, 2, 16, 0))
    assert dossier.outcome == Outcome.REFUSED
    assert dossier.results.get().kind == "refusal"


def test_online_submission_then_desk_acceptance(version, tree, people, form_component):
    dossier = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
        at=vn(2026, 3, 2, 16, 30),
    )
    assert dossier.status == Status.SUBMITTED and dossier.channel == Channel.ONLINE
    assert dossier.vneid_verified is False and dossier.applicant == people.citizen_a
    # 8 working hours to confirm: Mon 16:30 -> Tue 16:30.
    assert dossier.intake_due_at == vn(2026, 3, 3, 16, 30)
    assert dossier.received_at is None and dossier.due_at is None
    dossier = services.accept(dossier, actor=people.desk_x, at=vn(2026, 3, 3, 8, 0))
    assert dossier.status == Status.RECEIVED and dossier.due_at == vn(2026, 3, 6, 8, 0)


def test_online_submission_needs_the_mandatory_documents(version, tree, people):
    with pytest.raises(RuleViolation) as info:
        services.submit_online(
            actor=people.citizen_a,
            procedure_version=version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
            components=[],
        )
    assert "Tờ khai" in str(info.value)
    assert not Dossier.objects.exists()


def test_competence_is_checked_not_the_place_of_receipt(walk_in, tree, people):
    # Boundary-free intake: commune Y's desk may receive a dossier that commune X resolves.
    dossier = walk_in(
        actor=people.desk_y, receiving_unit=tree.commune_y, resolving_agency=tree.commune_x
    )
    assert dossier.receiving_unit == tree.commune_y and dossier.resolving_agency == tree.commune_x
    with pytest.raises(RuleViolation):  # a department is not competent for a commune procedure
        walk_in(resolving_agency=tree.department)


def test_withdrawal_before_and_after_acceptance(walk_in, version, tree, people, form_component):
    online = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
    )
    online = services.withdraw(online, actor=people.citizen_a, reason="Nộp nhầm")
    assert online.status == Status.WITHDRAWN and online.finished_at is None
    accepted = walk_in()
    accepted = services.withdraw(
        accepted, actor=people.desk_x, reason="Đơn rút hồ sơ", at=vn(2026, 3, 3, 9, 0)
    )
    assert accepted.finished_at == vn(2026, 3, 3, 9, 0)
    with pytest.raises(TransitionNotAllowed):
        services.withdraw(accepted, actor=people.desk_x)


def test_a_draft_is_saved_resumed_and_submitted(version, tree, people, form_component):
    draft = services.save_draft(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        form_data={"ho_ten_tre": "Nguyễn An Bình"},
    )
    assert draft.status == Status.DRAFT and draft.code is None
    with pytest.raises(NotPermitted):
        services.save_draft(
            actor=people.citizen_b,
            draft=draft,
            procedure_version=version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
        )
    draft = services.save_draft(
        actor=people.citizen_a,
        draft=draft,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        form_data={"ho_ten_tre": "Nguyễn An Bình", "gioi_tinh": "nam"},
        expected_version=draft.version,
    )
    submitted = services.submit_online(
        actor=people.citizen_a,
        draft=draft,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        form_data=draft.form_data,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
    )
    assert submitted.pk == draft.pk and submitted.status == Status.SUBMITTED and submitted.code
    assert submitted.form_data["gioi_tinh"] == "nam"
    assert [e.action for e in submitted.events.order_by("sequence")] == [
        Action.SAVE_DRAFT,
        Action.SAVE_DRAFT,
        Action.SUBMIT,
    ]


def test_a_dossier_sent_back_from_approval_comes_through_every_later_step_again(walk_in, people):
    """Trả lại bước trước from the leader: the specialist's stage runs again, then the approval
    stage again (as new step rows: both passes stay in the history), then the registry."""
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(
        dossier, actor=people.desk_x, assignee=people.specialist_x, at=vn(2026, 3, 2, 9, 30)
    )
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 2, 14, 0))
    assert dossier.status == Status.AWAITING_APPROVAL
    dossier = services.return_step(
        dossier, actor=people.leader_x, reason="Thiếu căn cứ", at=vn(2026, 3, 2, 15, 0)
    )
    assert dossier.status == Status.IN_PROGRESS
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0))
    assert dossier.status == Status.AWAITING_APPROVAL  # not stuck "in progress"
    dossier = services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 10, 0))
    dossier = services.record_result(
        dossier, actor=people.leader_x, document_number="13/GCN", at=vn(2026, 3, 3, 11, 0)
    )
    assert dossier.status == Status.RESULT_READY

    steps = list(dossier.steps.order_by("order"))
    by_stage: dict[int, list] = {}
    for step in steps:
        by_stage.setdefault(step.stage, []).append(step)
    assert len(by_stage[2]) == 2 and len(by_stage[3]) == 2  # specialist and approval, twice
    first_approval, second_approval = by_stage[3]
    assert first_approval.started_at == vn(2026, 3, 2, 14, 0)  # the first pass is kept as it was
    assert first_approval.finished_at == vn(2026, 3, 2, 15, 0)
    assert second_approval.started_at == vn(2026, 3, 3, 9, 0)
    assert second_approval.finished_at == vn(2026, 3, 3, 10, 0)
    assert all(s.finished_at for s in steps if s.stage != 5)

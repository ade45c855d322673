"""Feedback (PAKN): receipt, limits in working days with real 2026 dates, handling, overdue
detection, publication, likes, and the facts the 766 engine reads."""

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.audit.models import AuditEntry
from motcua.feedback import clock, selectors, services
from motcua.feedback.constants import Classification, Punctuality, Status, Vote
from motcua.feedback.errors import NotPermitted, RuleViolation, TransitionNotAllowed
from motcua.feedback.models import Feedback, FeedbackEvent, FeedbackVote

from .conftest import vn

# Fri 13/02/2026; the Tết holiday of 2026 is Mon 16 – Fri 20/02.
TET_FRIDAY = vn(2026, 2, 13, 10, 0)


@pytest.fixture
def about_procedure(procedure, tree, version):
    """An anonymous feedback about the procedure at commune X, received on ``at``."""

    def make(at=TET_FRIDAY, **overrides):
        kwargs = {
            "actor": AnonymousUser(),
            "classification": Classification.POLICY,
            "title": "Thành phần hồ sơ chưa rõ",
            "content": "Tờ khai yêu cầu thông tin trùng lặp.",
            "sender_name": "Trần Văn Khách",
            "sender_phone": "0987654321",
            "procedure": procedure,
            "agency": tree.commune_x,
            "at": at,
        }
        return services.submit_feedback(**(kwargs | overrides))

    return make


def test_limits_run_in_working_days_over_tet(about_procedure):
    feedback = about_procedure()
    assert feedback.status == Status.RECEIVED and feedback.code.startswith("PAKN-260213-")
    # The day of receipt is not counted; Tết 16–20/02 is off: day 1 is Mon 23/02.
    assert feedback.refuse_due_at == vn(2026, 2, 24, 17, 0)
    assert feedback.supplement_due_at == vn(2026, 2, 27, 17, 0)
    assert feedback.answer_due_at == vn(2026, 3, 13, 17, 0)
    event = FeedbackEvent.objects.get(feedback=feedback)
    assert (event.sequence, event.action, event.to_status) == (1, "submit", Status.RECEIVED)
    assert AuditEntry.objects.filter(verb="feedback.submit", object_id=str(feedback.pk)).exists()


def test_overdue_is_derivable_at_any_instant(about_procedure):
    feedback = about_procedure()
    assert clock.punctuality(feedback, vn(2026, 3, 13, 16, 59)) == Punctuality.WITHIN_TIME
    assert clock.punctuality(feedback, vn(2026, 3, 13, 17, 0)) == Punctuality.WITHIN_TIME
    assert clock.punctuality(feedback, vn(2026, 3, 16, 7, 30)) == Punctuality.OVERDUE
    badge = clock.due_badge(feedback, vn(2026, 3, 16, 9, 0))
    assert badge.css == "due-overdue" and "Quá hạn" in badge.text
    assert clock.due_badge(feedback, vn(2026, 3, 13, 10, 0)).css == "due-today"
    assert clock.due_badge(feedback, vn(2026, 2, 23, 10, 0)).css == "due-ok"


def test_answer_on_the_last_day_is_on_time_and_late_answer_is_overdue(about_procedure, people):
    on_time = services.answer(
        about_procedure(),
        actor=people.specialist_x,
        text="Đã sửa tờ khai.",
        at=vn(2026, 3, 13, 16, 0),
    )
    assert on_time.status == Status.ANSWERED
    assert clock.punctuality(on_time, vn(2026, 6, 1)) == Punctuality.ON_TIME
    assert on_time.publish_due_at == vn(2026, 3, 17, 17, 0)
    late = services.answer(
        about_procedure(), actor=people.specialist_x, text="Trả lời.", at=vn(2026, 3, 16, 8, 0)
    )
    assert clock.punctuality(late, vn(2026, 6, 1)) == Punctuality.OVERDUE


def test_transfer_restarts_the_limits(about_procedure, people, tree):
    feedback = services.transfer(
        about_procedure(),
        actor=people.desk_x,
        to_agency=tree.department,
        reason="Thuộc thẩm quyền của Sở",
        at=vn(2026, 3, 2, 9, 0),
    )
    assert feedback.status == Status.TRANSFERRED and feedback.agency == tree.department
    assert feedback.clock_start_at == vn(2026, 3, 2, 9, 0)
    assert feedback.answer_due_at == vn(2026, 3, 23, 17, 0)
    assert feedback.concerned_agency == tree.commune_x
    # Commune X no longer handles it; the department does.
    with pytest.raises(NotPermitted):
        services.answer(feedback, actor=people.specialist_x, text="Trả lời")
    feedback = services.answer(
        feedback, actor=people.specialist_department, text="Trả lời", at=vn(2026, 3, 20, 9, 0)
    )
    assert clock.punctuality(feedback, vn(2026, 3, 20, 9, 0)) == Punctuality.ON_TIME


def test_refusal_is_judged_against_the_two_day_limit(about_procedure, people):
    feedback = services.refuse(
        about_procedure(),
        actor=people.leader_x,
        reason="Không thuộc thẩm quyền",
        at=vn(2026, 2, 25, 8, 0),
    )
    assert feedback.status == Status.REFUSED
    assert clock.punctuality(feedback, vn(2026, 3, 1)) == Punctuality.OVERDUE
    with pytest.raises(TransitionNotAllowed):
        services.answer(feedback, actor=people.leader_x, text="Trả lời")


def test_supplement_request_and_answer(about_procedure, people):
    feedback = services.request_supplement(
        about_procedure(),
        actor=people.desk_x,
        request="Cho biết mã hồ sơ",
        at=vn(2026, 2, 24, 9, 0),
    )
    assert feedback.status == Status.SUPPLEMENT_REQUESTED
    assert clock.punctuality(feedback, vn(2026, 4, 1)) == Punctuality.WITHIN_TIME
    feedback = services.record_supplement(
        feedback,
        actor=people.desk_x,
        text="Mã hồ sơ 000.00.31.H99-260213-0001",
        at=vn(2026, 2, 26, 9, 0),
    )
    assert feedback.status == Status.RECEIVED
    assert feedback.answer_due_at == vn(2026, 3, 19, 17, 0)
    assert [e.action for e in feedback.events.order_by("sequence")] == [
        "submit",
        "request_supplement",
        "record_supplement",
    ]


def test_roles_and_agencies_for_handling(about_procedure, people):
    feedback = about_procedure()
    for outsider in (people.desk_y, people.manager, people.citizen_a):
        with pytest.raises(NotPermitted):
            services.answer(feedback, actor=outsider, text="Trả lời")
    with pytest.raises(NotPermitted):  # a desk officer may not answer in the agency's name
        services.answer(feedback, actor=people.desk_x, text="Trả lời")
    feedback = services.answer(feedback, actor=people.specialist_x, text="Trả lời")
    with pytest.raises(NotPermitted):  # publication is for leaders
        services.publish(feedback, actor=people.specialist_x)
    assert Feedback.objects.get(pk=feedback.pk).status == Status.ANSWERED


def test_publication_likes_once_per_person_or_session(about_procedure, people):
    feedback = services.answer(about_procedure(), actor=people.specialist_x, text="Đã sửa.")
    with pytest.raises(TransitionNotAllowed):  # not published yet
        services.vote(feedback, actor=people.citizen_b, voter="user:1", choice=Vote.LIKE)
    feedback = services.publish(feedback, actor=people.leader_x)
    assert feedback.status == Status.PUBLISHED and feedback.published_at is not None
    assert list(selectors.published_answers()) == [feedback]
    feedback = services.vote(
        feedback, actor=people.citizen_b, voter=f"user:{people.citizen_b.pk}", choice=Vote.LIKE
    )
    with pytest.raises(RuleViolation):
        services.vote(
            feedback,
            actor=people.citizen_b,
            voter=f"user:{people.citizen_b.pk}",
            choice=Vote.DISLIKE,
        )
    feedback = services.vote(
        feedback, actor=AnonymousUser(), voter="session:abc", choice=Vote.DISLIKE
    )
    assert (feedback.likes, feedback.dislikes) == (1, 1)
    assert FeedbackVote.objects.filter(feedback=feedback).count() == 2


def test_submission_rules(about_procedure, result_dossier, people, tree):
    with pytest.raises(RuleViolation):  # anonymous without a way to answer
        about_procedure(sender_phone="")
    with pytest.raises(RuleViolation):  # the department does not carry out a commune procedure
        about_procedure(agency=tree.department)
    with pytest.raises(NotPermitted):  # a dossier of someone else
        services.submit_feedback(
            actor=people.citizen_b,
            classification=Classification.CONDUCT,
            title="Thái độ",
            content="Cán bộ gắt gỏng",
            sender_name="Lê Thị Bích",
            dossier=result_dossier,
        )
    assert not Feedback.objects.exists()
    mine = services.submit_feedback(
        actor=people.citizen_a,
        classification=Classification.CONDUCT,
        title="Thái độ",
        content="Cán bộ gắt gỏng",
        sender_name="Nguyễn Văn An",
        dossier=result_dossier,
        repeat_complaint=True,
        at=vn(2026, 3, 4, 9, 0),
    )
    assert mine.author == people.citizen_a and mine.agency == tree.commune_x
    assert mine.procedure == result_dossier.procedure_version.procedure


def test_repeat_complaint_flag(about_procedure, people):
    feedback = services.mark_repeat_complaint(
        about_procedure(), actor=people.desk_x, reason="Người dân phản ánh lại"
    )
    assert feedback.repeat_complaint
    with pytest.raises(RuleViolation):
        services.mark_repeat_complaint(feedback, actor=people.desk_x, reason="Lần nữa")


def test_feedback_between_gives_the_766_facts(about_procedure, result_dossier, people, tree):
    late = about_procedure()
    services.answer(late, actor=people.specialist_x, text="Muộn", at=vn(2026, 3, 16, 9, 0))
    about_dossier = services.submit_feedback(
        actor=people.citizen_a,
        classification=Classification.CONDUCT,
        title="Thái độ",
        content="Chờ lâu",
        sender_name="Nguyễn Văn An",
        dossier=result_dossier,
        at=vn(2026, 3, 4, 9, 0),
    )
    facts = selectors.feedback_between(
        tree.province.path, vn(2026, 3, 1), vn(2026, 4, 1), at=vn(2026, 3, 20, 9, 0)
    )
    by_code = {f.code: f for f in facts}
    assert by_code[late.code].punctuality == Punctuality.OVERDUE
    assert by_code[late.code].received_in_period is False
    assert by_code[late.code].handled_in_period is True
    fact = by_code[about_dossier.code]
    assert fact.classification == Classification.CONDUCT
    assert fact.punctuality == Punctuality.WITHIN_TIME and fact.dossier_id == result_dossier.pk
    assert selectors.feedback_between(tree.commune_y.path, vn(2026, 1, 1), vn(2026, 4, 1)) == []
    flags = selectors.dossier_satisfaction([result_dossier.pk])
    assert flags[result_dossier.pk].has_feedback and not flags[result_dossier.pk].rated

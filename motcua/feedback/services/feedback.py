"""Use cases of a feedback (PAKN): submit, transfer, request and record a supplement, refuse,
answer, publish, flag a repeat complaint, and like or dislike a published answer."""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.dossiers import access as dossier_access
from motcua.dossiers.signals import send_changed

from .. import clock
from ..access import Capacity, sender_capacity
from ..constants import Action, Classification, Source, Status, Vote
from ..errors import NotPermitted, RuleViolation
from ..models import Feedback, FeedbackRules, FeedbackVote
from ..tracking import new_token
from ._core import perform, record, require_text


def rules_on(moment: datetime.datetime) -> FeedbackRules:
    day = timezone.localdate(moment)
    rules = FeedbackRules.objects.active_on(day).order_by("-valid_from").first()
    if rules is None:
        raise RuleViolation(
            _("Chưa cấu hình thời hạn xử lý phản ánh, kiến nghị cho ngày này."), code="no_rules"
        )
    return rules


def _concerned_agency(actor, dossier, procedure, agency, day):
    if dossier is not None:
        # Only someone who may see the dossier may name it: its applicant, or an officer
        # recording a feedback received at the desk.
        if not dossier_access.visible_to(actor).filter(pk=dossier.pk).exists():
            raise NotPermitted(
                _("Bạn chỉ có thể phản ánh về hồ sơ của chính mình."), code="not_permitted"
            )
        return dossier.resolving_agency, dossier.procedure_version.procedure
    if procedure is None:
        raise RuleViolation(
            _("Hãy chọn hồ sơ hoặc thủ tục hành chính được phản ánh."), code="no_subject"
        )
    version = catalog.published_version_on(procedure, day)
    if version is None:
        raise RuleViolation(_("Thủ tục này không còn được áp dụng."), code="procedure_not_in_force")
    if (
        agency is None
        or not catalog.executing_agencies(version, on=day).filter(pk=agency.pk).exists()
    ):
        raise RuleViolation(
            _("Hãy chọn cơ quan thực hiện thủ tục mà bạn phản ánh."), code="no_agency"
        )
    return agency, procedure


def submit_feedback(
    *,
    actor,
    classification: str,
    title: str,
    content: str,
    sender_name: str,
    sender_phone: str = "",
    sender_email: str = "",
    sender_address: str = "",
    dossier=None,
    procedure=None,
    agency=None,
    repeat_complaint: bool = False,
    at: datetime.datetime | None = None,
) -> Feedback:
    """Receive a feedback from a signed-in applicant, an anonymous sender (who leaves a phone
    number or an e-mail address), or an officer recording one received at the desk."""
    now = at or timezone.now()
    signed_in = getattr(actor, "is_authenticated", False)
    is_officer = signed_in and actor.is_officer
    author = actor if signed_in and actor.is_applicant else None
    if signed_in and not (is_officer or author):
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này."), code="not_permitted")
    if classification not in Classification.values:
        raise RuleViolation(_("Hãy chọn phân loại phản ánh, kiến nghị."), code="no_classification")
    title = require_text(title, _("Hãy nhập tiêu đề."), "no_title")
    content = require_text(content, _("Hãy nhập nội dung phản ánh, kiến nghị."), "no_content")
    sender_name = require_text(sender_name, _("Hãy nhập họ tên người gửi."), "no_name")
    phone, email = (sender_phone or "").strip(), (sender_email or "").strip()
    if author is None and not (phone or email):
        raise RuleViolation(
            _("Hãy để lại số điện thoại hoặc thư điện tử để cơ quan trả lời."), code="no_contact"
        )
    if dossier is not None and not signed_in:
        raise NotPermitted(_("Hãy đăng nhập để phản ánh về hồ sơ của mình."), code="not_permitted")
    with transaction.atomic():
        concerned, procedure = _concerned_agency(
            actor, dossier, procedure, agency, timezone.localdate(now)
        )
        feedback = Feedback(
            code=f"tmp-{uuid.uuid4().hex[:24]}",
            classification=classification,
            title=title,
            content=content,
            dossier=dossier,
            procedure=procedure,
            concerned_agency=concerned,
            agency=concerned,
            repeat_complaint=repeat_complaint,
            author=author,
            sender_name=sender_name,
            sender_phone=phone,
            sender_email=email,
            sender_address=(sender_address or "").strip(),
            source=Source.DESK if is_officer else Source.PORTAL,
            status=Status.RECEIVED,
            rules=rules_on(now),
            received_at=now,
            tracking_token=new_token(),
        )
        clock.set_limits(feedback, now)
        feedback.save()
        feedback.code = f"PAKN-{timezone.localtime(now):%y%m%d}-{feedback.pk:06d}"
        feedback.save(update_fields=["code"])
        record(feedback, Action.SUBMIT, actor, None, None, now)
        send_changed([feedback.dossier_id])
    return feedback


def transfer(feedback, *, actor, to_agency, reason: str, at=None) -> Feedback:
    """Send to the competent agency; the limits run again from the transfer."""

    def apply(fb, capacity, now):
        text = require_text(reason, _("Hãy nêu lý do chuyển."), "no_reason")
        if to_agency.pk == fb.agency_id:
            raise RuleViolation(_("Hãy chọn một cơ quan khác."), code="same_agency")
        previous = fb.agency
        fb.agency = to_agency
        clock.set_limits(fb, now)
        return text, {"from_agency": previous.pk, "to_agency": to_agency.pk}

    return perform(Action.TRANSFER, actor=actor, feedback=feedback, apply=apply, at=at)


def request_supplement(feedback, *, actor, request: str, at=None) -> Feedback:
    """Ask the sender for missing information (within the supplement limit to count on time)."""

    def apply(fb, capacity, now):
        text = require_text(request, _("Hãy nêu thông tin cần bổ sung."), "no_request")
        fb.supplement_requested_at = now
        return text, {}

    return perform(Action.REQUEST_SUPPLEMENT, actor=actor, feedback=feedback, apply=apply, at=at)


def record_supplement(feedback, *, actor, text: str, tracking_token: str = "", at=None) -> Feedback:
    """The sender's additional information, given online by the author, by whoever holds the
    feedback's tracking code (an anonymous sender), or recorded by an officer. Reading to
    confirm: the limits run again from its receipt, as for a new receipt."""
    capacity = sender_capacity(actor, feedback, tracking_token)

    def apply(fb, capacity, now):
        content = require_text(text, _("Hãy nhập thông tin bổ sung."), "no_supplement")
        clock.set_limits(fb, now)
        return content, {}

    return perform(
        Action.RECORD_SUPPLEMENT,
        actor=actor,
        feedback=feedback,
        apply=apply,
        capacity=capacity,
        at=at,
    )


def refuse(feedback, *, actor, reason: str, at=None) -> Feedback:
    """Refuse to handle it (outside competence, anonymous abuse…), with reasons."""

    def apply(fb, capacity, now):
        text = require_text(reason, _("Hãy nêu lý do từ chối."), "no_reason")
        fb.refusal_reason = text
        fb.finished_at = now
        fb.finished_due_at = fb.refuse_due_at
        return text, {}

    return perform(Action.REFUSE, actor=actor, feedback=feedback, apply=apply, at=at)


def answer(feedback, *, actor, text: str, at=None) -> Feedback:
    """Answer it; the publication limit starts."""

    def apply(fb, capacity, now):
        fb.answer = require_text(text, _("Hãy nhập nội dung trả lời."), "no_answer")
        fb.answered_by = actor
        fb.finished_at = now
        fb.finished_due_at = fb.answer_due_at
        fb.publish_due_at = clock.limit_end(now, fb.rules.publish_days, fb.rules, fb.agency)
        return "", {"on_time": now <= fb.answer_due_at}

    return perform(Action.ANSWER, actor=actor, feedback=feedback, apply=apply, at=at)


def publish(feedback, *, actor, at=None) -> Feedback:
    """Make the answer public on the portal."""

    def apply(fb, capacity, now):
        fb.published_at = now
        return "", {"on_time": now <= fb.publish_due_at}

    return perform(Action.PUBLISH, actor=actor, feedback=feedback, apply=apply, at=at)


def mark_repeat_complaint(feedback, *, actor, reason: str, at=None) -> Feedback:
    """Record that the sender complains again about the result (766 indicator 5.3)."""

    def apply(fb, capacity, now):
        text = require_text(reason, _("Hãy ghi nội dung phản ánh lại."), "no_reason")
        if fb.repeat_complaint:
            raise RuleViolation(_("Đã ghi nhận phản ánh lại về kết quả."), code="already_repeat")
        fb.repeat_complaint = True
        return text, {}

    return perform(Action.MARK_REPEAT, actor=actor, feedback=feedback, apply=apply, at=at)


def voter_key(request) -> str:
    """Who votes: the account when signed in, otherwise the browser session (created here)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if request.session.session_key is None:
        request.session.save()
    return f"session:{request.session.session_key}"


def vote(feedback, *, actor, voter: str, choice: str, at=None) -> Feedback:
    """Like or dislike a published answer, once per account or session."""
    if choice not in Vote.values:
        raise RuleViolation(_("Lựa chọn không hợp lệ."), code="bad_vote")

    def apply(fb, capacity, now):
        if FeedbackVote.objects.filter(feedback=fb, voter_key=voter).exists():
            raise RuleViolation(_("Bạn đã bày tỏ ý kiến về trả lời này."), code="already_voted")
        FeedbackVote.objects.create(feedback=fb, voter_key=voter, vote=choice, at=now)
        counter = "likes" if choice == Vote.LIKE else "dislikes"
        setattr(fb, counter, F(counter) + 1)
        return "", {"vote": choice}

    result = perform(
        Action.VOTE,
        actor=actor,
        feedback=feedback,
        apply=apply,
        capacity=Capacity(unit=None, role=""),
        at=at,
    )
    result.refresh_from_db(fields=["likes", "dislikes"])
    return result

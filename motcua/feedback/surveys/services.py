"""Use cases of surveys: a manager creates, edits (until the first answer), closes a campaign
and sends its SMS invitations; a citizen answers once per dossier, SMS token or counter visit.
Each is one transaction with its audit entry. Answers are kept in their own tables and never
touch the per-dossier ratings (``Rating``) that the satisfaction indicators count."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.dossiers.models import Dossier
from motcua.notifications.constants import Channel, Topic
from motcua.notifications.services import enqueue_message

from ..access import RATABLE
from ..errors import RuleViolation
from ..models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from . import access
from .constants import (
    CHOICE_KINDS,
    COUNTER_PAUSE,
    SCALE_POINTS,
    SMS_SALT,
    VISIT_LIFETIME,
    VISIT_SALT,
    QuestionKind,
    SurveyChannel,
)


@dataclass
class QuestionInput:
    kind: str
    text: str
    options: list[str]
    required: bool = True


def _check(agency, units, starts_on, ends_on, channels, questions) -> None:
    if ends_on < starts_on:
        raise RuleViolation(_("Ngày kết thúc phải sau ngày bắt đầu."), code="bad_period")
    if not units:
        raise RuleViolation(_("Hãy chọn ít nhất một đơn vị được khảo sát."), code="no_unit")
    outside = [u.display_name for u in units if not u.path.startswith(agency.path)]
    if outside:
        raise RuleViolation(
            _("Đơn vị ngoài phạm vi đơn vị tổ chức: %(units)s") % {"units": ", ".join(outside)},
            code="unit_outside",
        )
    if not channels or set(channels) - set(SurveyChannel.values):
        raise RuleViolation(_("Hãy chọn ít nhất một kênh khảo sát."), code="no_channel")
    if not questions:
        raise RuleViolation(_("Đợt khảo sát cần ít nhất một câu hỏi."), code="no_question")
    for q in questions:
        if q.kind in CHOICE_KINDS and len(q.options) < 2:
            raise RuleViolation(
                _("Câu hỏi “%(text)s” cần ít nhất hai lựa chọn.") % {"text": q.text},
                code="few_options",
            )


def _write_questions(survey: Survey, questions: Sequence[QuestionInput]) -> None:
    survey.questions.all().delete()
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            order=i,
            kind=q.kind,
            text=q.text.strip(),
            options=[o.strip() for o in q.options if o.strip()] if q.kind in CHOICE_KINDS else [],
            required=q.required,
        )
        for i, q in enumerate(questions, start=1)
    )


def create_survey(
    *,
    actor,
    code: str,
    title: str,
    agency,
    units,
    starts_on: datetime.date,
    ends_on: datetime.date,
    channels: Sequence[str],
    questions: Sequence[QuestionInput],
    intro: str = "",
    at: datetime.datetime | None = None,
) -> Survey:
    """A manager of ``agency`` (or of a parent unit) starts a campaign."""
    now = at or timezone.now()
    access.require_organiser(actor, agency)
    units = list(units)
    _check(agency, units, starts_on, ends_on, channels, questions)
    with transaction.atomic():
        # "office" would shadow the managers' pages in the links.
        if code == "office" or Survey.objects.filter(code=code).exists():
            raise RuleViolation(_("Mã đợt khảo sát đã được dùng."), code="code_taken")
        survey = Survey.objects.create(
            code=code,
            title=title.strip(),
            intro=intro.strip(),
            agency=agency,
            starts_on=starts_on,
            ends_on=ends_on,
            channels=list(dict.fromkeys(channels)),
            created_by=actor,
            created_at=now,
        )
        survey.units.set(units)
        _write_questions(survey, questions)
        audit.record(actor=actor, verb="feedback.survey.create", obj=survey, at=now, code=code)
    return survey


def update_survey(
    survey: Survey,
    *,
    actor,
    title: str,
    units,
    starts_on: datetime.date,
    ends_on: datetime.date,
    channels: Sequence[str],
    questions: Sequence[QuestionInput],
    intro: str = "",
    at: datetime.datetime | None = None,
) -> Survey:
    """Change a campaign nobody has answered yet; once answered it may only be closed early."""
    now = at or timezone.now()
    access.require_organiser(actor, survey.agency)
    units = list(units)
    _check(survey.agency, units, starts_on, ends_on, channels, questions)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.responses.exists():
            raise RuleViolation(
                _(
                    "Đợt khảo sát đã có người trả lời nên không sửa được nữa; "
                    "chỉ có thể kết thúc sớm."
                ),
                code="has_answers",
            )
        if locked.closed_at is not None:
            raise RuleViolation(_("Đợt khảo sát đã kết thúc."), code="closed")
        locked.title, locked.intro = title.strip(), intro.strip()
        locked.starts_on, locked.ends_on = starts_on, ends_on
        locked.channels = list(dict.fromkeys(channels))
        locked.save()
        locked.units.set(units)
        _write_questions(locked, questions)
        audit.record(actor=actor, verb="feedback.survey.update", obj=locked, at=now)
    return locked


def close_survey(survey: Survey, *, actor, at: datetime.datetime | None = None) -> Survey:
    """End the campaign before its last day; answers after this are refused."""
    now = at or timezone.now()
    access.require_organiser(actor, survey.agency)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.closed_at is not None or timezone.localdate(now) > locked.ends_on:
            raise RuleViolation(_("Đợt khảo sát đã kết thúc."), code="closed")
        locked.closed_at = now
        locked.save(update_fields=["closed_at"])
        audit.record(actor=actor, verb="feedback.survey.close", obj=locked, at=now)
    return locked


def require_open(survey: Survey, now: datetime.datetime) -> None:
    """Refuse an answer outside the campaign's period, or after it was closed early."""
    day = timezone.localdate(now)
    if survey.closed_at is not None and survey.closed_at <= now:
        raise RuleViolation(
            _("Đợt khảo sát đã kết thúc ngày %(day)s. Cảm ơn bạn đã quan tâm.")
            % {"day": timezone.localtime(survey.closed_at).strftime("%d/%m/%Y")},
            code="closed",
        )
    if day < survey.starts_on:
        raise RuleViolation(
            _("Đợt khảo sát bắt đầu nhận ý kiến từ ngày %(day)s.")
            % {"day": survey.starts_on.strftime("%d/%m/%Y")},
            code="not_started",
        )
    if day > survey.ends_on:
        raise RuleViolation(
            _("Đợt khảo sát đã kết thúc ngày %(day)s. Cảm ơn bạn đã quan tâm.")
            % {"day": survey.ends_on.strftime("%d/%m/%Y")},
            code="closed",
        )


def require_channel(survey: Survey, channel: str) -> None:
    if channel not in survey.channels:
        raise RuleViolation(
            _("Đợt khảo sát này không nhận ý kiến qua kênh này."), code="channel_closed"
        )


# --- SMS links -----------------------------------------------------------------------------


def sms_token(invitation: SurveyInvitation) -> str:
    # No timestamp: the link lives as long as the campaign's period; the same link every time.
    return signing.Signer(salt=SMS_SALT).sign_object(
        {"i": invitation.pk, "s": invitation.survey_id}
    )


def invitation_from_token(survey: Survey, token: str) -> SurveyInvitation:
    """The invitation ``token`` was signed for, in ``survey``; DoesNotExist for a forged or
    altered token, or one of another campaign."""
    try:
        data = signing.Signer(salt=SMS_SALT).unsign_object(token)
    except signing.BadSignature:
        raise SurveyInvitation.DoesNotExist from None
    if data.get("s") != survey.pk:
        raise SurveyInvitation.DoesNotExist
    return SurveyInvitation.objects.select_related("dossier__receiving_unit").get(
        pk=data.get("i"), survey=survey
    )


def finished_dossiers(survey: Survey, until: datetime.datetime):
    """Dossiers received by a covered unit whose result came out in the period (up to
    ``until``): who the SMS invitations go to, and the base of the after-result rate."""
    start = timezone.make_aware(datetime.datetime.combine(survey.starts_on, datetime.time()))
    end = timezone.make_aware(
        datetime.datetime.combine(survey.ends_on + datetime.timedelta(days=1), datetime.time())
    )
    paths = [u.path for u in survey.units.all()]
    qs = Dossier.objects.filter(
        status__in=RATABLE, finished_at__gte=start, finished_at__lt=min(end, until)
    )
    from django.db.models import Q

    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(receiving_unit__path__startswith=path)
    return qs.filter(condition)


def invite_by_sms(survey: Survey, *, actor, at: datetime.datetime | None = None) -> int:
    """Send one SMS link to each applicant's phone of a dossier finished in the period so far
    (the latest dossier of that phone), through the notifications outbox; a phone already
    invited is skipped, so running it again later reaches only the new ones."""
    now = at or timezone.now()
    access.require_organiser(actor, survey.agency)
    require_channel(survey, SurveyChannel.SMS)
    require_open(survey, now)
    from django.conf import settings
    from django.urls import reverse

    created = 0
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        invited = set(locked.invitations.values_list("phone", flat=True))
        # Whoever already answered about that dossier (after its result) is not asked again.
        answered = set(locked.responses.exclude(dossier=None).values_list("dossier_id", flat=True))
        latest: dict[str, Dossier] = {}
        for dossier in (
            finished_dossiers(locked, now).exclude(applicant_phone="").order_by("finished_at", "pk")
        ):
            latest["".join(dossier.applicant_phone.split())] = dossier
        for phone, dossier in latest.items():
            if phone in invited or dossier.pk in answered:
                continue
            invitation = SurveyInvitation.objects.create(
                survey=locked, dossier=dossier, phone=phone, created_at=now
            )
            url = settings.SITE_URL + reverse(
                "feedback:surveys:sms", args=[locked.code, sms_token(invitation)]
            )
            body = _("%(unit)s mời bạn góp ý về dịch vụ công (hồ sơ %(code)s): %(url)s") % {
                "unit": dossier.receiving_unit.name,
                "code": dossier.code,
                "url": url,
            }
            invitation.delivery = enqueue_message(
                dossier=dossier,
                topic=Topic.SURVEY_INVITATION,
                channel=Channel.SMS,
                recipient=phone,
                body=body,
                at=now,
            )
            invitation.save(update_fields=["delivery"])
            created += 1
        audit.record(
            actor=actor, verb="feedback.survey.invite", obj=locked, at=now, invited=created
        )
    return created


# --- Counter visits ------------------------------------------------------------------------


def new_visit(survey: Survey, unit) -> str:
    """A signed, single-use key for one opening of the counter page."""
    return signing.dumps({"s": survey.pk, "u": unit.pk, "n": secrets.token_hex(8)}, salt=VISIT_SALT)


def check_visit(survey: Survey, unit, visit: str) -> str:
    try:
        data = signing.loads(visit, salt=VISIT_SALT, max_age=VISIT_LIFETIME)
    except signing.BadSignature:
        raise RuleViolation(
            _("Phiếu đã quá thời gian; mời bạn mở lại trang khảo sát."), code="stale_visit"
        ) from None
    if data.get("s") != survey.pk or data.get("u") != unit.pk:
        raise RuleViolation(_("Phiếu không hợp lệ."), code="bad_visit")
    return data["n"]


def answered_just_now(device: str) -> bool:
    """The counter's anti-repeat pause: the same browser answered a moment ago."""
    return cache.get(f"survey-counter:{device}") is not None


def note_counter_answer(device: str) -> None:
    cache.set(f"survey-counter:{device}", 1, COUNTER_PAUSE.seconds)


# --- Answers -------------------------------------------------------------------------------


def _clean_answers(survey: Survey, raw: Mapping[int, object]) -> list[SurveyAnswer]:
    """``raw`` maps a question's id to its answer: a list of option numbers, a point, a text."""
    answers = []
    for question in survey.questions.all():
        value = raw.get(question.pk)
        answer = SurveyAnswer(question=question)
        if question.kind in CHOICE_KINDS:
            picked = sorted({int(v) for v in (value or [])})
            if any(not 0 <= v < len(question.options) for v in picked) or (
                question.kind == QuestionKind.SINGLE and len(picked) > 1
            ):
                raise RuleViolation(
                    _("Lựa chọn không hợp lệ: %(text)s") % {"text": question.text},
                    code="bad_answer",
                )
            answer.choices = picked
            empty = not picked
        elif question.kind == QuestionKind.SCALE:
            if value not in (None, "") and int(value) not in SCALE_POINTS:
                raise RuleViolation(
                    _("Hãy chọn từ 1 đến 5: %(text)s") % {"text": question.text},
                    code="bad_answer",
                )
            answer.points = int(value) if value not in (None, "") else None
            empty = answer.points is None
        else:
            answer.text = str(value or "").strip()[:2000]
            empty = not answer.text
        if empty and question.required:
            raise RuleViolation(
                _("Hãy trả lời: %(text)s") % {"text": question.text}, code="missing_answer"
            )
        if not empty:
            answers.append(answer)
    return answers


def answer_survey(
    survey: Survey,
    *,
    channel: str,
    unit,
    answers: Mapping[int, object],
    actor=None,
    dossier: Dossier | None = None,
    invitation: SurveyInvitation | None = None,
    visit: str = "",
    at: datetime.datetime | None = None,
) -> SurveyResponse:
    """Record one answer. The channel's key (dossier, SMS invitation or counter visit) answers
    once; the unique constraints hold that against two simultaneous sends as well."""
    now = at or timezone.now()
    require_open(survey, now)
    require_channel(survey, channel)
    cleaned = _clean_answers(survey, answers)
    if invitation is not None:
        dossier = invitation.dossier
    try:
        with transaction.atomic():
            if (
                invitation is not None
                and SurveyResponse.objects.filter(invitation=invitation).exists()
            ):
                raise RuleViolation(
                    _("Đường dẫn này đã được dùng để trả lời; mỗi đường dẫn chỉ trả lời một lần."),
                    code="already_answered",
                )
            if (
                dossier is not None
                and SurveyResponse.objects.filter(survey=survey, dossier=dossier).exists()
            ):
                raise RuleViolation(
                    _("Bạn đã trả lời khảo sát này cho hồ sơ %(code)s. Cảm ơn bạn.")
                    % {"code": dossier.code},
                    code="already_answered",
                )
            response = SurveyResponse.objects.create(
                survey=survey,
                unit=unit,
                channel=channel,
                dossier=dossier,
                invitation=invitation,
                visit=visit,
                answered_at=now,
            )
            for answer in cleaned:
                answer.response = response
            SurveyAnswer.objects.bulk_create(cleaned)
            if actor is not None and getattr(actor, "is_authenticated", False):
                audit.record(
                    actor=actor,
                    verb="feedback.survey.answer",
                    obj=response,
                    at=now,
                    code=survey.code,
                    channel=channel,
                )
    except IntegrityError:
        raise RuleViolation(
            _("Phiếu này đã được gửi; mỗi lượt chỉ trả lời một lần."), code="already_answered"
        ) from None
    return response

"""The citizen's survey pages: answering about one's own dossier with a result, through an SMS
link, or on the counter's public page; then a thank-you page. A refused answer (outside the
period, already answered, closed early) says why in plain words."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.dossiers.models import Dossier
from motcua.portal.access import applicant_required

from ..errors import FeedbackError, RuleViolation
from ..models import Survey, SurveyInvitation, SurveyResponse
from . import access, services
from .constants import SurveyChannel
from .forms import AnswerForm


def _survey_or_404(code) -> Survey:
    try:
        return Survey.objects.select_related("agency").get(code=code)
    except Survey.DoesNotExist:
        raise Http404 from None


def _answer_page(request, survey, *, channel, unit, subject="", done=None, extra=None, **keys):
    """Shared by the three channels: the form, or why it cannot be answered."""
    context = {"survey": survey, "unit": unit, "subject": subject, "channel": channel}
    context.update(extra or {})
    problem = None
    try:
        services.require_open(survey, timezone.now())
        services.require_channel(survey, channel)
    except FeedbackError as error:
        problem = error.messages[0]
    invitation = keys.get("invitation")
    dossier = keys.get("dossier") or (invitation.dossier if invitation else None)
    if (
        problem is None
        and dossier is not None
        and SurveyResponse.objects.filter(survey=survey, dossier=dossier).exists()
    ):
        problem = _("Bạn đã trả lời khảo sát này cho hồ sơ %(code)s. Cảm ơn bạn.") % {
            "code": dossier.code
        }
    if problem is not None:
        context["problem"] = problem
        status = 200 if request.method == "GET" else 409
        return render(request, "feedback/surveys/answer.html", context, status=status)
    form = AnswerForm(request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_survey(
                survey,
                channel=channel,
                unit=unit,
                answers=form.answers(),
                actor=request.user,
                **keys,
            )
        except FeedbackError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            return redirect(done or "feedback:surveys:thanks", code=survey.code)
    context["form"] = form
    return render(request, "feedback/surveys/answer.html", context)


@applicant_required
def by_dossier(request, code, dossier_code):
    """After the result: the applicant answers about their own dossier, once."""
    survey = _survey_or_404(code)
    try:
        dossier, unit = access.dossier_for_answer(request.user, survey, dossier_code)
    except Dossier.DoesNotExist:
        raise Http404 from None
    except FeedbackError as error:
        context = {"survey": survey, "problem": error.messages[0], "channel": "result"}
        return render(request, "feedback/surveys/answer.html", context, status=409)
    subject = _("Hồ sơ %(code)s – %(unit)s") % {"code": dossier.code, "unit": unit.display_name}
    return _answer_page(
        request, survey, channel=SurveyChannel.RESULT, unit=unit, subject=subject, dossier=dossier
    )


def by_sms(request, code, token):
    """The link of an SMS invitation: whoever holds it answers once, about its dossier."""
    survey = _survey_or_404(code)
    try:
        invitation = services.invitation_from_token(survey, token)
    except SurveyInvitation.DoesNotExist:
        raise Http404 from None
    if SurveyResponse.objects.filter(invitation=invitation).exists():
        context = {
            "survey": survey,
            "channel": "sms",
            "problem": _(
                "Đường dẫn này đã được dùng để trả lời; mỗi đường dẫn chỉ trả lời một lần."
            ),
        }
        return render(request, "feedback/surveys/answer.html", context, status=409)
    dossier = invitation.dossier
    unit = access.covered_unit(survey, dossier.receiving_unit) or dossier.receiving_unit
    subject = _("Hồ sơ %(code)s – %(unit)s") % {"code": dossier.code, "unit": unit.display_name}
    return _answer_page(
        request,
        survey,
        channel=SurveyChannel.SMS,
        unit=unit,
        subject=subject,
        invitation=invitation,
    )


def _device(request) -> str:
    if request.session.session_key is None:
        request.session.save()
    return request.session.session_key


def at_counter(request, code, unit_code):
    """The counter's public page bound to a covered unit: one answer per visit (a signed,
    single-use key given with the form) and a short pause between two answers of one device."""
    survey = _survey_or_404(code)
    unit = Agency.objects.filter(code=unit_code).first()
    if unit is None or unit not in survey.units.all():
        raise Http404
    visit = request.POST.get("visit", "") or services.new_visit(survey, unit)
    nonce = ""
    if request.method == "POST":
        try:
            nonce = services.check_visit(survey, unit, visit)
            if services.answered_just_now(_device(request)):
                raise RuleViolation(
                    _("Phiếu vừa được gửi từ thiết bị này; mời bạn chờ giây lát rồi mở lại."),
                    code="too_soon",
                )
        except FeedbackError as error:
            context = {
                "survey": survey,
                "unit": unit,
                "channel": "counter",
                "problem": error.messages[0],
                "counter_again": True,
            }
            return render(request, "feedback/surveys/answer.html", context, status=409)
    response = _answer_page(
        request,
        survey,
        channel=SurveyChannel.COUNTER,
        unit=unit,
        subject=unit.display_name,
        done="feedback:surveys:counter_thanks",
        extra={"visit": visit},
        visit=nonce,
    )
    if response.status_code == 302:
        services.note_counter_answer(_device(request))
        response["Location"] += f"?unit={unit.code}"
    return response


def thanks(request, code):
    survey = _survey_or_404(code)
    return render(request, "feedback/surveys/thanks.html", {"survey": survey})


def counter_thanks(request, code):
    """After a counter answer: thanks, and a fresh form for the next person."""
    survey = _survey_or_404(code)
    unit = Agency.objects.filter(code=request.GET.get("unit", "")).first()
    if unit is not None and unit not in survey.units.all():
        unit = None
    return render(request, "feedback/surveys/thanks.html", {"survey": survey, "unit": unit})

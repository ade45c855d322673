"""The manager's survey pages: the campaigns of their subtree, creating and editing one (until
its first answer), closing it early, sending its SMS links, its results with charts, and the
answers as CSV or XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.audit import services as audit
from motcua.audit.models import AuditAction
from motcua.backoffice.access import officer_required
from motcua.reports.exports import writers as exports

from ..errors import FeedbackError
from ..models import Survey
from ..views._shared import refused
from . import access, results, services
from .forms import AnswerForm, QuestionFormSet, SurveyForm, question_initial

EXPORT_FORMATS = ("csv", "xlsx")


def _managed_or_404(user, code) -> Survey:
    try:
        return access.get_survey_for(user, code)
    except Survey.DoesNotExist:
        raise Http404 from None


def _require_manager(user) -> None:
    if not access.manager_roots(user):
        raise PermissionDenied


@officer_required
def index(request):
    _require_manager(request.user)
    surveys = access.readable(request.user).select_related("agency").prefetch_related("units")
    return render(
        request,
        "feedback/surveys/office_list.html",
        {"surveys": surveys, "today": timezone.localdate()},
    )


def _questions(formset):
    return [q for q in (f.as_input() for f in formset.forms if f.is_valid()) if q is not None]


def _edit_page(request, survey=None):
    organisers = access.organisers(request.user)
    initial = None
    if survey is not None:
        initial = {
            "code": survey.code,
            "title": survey.title,
            "intro": survey.intro,
            "agency": survey.agency,
            "units": list(survey.units.all()),
            "starts_on": survey.starts_on,
            "ends_on": survey.ends_on,
            "channels": survey.channels,
        }
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data, initial=initial, organisers=organisers, editing=survey is not None)
    formset = QuestionFormSet(data, initial=question_initial(survey), prefix="q")
    if data is not None and form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        common = dict(
            actor=request.user,
            title=d["title"],
            intro=d["intro"],
            units=d["units"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            channels=d["channels"],
            questions=_questions(formset),
        )
        try:
            if survey is None:
                survey = services.create_survey(code=d["code"], agency=d["agency"], **common)
            else:
                survey = services.update_survey(survey, **common)
        except FeedbackError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("Đã lưu đợt khảo sát."))
            return redirect("feedback:surveys:results", code=survey.code)
    return render(
        request,
        "feedback/surveys/office_edit.html",
        {"form": form, "formset": formset, "survey": survey},
    )


@officer_required
def create(request):
    _require_manager(request.user)
    return _edit_page(request)


@officer_required
def edit(request, code):
    survey = _managed_or_404(request.user, code)
    if survey.responses.exists() or survey.closed_at is not None:
        messages.error(
            request,
            _("Đợt khảo sát đã có người trả lời nên không sửa được nữa; chỉ có thể kết thúc sớm."),
        )
        return redirect("feedback:surveys:results", code=code)
    return _edit_page(request, survey)


@officer_required
@require_POST
def close(request, code):
    survey = _managed_or_404(request.user, code)
    try:
        services.close_survey(survey, actor=request.user)
    except FeedbackError as error:
        refused(request, error)
    else:
        messages.success(request, _("Đã kết thúc đợt khảo sát."))
    return redirect("feedback:surveys:results", code=code)


@officer_required
@require_POST
def invite(request, code):
    survey = _managed_or_404(request.user, code)
    try:
        sent = services.invite_by_sms(survey, actor=request.user)
    except FeedbackError as error:
        refused(request, error)
    else:
        messages.success(request, _("Đã đưa %(n)d tin nhắn mời vào hàng đợi gửi.") % {"n": sent})
    return redirect("feedback:surveys:results", code=code)


def _scope_or_404(request, code):
    """(campaign, the units shown, the unit chosen or None for all, whether the reader manages
    the campaign). A reader limited to some covered units always sees one of them."""
    try:
        survey, allowed = access.results_scope(request.user, code)
    except Survey.DoesNotExist:
        raise Http404 from None
    units = list(survey.units.all()) if allowed is None else allowed
    asked = request.GET.get("unit", "")
    unit = next((u for u in units if u.code == asked), None)
    if asked and unit is None:
        raise Http404
    if unit is None and allowed is not None:
        unit = units[0]
    return survey, units, unit, allowed is None


@officer_required
def results_page(request, code):
    survey, units, unit, manages = _scope_or_404(request, code)
    return render(
        request,
        "feedback/surveys/results.html",
        {
            "survey": survey,
            "result": results.build(survey, unit),
            "units": units,
            "unit": unit,
            "manages": manages,
            "editable": manages and not survey.responses.exists() and survey.closed_at is None,
            "open": manages and survey.closed_at is None and survey.ends_on >= timezone.localdate(),
            "preview": AnswerForm(survey=survey),
            "formats": EXPORT_FORMATS,
        },
    )


@officer_required
def export(request, code, fmt):
    survey, _units, unit, _manages = _scope_or_404(request, code)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    table = results.answers_table(survey, unit)
    writer = exports.to_csv if fmt == "csv" else exports.to_xlsx
    audit.record(
        actor=request.user,
        verb="feedback.survey.export",
        obj=survey,
        action=AuditAction.EXPORT,
        count=len(table.rows),
    )
    response = HttpResponse(writer(table), content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, f"khao-sat-{survey.code}.{fmt}"
    )
    return response

"""Online submission, step by step: where, who and what, papers, how the result comes back,
review and submit. Every step saves the draft, so the applicant can stop and resume at any
time; a failed upload or a validation error keeps everything already entered."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.catalog import answers
from motcua.catalog import selectors as catalog
from motcua.catalog.answer_fields import initial_answers
from motcua.catalog.constants import OnlineLevel
from motcua.catalog.forms import PREFIX
from motcua.documents.bodylimit import accepts_uploads
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier

from . import datastore, drafting, population, representation
from .access import applicant_required
from .submission_forms import ApplicantForm, DeliveryForm, DocumentsForm, WhereForm

STEP_NAMES = [name for name, _label in drafting.STEPS]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _draft(request, draft_id: int) -> Dossier:
    try:
        return drafting.get_draft(request.user, draft_id)
    except Dossier.DoesNotExist as missing:
        raise Http404(_("Không tìm thấy hồ sơ nháp.")) from missing


def _go_on(draft: Dossier, step: str) -> str:
    index = STEP_NAMES.index(step) + 1
    if index < len(STEP_NAMES):
        return redirect("portal:draft_step", draft_id=draft.pk, step=STEP_NAMES[index])
    return redirect("portal:draft_review", draft_id=draft.pk)


def _saved_or_next(request, draft: Dossier, step: str):
    if "save" in request.POST:
        messages.success(request, _("Đã lưu bản nháp. Bạn có thể làm tiếp lúc khác."))
        return redirect("portal:dossiers")
    return _go_on(draft, step)


def _where_form(request, version, initial=None):
    resolving = drafting.resolving_choices(version)
    desks = drafting.desk_choices()
    return WhereForm(
        request.POST or None,
        resolving=resolving,
        desks=desks,
        version=version,
        initial=initial or {},
    )


@applicant_required
@require_http_methods(["GET", "POST"])
def start(request, procedure_code: str):
    """Begin an application for the procedure in force, or resume a saved draft of it."""
    version = catalog.published_version_on(procedure_code)
    if version is None or version.online_level == OnlineLevel.NONE:
        raise Http404(_("Thủ tục này không nộp trực tuyến được."))
    form = _where_form(request, version)
    if request.method == "POST" and form.is_valid():
        try:
            draft = drafting.start(request.user, version, **form.cleaned_data)
        except DossierError as error:
            form.add_error(None, error)
        else:
            return _go_on(draft, "where")
    return render(
        request,
        "portal/apply/start.html",
        {"version": version, "form": form, "drafts": drafting.drafts_of(request.user, version)},
    )


def _step_form(request, draft, step):
    data, files = request.POST or None, request.FILES or None
    if step == "where":
        return _where_form(
            request,
            draft.procedure_version,
            {"resolving_agency": draft.resolving_agency, "receiving_unit": draft.receiving_unit},
        )
    if step == "applicant":
        contact = draft.form_data.get("contact") or {
            "phone": draft.applicant_phone,
            "email": draft.applicant_email,
            "address": draft.applicant_address,
        }
        specs = answers.fields_of(draft.procedure_version)
        quantities = {
            f"{PREFIX}{key}": value for key, value in draft.form_data.get("quantities", {}).items()
        }
        return ApplicantForm(
            data,
            initial=contact | initial_answers(specs, draft.form_data.get("fields")) | quantities,
            specs=specs,
            applicant_birth_date=drafting.applicant_of(request.user, draft).birth_date,
            quantities=drafting.quantity_fields(draft.procedure_version),
            representation=representation.form_for(request.user, draft, data, files),
        )
    if step == "documents":
        version, verified = draft.procedure_version, draft.vneid_verified
        catalog.prefetch_components(version)  # listed, demanded, waived: one read
        return DocumentsForm(
            data,
            files,
            components=version.components.all(),
            store_items=lambda: datastore.items_for(request.user),
            store_among=lambda ids: datastore.items_among(request.user, ids),
            attached=drafting.attached(request.user, draft),
            demanded=catalog.components_demanded(version, vneid_verified=verified),
            waived=catalog.components_waived(version, vneid_verified=verified),
            check_missing=bool(data) and "save" not in data,
        )
    return DeliveryForm(
        data,
        version=draft.procedure_version,
        initial={
            "delivery": draft.delivery,
            "delivery_address": draft.delivery_address or draft.applicant_address,
            "postal_recipient": draft.form_data.get("postal", {}).get("recipient", ""),
            "postal_phone": draft.form_data.get("postal", {}).get("phone", ""),
        },
    )


SAVERS = {
    "where": drafting.save_where,
    "applicant": drafting.save_applicant,
    "delivery": drafting.save_delivery,
}


@accepts_uploads
@applicant_required
@require_http_methods(["GET", "POST"])
def step(request, draft_id: int, step: str):
    if step not in STEP_NAMES:
        raise Http404
    draft = _draft(request, draft_id)
    if step == "applicant" and population.BUTTON in request.POST:
        return _fill_from_register(request, draft)
    form = _step_form(request, draft, step)
    if request.method == "POST":
        version_seen = _int(request.POST.get("version"))
        try:
            if step == "documents":
                # Valid uploads are kept even when another component's file was refused.
                valid = form.is_valid()
                draft = drafting.save_documents(
                    request.user, draft, form, expected_version=version_seen
                )
                if valid:
                    return _saved_or_next(request, draft, step)
                form.attached = drafting.attached(request.user, draft)
            elif form.is_valid():
                draft = SAVERS[step](
                    request.user, draft, form.cleaned_data, expected_version=version_seen
                )
                return _saved_or_next(request, draft, step)
        except DossierError as error:
            form.add_error(None, error)
    return _render_step(request, draft, form, step)


def _render_step(request, draft, form, step, notice=None):
    context = {"draft": draft, "form": form, "steps": drafting.STEPS, "current": step}
    if step == "applicant":
        context["population"] = population.offer(request.user, draft, notice)
    return render(request, f"portal/apply/{step}.html", context)


def _fill_from_register(request, draft):
    """The applicant step re-shown with what the register answered (nothing typed is lost)."""
    if not population.services.may_look_up_own(request.user):
        raise PermissionDenied
    data = request.POST.copy()
    draft, notice = population.look_up(request.user, draft, data)
    # Unbound, so that what is still missing is not shown as an error before "Tiếp tục".
    form = ApplicantForm(
        specs=answers.fields_of(draft.procedure_version),
        applicant_birth_date=drafting.applicant_of(request.user, draft).birth_date,
        quantities=drafting.quantity_fields(draft.procedure_version),
    )
    form.initial = {name: value for name, value in data.items() if name in form.fields}
    return _render_step(request, draft, form, "applicant", notice)


@applicant_required
@require_http_methods(["GET", "POST"])
def review(request, draft_id: int):
    """Everything entered, one last look, then submit."""
    draft = _draft(request, draft_id)
    errors = []
    if request.method == "POST":
        try:
            dossier = drafting.submit(
                request.user, draft, expected_version=_int(request.POST.get("version"))
            )
        except DossierError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("Đã nộp hồ sơ. Mã hồ sơ của bạn là %(code)s.") % {"code": dossier.code},
            )
            return redirect("portal:dossier", code=dossier.code)
    attached = drafting.attached(request.user, draft)
    version = draft.procedure_version
    waived = {c.pk for c in catalog.components_waived(version, vneid_verified=draft.vneid_verified)}
    components = [
        (component, attached.get(component.pk), component.pk in waived)
        for component in version.components.all()
    ]
    fees = drafting.fee_estimate(draft)
    return render(
        request,
        "portal/apply/review.html",
        {
            "draft": draft,
            "errors": errors,
            "components": components,
            "applicant": drafting.applicant_of(request.user, draft),
            "answers": answers.dossier_answers(draft),
            "fees": fees,
            "a_fee_waived": any(fee.is_waived for fee in fees),
            "steps": drafting.STEPS,
            "current": "review",
        },
    )

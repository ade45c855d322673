"""Desk intake of walk-in and postal dossiers (tiếp nhận trực tiếp, qua bưu chính): find the
applicant, pick the procedure and the competent agency, check the documents off with their
scans, see the appointment time, then receive (taking the fees due at receipt in cash if the
officer ticks it), guide to a complete supplement, or refuse."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import CitizenProfile
from motcua.agencies.models import Agency
from motcua.catalog import boundary as boundary_lists
from motcua.catalog import paperless
from motcua.catalog import selectors as catalog
from motcua.documents.bodylimit import accepts_uploads
from motcua.dossiers import boundary, clock, services
from motcua.dossiers.constants import FileOrigin
from motcua.dossiers.errors import DossierError
from motcua.payments import services as payments
from motcua.payments.errors import PaymentError
from motcua.worktime.selectors import get_calendar

from . import applicants, officers, population, representative, uploads
from .access import officer_required
from .intake_forms import Decision, IntakeForm

RESULTS = 20
LOOKUP_LENGTH = 100


def _desks_or_403(user) -> list[Agency]:
    desks = officers.desk_units(user)
    if not desks:
        raise PermissionDenied
    return desks


@officer_required
def choose_procedure(request):
    """Step one: find the procedure the applicant asks for, as the portal's search does."""
    _desks_or_403(request.user)
    query = request.GET.get("q", "").strip()[:200]
    results = list(catalog.search(query)[:RESULTS]) if query else []
    return render(request, "backoffice/intake_choose.html", {"query": query, "results": results})


def _lookup(user, params) -> tuple[dict, list | None]:
    """Initial applicant values and, for a name, the pick list (None when no name was sought).
    Picking a row (``pick``, a dossier id) fills the form; see ``applicants`` for what an
    officer may find."""
    text = params.get("lookup", "").strip()[:LOOKUP_LENGTH]
    pick = params.get("pick", "")
    if pick.isdigit():
        return applicants.picked(user, int(pick)), None
    if not text:
        return {}, None
    if applicants.is_number(text):
        return applicants.by_number(user, text), None
    matches = applicants.by_name(user, text)
    # Nobody found: a new applicant, whose name the officer has just typed.
    return ({} if matches else {"applicant_name": text}), matches


def _birth_date_of(id_number: str):
    """The birth date of the applicant with a citizen account, for the form's date rules."""
    account = _account_for(id_number.strip()[:20])
    profile = getattr(account, "citizen_profile", None)
    return profile.date_of_birth if profile is not None else None


def _day(text):
    try:
        return datetime.datetime.strptime((text or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _account_for(id_number: str):
    if not id_number:
        return None
    profile = CitizenProfile.objects.select_related("user").filter(personal_id=id_number).first()
    return profile.user if profile is not None else None


def _applicant(user, data, authorisation_files=()) -> services.Applicant:
    account = _account_for(data["id_number"])
    profile = getattr(account, "citizen_profile", None)
    birth = profile.date_of_birth if profile is not None else data.get("applicant_birth_date")
    return services.Applicant(
        name=data["applicant_name"],
        kind=data["applicant_kind"],
        id_number=data["id_number"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        representative_name=data["representative_name"],
        representative_id_number=data["representative_id_number"],
        representative_position=data["representative_position"],
        representative_phone=data["representative_phone"],
        authorisation=representative.authorisation(data, authorisation_files),
        user=account,
        birth_date=birth,
        data_source=population.source(user, data),
    )


def _kept_files(request, form) -> dict[int, list]:
    """Files stored by an earlier try of this form, kept so the officer need not scan again."""
    return {
        c.pk: uploads.kept(request.POST.getlist(f"c{c.pk}_kept"), user=request.user)
        for c in form.components
    }


def _components(form, files_by_component) -> list[services.ComponentInput]:
    items = []
    for component in form.components:
        files = files_by_component.get(component.pk, [])
        originals = form.cleaned_data.get(f"c{component.pk}_originals") or 0
        copies = form.cleaned_data.get(f"c{component.pk}_copies") or 0
        if not (files or originals or copies):
            continue
        if form.cleaned_data.get(f"c{component.pk}_digitized"):
            origin = FileOrigin.SCANNED
        elif files:
            origin = FileOrigin.UPLOADED
        else:
            origin = FileOrigin.PAPER_ONLY
        items.append(
            services.ComponentInput(
                name=component.name,
                component=component,
                files=files,
                origin=origin,
                paper_originals=originals,
                paper_copies=copies,
            )
        )
    return items


def _appointment(version, agency, channel):
    """The appointment time if received now, with its explanation (as the receipt will
    compute it on the resolving agency's calendar)."""
    term = catalog.channel_term(version, channel)
    if term is None or agency is None:
        return None
    return clock.appointment(term, version.cutoff_time, get_calendar(agency), timezone.now())


def _decide(request, form, version, files_by_component, authorisation_files):
    data = form.cleaned_data
    walk_in = {
        "procedure_version": version,
        "receiving_unit": data["receiving_unit"],
        "resolving_agency": data["resolving_agency"],
        "applicant": _applicant(request.user, data, authorisation_files),
        "channel": data["channel"],
        "summary": data["summary"],
        "form_data": {"fields": form.typed_answers()},
    }
    if extras := population.applicant_extras(data):
        walk_in["form_data"]["applicant"] = extras
    key = data["idempotency_key"]
    decision = data["decision"]
    if decision == Decision.RECEIVE:
        receipt = walk_in | {
            "actor": request.user,
            "components": _components(form, files_by_component),
            "delivery": data["delivery"],
            "delivery_address": data["delivery_address"],
            "fee_quantities": form.fee_quantities(),
            "idempotency_key": key,
        }
        if form.collects_fees():
            # Received and paid in one transaction: the receipt, issued once, shows it paid.
            return payments.receive_with_cash_payment(**receipt)
        return services.receive(**receipt)
    if decision == Decision.SUPPLEMENT:
        return services.request_intake_supplement(
            None,
            actor=request.user,
            items=form.items(),
            reason=data["supplement_note"],
            idempotency_key=key,
            components=_components(form, files_by_component),
            delivery=data["delivery"],
            delivery_address=data["delivery_address"],
            **walk_in,
        )
    walk_in.pop("form_data")  # a refused dossier keeps no answers: nothing was checked
    return services.refuse_intake(
        None, actor=request.user, reason=data["refusal_reason"], idempotency_key=key, **walk_in
    )


@accepts_uploads
@officer_required
def intake(request, version_id: int):
    """Step two: the intake form for one procedure version."""
    desks = _desks_or_403(request.user)
    version = catalog.in_force().select_related("procedure").filter(pk=version_id).first()
    if version is None:
        raise Http404
    province = officers.province_of(desks[0])
    competent = catalog.executing_agencies(version, within=province).order_by("path")
    competent, routing = routable(competent, desks, version)
    desk_qs = Agency.objects.filter(pk__in=[d.pk for d in desks])
    kwargs = {"version": version, "desks": desk_qs, "agencies": competent}
    kept: dict[int, list] = {}
    authorisation_files: list = []
    matches = None
    notice = None
    if request.method == "POST":
        data = request.POST
        looking_up = data.get("decision") == Decision.POPULATION
        if looking_up:
            data = data.copy()
            notice = population.look_up(request.user, data, version, IntakeForm.answer_prefix)
        birth = _birth_date_of(data.get("id_number", "")) or _day(data.get("applicant_birth_date"))
        form = IntakeForm(data, request.FILES, applicant_birth_date=birth, **kwargs)
        kept = _kept_files(request, form)
        form.is_valid()
        # Valid scans are stored even when another field is wrong, and carried to the next
        # try as kept files: a rejected form never asks for a scan twice.
        for c in form.components:
            fresh = form.cleaned_data.get(f"c{c.pk}_files") or []
            kept[c.pk] = kept[c.pk] + uploads.store(fresh, user=request.user)
            if form.cleaned_data.get(f"c{c.pk}_digitized") and not kept[c.pk]:
                form.add_error(f"c{c.pk}_digitized", _("Hãy đính kèm bản quét của giấy tờ này."))
        authorisation_files = representative.scans(request, form)
        _check_representation(form, authorisation_files)
        if looking_up:
            # A look-up only fills the form: what is still missing is not an error yet.
            form.errors.clear()
        if _paper_refused(data, version, desk_qs):
            # No paper today: said at once, whatever else the form still lacks; the rule and
            # its decision are in the box at the top of the page, not repeated here.
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Hôm nay Bộ phận Một cửa không tiếp nhận hồ sơ giấy của thủ tục này (xem "
                    "khung ở đầu trang): hãy chọn “Nộp trực tuyến có hỗ trợ”."
                ),
            )
        if form.is_valid() and form.cleaned_data["decision"] in Decision.ACTING:
            try:
                dossier = _decide(request, form, version, kept, authorisation_files)
            except (DossierError, PaymentError) as error:
                form.add_error(None, error.messages)
            else:
                population.attach(form.cleaned_data.get("population_token", ""), dossier)
                messages.success(
                    request,
                    _("Đã ghi nhận hồ sơ %(code)s: %(status)s.")
                    % {"code": dossier.code, "status": dossier.get_status_display()},
                )
                return redirect("backoffice:dossier", code=dossier.code)
    else:
        own = competent.filter(pk__in=[d.pk for d in desks]).first() or competent.first()
        initial = {"receiving_unit": desks[0], "resolving_agency": own}
        found, matches = _lookup(request.user, request.GET)
        initial |= found
        form = IntakeForm(initial=initial, **kwargs)
    form.fields["resolving_agency"].help_text = routing
    agency = _bound_choice(form, "resolving_agency", competent)
    channel = form["channel"].value() or "direct"
    desk = _bound_choice(form, "receiving_unit", desk_qs) or desks[0]
    rule = paperless.paperless_rule(
        desk, version, timezone.localdate(), form["applicant_kind"].value() or ""
    )
    context = {
        "form": form,
        "version": version,
        "term": catalog.channel_term(version, channel),
        "appointment": _appointment(version, agency, channel),
        "kept": kept,
        "authorisation_kept": authorisation_files,
        "lookup": request.GET.get("lookup", "").strip()[:LOOKUP_LENGTH],
        "matches": matches,
        "population": notice,
        "paperless": paperless.refusal_text(rule, version) if rule else "",
        "status": 400 if form.is_bound and form.errors else 200,
    }
    return render(request, "backoffice/intake.html", context, status=context["status"])


def routable(competent, desks, version):
    """The competent agencies the officer's desks may receive for, and what the page says
    about it: any of the province when the procedure is on the province's boundary-free list
    (ND 118/2025 Art. 14 §2), else only those a desk stands for (its own commune). The desk's
    intake and the assisted online filing offer these; the services refuse the rest."""
    basis = boundary_lists.basis_for(desks[0], version.procedure_id, timezone.localdate())
    if basis is not None:
        return competent, boundary_lists.scope_text(basis)
    communes = boundary.Communes()
    own = [
        agency.pk
        for agency in competent
        if any(not boundary.crosses_boundary(desk, agency, communes) for desk in desks)
    ]
    return competent.filter(pk__in=own), boundary_lists.scope_text(None)


def _check_representation(form, files) -> None:
    """The representative and the authorisation, checked before anything is recorded; a
    refusal checks nothing."""
    data = form.cleaned_data
    decision = data.get("decision")
    if decision not in (Decision.RECEIVE, Decision.SUPPLEMENT) or "id_number" not in data:
        return
    applicant = services.Applicant(
        name=data.get("applicant_name", ""),
        kind=data.get("applicant_kind", ""),
        id_number=data["id_number"],
    )
    representative.check(form, files, applicant, complete=decision == Decision.RECEIVE)


def _paper_refused(data, version, desk_qs) -> bool:
    """Whether a paperless day refuses the paper receipt or guidance asked for (the service
    refuses it too; here the officer is told before anything else is checked)."""
    if data.get("decision") not in (Decision.RECEIVE, Decision.SUPPLEMENT):
        return False
    if data.get("channel", "direct") != "direct":
        return False
    unit = (
        desk_qs.filter(pk=data.get("receiving_unit")).first()
        if str(data.get("receiving_unit", "")).isdigit()
        else None
    )
    if unit is None:
        return False
    rule = paperless.paperless_rule(
        unit, version, timezone.localdate(), data.get("applicant_kind", "")
    )
    return rule is not None


def _bound_choice(form, name, queryset):
    value = form[name].value()
    if isinstance(value, Agency):
        return value
    if value in (None, ""):
        return None
    return queryset.filter(pk=value).first() if str(value).isdigit() else None

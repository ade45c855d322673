"""Official forms as PDFs: one dossier's form, and a unit's register for a period."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from motcua.agencies import selectors as agencies
from motcua.backoffice.access import officer_required
from motcua.dossiers.access import get_dossier_for, home_agency
from motcua.dossiers.models import Dossier

from . import services
from .constants import INTERNAL_FORMS, FormKey
from .forms import RegisterForm


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def document(request, code: str, form_key: str):
    if form_key not in FormKey.values:
        raise Http404
    if form_key in INTERNAL_FORMS and not request.user.is_officer:
        raise Http404  # the agencies' own paper, as if it did not exist
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist:
        raise Http404 from None
    try:
        pdf = services.notice_pdf(dossier, form_key, actor=request.user)
    except services.NoticeUnavailable as missing:
        raise Http404(str(missing)) from None
    return _pdf_response(pdf, services.document_file_name(dossier, form_key))


def register_units(user):
    """The units whose register ``user`` may print: those of their memberships (their home
    agency, where a desk of an internal unit stands for its agency)."""
    units = {}
    for membership in agencies.active_memberships(user):
        unit = home_agency(membership.unit)
        units[unit.pk] = unit
    return sorted(units.values(), key=lambda unit: unit.path)


@officer_required
@require_GET
def register(request):
    units = register_units(request.user)
    form = RegisterForm(request.GET or None, units=units)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        pdf = services.register_pdf(request.user, data["unit"], data["start"], data["end"])
        return _pdf_response(pdf, f"so-theo-doi-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.pdf")
    return render(
        request, "notices/register.html", {"form": form}, status=400 if request.GET else 200
    )

"""Official forms as PDFs: one dossier's form, and a unit's register for a period."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from motcua.audit import services as audit
from motcua.backoffice.access import officer_required
from motcua.documents import services as documents
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier

from . import services
from .boundary import register_units
from .constants import INTERNAL_FORMS, FormKey
from .forms import RegisterForm


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document(request, code: str, form_key: str):
    """GET serves the form as issued, and never issues (issue #17 item 6: a link or an image
    tag must not seal and store anything); POST, by a desk officer of the receiving unit, issues
    it (or finds it issued) and comes back here."""
    if form_key not in FormKey.values:
        raise Http404
    if form_key in INTERNAL_FORMS and not request.user.is_officer:
        raise Http404  # the agencies' own paper, as if it did not exist
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist:
        raise Http404 from None
    may_issue = services.may_issue(request.user, dossier, form_key)
    try:
        if request.method == "POST":
            if may_issue:
                services.issue_notice(dossier, form_key, actor=request.user)
                return redirect(request.path)
            issued = None
        else:
            issued = services.current_issue(dossier, form_key)
    except services.NoticeUnavailable as missing:
        raise Http404(str(missing)) from None
    if issued is not None:
        if request.user.is_officer:
            audit.note_read(request.user, "view_notice", dossier, form=form_key)
        pdf = documents.read_bytes(issued.file)
        return _pdf_response(pdf, services.document_file_name(dossier, form_key))
    context = {
        "dossier": dossier,
        "title": FormKey(form_key).label,
        "may_issue": may_issue,
        "base": "backoffice/base.html" if request.user.is_officer else "portal/base.html",
    }
    status = 403 if request.method == "POST" else 200
    return render(request, "notices/not_issued.html", context, status=status)


@officer_required
@require_http_methods(["GET", "POST"])
def register(request):
    """The form on GET (never issuing: #17 item 6); the register, issued and signed, on POST."""
    units = register_units(request.user)
    data = request.POST if request.method == "POST" else request.GET
    form = RegisterForm(data or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pdf = services.register_pdf(request.user, data["unit"], data["start"], data["end"])
        return _pdf_response(pdf, f"so-theo-doi-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.pdf")
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "notices/register.html", {"form": form}, status=status)

"""The boundary-free register page (Sổ theo dõi hồ sơ phi địa giới) with its CSV and PDF:
officers and managers, each the rows of their own units (notices/boundary.py)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from motcua.backoffice.access import officer_required

from . import boundary
from .forms import BoundaryFreeForm
from .views import _pdf_response


@officer_required
@require_GET
def boundary_free(request):
    """GET only: the register is read, never issued; ``?format=csv`` or ``pdf`` downloads it."""
    units = boundary.unit_choices(request.user)
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("start", f"{today.replace(day=1):%Y-%m-%d}")
    data.setdefault("end", f"{today:%Y-%m-%d}")
    form = BoundaryFreeForm(data, units=units)
    register = None
    if form.is_valid():
        c = form.cleaned_data
        register = boundary.build(request.user, c["start"], c["end"], c["unit"])
        stem = f"so-phi-dia-gioi-{c['start']:%Y%m%d}-{c['end']:%Y%m%d}"
        wanted = request.GET.get("format")
        if wanted == "csv":
            response = HttpResponse(
                boundary.to_csv(register), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
            return response
        if wanted == "pdf" and register.scope:
            return _pdf_response(boundary.to_pdf(register), f"{stem}.pdf")
    query = data.copy()
    query.pop("format", None)
    context = {"form": form, "register": register, "query": query.urlencode()}
    return render(
        request, "notices/boundary_free.html", context, status=200 if form.is_valid() else 400
    )

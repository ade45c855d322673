"""The manager page of the TT 01/2018 evaluation (nine indices per unit, scores and bands of
units and officers) and its CSV export, with the same period a year earlier beside it on request
(``?compare=prior_year``). Same access as every report page: managers and agency leaders, their
agency's subtree only."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ..common.access import manager_required
from . import report as evaluation


@manager_required
def evaluation_page(request, form, agency):
    result = evaluation.build(agency, form.period)
    prior = None if form.prior_period is None else evaluation.build(agency, form.prior_period)
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            evaluation.to_csv(result, prior), content_type="text/csv; charset=utf-8"
        )
        name = f"danh-gia-{agency.code}-{form.period.start:%Y%m%d}-{form.period.end:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "agency": agency,
        "evaluation": result,
        "prior": prior,
        "unit_rows": evaluation.unit_rows(result, prior),
        "officer_rows": evaluation.officer_rows(result, prior),
        "indices": [(i, evaluation.INDEX_NAMES[i]) for i in evaluation.INDICES],
        "staff_indices": [(i, evaluation.INDEX_NAMES[i]) for i in evaluation.DOSSIER_INDICES],
        "query": query.urlencode(),
    }
    return render(request, "reports/evaluation.html", context)

"""The online filing share report (paperless days and assisted online filing) and its CSV
export, with each desk's period total beside the same period a year earlier on request
(``?compare=prior_year``). Same access as every report page: managers and agency leaders, their agency's subtree
only."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from ..common.access import manager_required
from . import report as online_share


@manager_required
def online_share_page(request, form, agency):
    report = online_share.build(agency, form.period)
    if form.prior_period is not None:
        report = online_share.with_prior(report, online_share.build(agency, form.prior_period))
    if request.GET.get("format") == "csv":
        response = HttpResponse(online_share.to_csv(report), content_type="text/csv; charset=utf-8")
        name = (
            f"nop-truc-tuyen-{agency.code}-{form.period.start:%Y%m%d}-{form.period.end:%Y%m%d}.csv"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {"form": form, "agency": agency, "report": report, "query": query.urlencode()}
    return render(request, "reports/online_share.html", context)

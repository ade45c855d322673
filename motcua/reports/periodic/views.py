"""The periodic report's page, with the same period a year earlier beside it on request."""

from __future__ import annotations

from django.shortcuts import render

from .. import selectors
from ..common import compare, tables
from ..common.access import manager_required, query_of


@manager_required
def periodic(request, form, agency):
    report = selectors.periodic_report(
        agency, form.period, field_code=form.cleaned_data.get("field") or None
    )
    table = tables.periodic_table(report)
    field_table = tables.periodic_table(report, by_field=True)
    context = {
        "form": form,
        "agency": agency,
        "report": report,
        "table": table,
        "field_table": field_table,
        "query": query_of(request),
    }
    if form.prior_period is not None:
        prior = selectors.periodic_report(
            agency, form.prior_period, field_code=form.cleaned_data.get("field") or None
        )
        context["prior_report"] = prior
        context["cells"] = compare.table_cells(table, tables.periodic_table(prior))
        context["field_cells"] = compare.table_cells(
            field_table, tables.periodic_table(prior, by_field=True)
        )
    return render(request, "reports/periodic.html", context)

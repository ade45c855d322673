"""The managers' report of a centre's counters: waiting and service times per field and day,
with a chart of the mean waiting time per field; on request (``?compare=prior_year``) each
field's period figures and the total beside the same period a year earlier (days are not
compared: the same date a year earlier falls on another weekday)."""

from __future__ import annotations

from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.backoffice.access import officer_required
from motcua.reports.common import charts, compare
from motcua.reports.common.periods import Period

from . import access, report
from .forms import PeriodForm


@officer_required
def waiting_report(request):
    centres = access.report_centres(request.user)
    if not centres:
        raise PermissionDenied
    start, end = report.default_period()
    data = request.GET.copy()
    data.setdefault("centre", str(centres[0].pk))
    data.setdefault("start", start.isoformat())
    data.setdefault("end", end.isoformat())
    form = PeriodForm(data, centres=centres)
    if not form.is_valid():
        return render(request, "counter/report.html", {"form": form}, status=400)
    centre = next(c for c in centres if c.pk == form.cleaned_data["centre"])
    result = report.waiting_times(centre, form.cleaned_data["start"], form.cleaned_data["end"])
    chart = None
    if result.fields:
        chart = charts.bar_chart(
            _("Thời gian chờ và phục vụ trung bình theo lĩnh vực"),
            _("Số phút trung bình từ khi lấy số đến khi được gọi, và từ khi gọi đến khi xong."),
            [row.field_name for row in result.fields],
            [
                charts.Series(_("Chờ (phút)"), [row.mean_wait for row in result.fields]),
                charts.Series(_("Phục vụ (phút)"), [row.mean_service for row in result.fields]),
            ],
        )
    context = {"form": form, "report": result, "chart": chart, "field_rows": None}
    if form.cleaned_data.get("compare"):
        context.update(_compared(centre, result))
    else:
        context["field_rows"] = [(row, {}) for row in result.fields]
    return render(request, "counter/report.html", context)


FIGURES = {
    name: attrgetter(name)
    for name in (
        "taken",
        "served",
        "no_show",
        "unserved",
        "mean_wait",
        "max_wait",
        "mean_service",
        "rated",
        "satisfied",
        "not_satisfied",
    )
}


def _compared(centre, result) -> dict:
    """Each field's period figures and the total beside those of the same period a year earlier;
    a field served only then is listed with nothing now."""
    then = compare.prior_period(Period(result.start, result.end))
    prior = report.waiting_times(centre, then.start, then.end)
    before = {row.field_name: row for row in prior.fields}
    now = {row.field_name for row in result.fields}
    rows = [
        *result.fields,
        *(report.Row(None, r.field_name) for r in prior.fields if r.field_name not in now),
    ]
    return {
        "prior": prior,
        "field_rows": [
            (
                row,
                compare.figures(
                    row, before.get(row.field_name, report.Row(None, row.field_name)), FIGURES
                ),
            )
            for row in rows
        ],
        "total_compared": compare.figures(result.total, prior.total, FIGURES),
    }

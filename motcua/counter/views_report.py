"""The managers' report of a centre's counters: waiting and service times per field and day,
with a chart of the mean waiting time per field."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.backoffice.access import officer_required
from motcua.reports.common import charts

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
    return render(request, "counter/report.html", {"form": form, "report": result, "chart": chart})

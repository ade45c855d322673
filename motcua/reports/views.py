"""Manager pages: the 766 index with its drill-down, the periodic report, dashboards and
exports. Managers and agency leaders see their agency's subtree only; everyone else is
refused (anonymous visitors are sent to the officers' sign-in)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.backoffice.access import officer_required

from . import charts, early_warning, exports, selectors, tables, trends
from .forms import ReportFilter
from .index766 import EVALUATORS


def manager_required(view):
    """Officers holding the manager or agency leader role somewhere; the filter is bound to the
    agencies they may see, and an agency outside them is "not found"."""

    @officer_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        agencies = selectors.reportable_agencies(request.user)
        if not agencies:
            raise PermissionDenied
        form = ReportFilter(request.GET, agencies=agencies)
        if not form.is_valid():
            if "agency" in form.errors and request.GET.get("agency"):
                raise Http404
            return render(request, "reports/invalid.html", {"form": form}, status=400)
        agency = selectors.agency_for(request.user, form.cleaned_data["agency"])
        if agency is None:
            raise Http404
        return view(request, form, agency, *args, **kwargs)

    return wrapper


def _query(request) -> str:
    return request.GET.urlencode()


@manager_required
def index(request, form, agency):
    period = form.period
    facts = selectors.dossier_facts(agency, period)
    result = selectors.index_766(agency, period, facts=facts)
    weeks = trends.weekly(facts, period)
    procedures = trends.by_procedure(facts)
    at_risk = early_warning.at_risk(agency, hours=form.cleaned_data.get("hours") or 8)
    progress = result.indicator("2.1")
    per_dossier = (
        progress.max / (progress.denominator + len(at_risk))
        if progress and progress.max and (progress.denominator or at_risk)
        else None
    )
    context = {
        "form": form,
        "agency": agency,
        "index": result,
        "query": _query(request),
        "weeks": weeks,
        "procedures": procedures,
        "week_chart": charts.bar_chart(
            _("Hồ sơ theo tuần"),
            _("Số hồ sơ tiếp nhận, đã xử lý và xử lý đúng hạn mỗi tuần; số liệu ở bảng bên cạnh."),
            [f"{w.period.start:%d/%m}" for w in weeks],
            [
                charts.Series(_("Tiếp nhận"), [w.received for w in weeks]),
                charts.Series(_("Đã xử lý"), [w.processed for w in weeks]),
                charts.Series(_("Đúng hạn"), [w.on_time for w in weeks]),
            ],
        ),
        "procedure_chart": charts.bar_chart(
            _("Tỷ lệ đúng hạn theo thủ tục"),
            _("Tỷ lệ hồ sơ đã xử lý trước hạn, đúng hạn của từng thủ tục (%); số liệu ở bảng."),
            [p.code for p in procedures],
            [charts.Series(_("Đúng hạn (%)"), [p.on_time_rate for p in procedures])],
            unit="%",
        ),
        "warning_groups": early_warning.grouped(at_risk),
        "warning_count": len(at_risk),
        "points_at_risk": None if per_dossier is None else round(per_dossier * len(at_risk), 2),
    }
    return render(request, "reports/index.html", context)


@manager_required
def indicator(request, form, agency, indicator_id):
    if indicator_id not in EVALUATORS:
        raise Http404
    result = selectors.indicator_drilldown(agency, form.period, indicator_id)
    if result is None:
        raise Http404
    context = {
        "form": form,
        "agency": agency,
        "period": form.period,
        "indicator": result,
        "query": _query(request),
    }
    return render(request, "reports/indicator.html", context)


@manager_required
def periodic(request, form, agency):
    report = selectors.periodic_report(
        agency, form.period, field_code=form.cleaned_data.get("field") or None
    )
    table = tables.periodic_table(report)
    context = {
        "form": form,
        "agency": agency,
        "report": report,
        "table": table,
        "field_rows": [[r.label, *r.counts.values()] for r in report.fields],
        "query": _query(request),
    }
    return render(request, "reports/periodic.html", context)


@manager_required
def export(request, form, agency, report, fmt):
    if fmt not in exports.WRITERS:
        raise Http404
    if report == "index":
        table = tables.index_table(selectors.index_766(agency, form.period))
    elif report == "periodic":
        table = tables.periodic_table(
            selectors.periodic_report(
                agency, form.period, field_code=form.cleaned_data.get("field") or None
            )
        )
    elif report in EVALUATORS:
        result = selectors.indicator_drilldown(agency, form.period, report)
        if result is None:
            raise Http404
        table = tables.drilldown_table(agency, form.period, result)
    else:
        raise Http404
    response = HttpResponse(exports.WRITERS[fmt](table), content_type=exports.CONTENT_TYPES[fmt])
    name = f"{report}-{agency.code}-{form.period.start:%Y%m%d}-{form.period.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

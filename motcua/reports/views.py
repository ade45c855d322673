"""Manager pages: the 766 index with its drill-down, the periodic report, dashboards and
exports. Managers and agency leaders see their agency's subtree only; everyone else is
refused (anonymous visitors are sent to the officers' sign-in)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.backoffice.access import officer_required

from . import (
    charts,
    compare,
    early_warning,
    export_jobs,
    exports,
    ranking,
    selectors,
    tables,
    trends,
)
from .aggregates import tally
from .forms import ReportFilter
from .index766 import EVALUATORS


def manager_required(view):
    """Officers holding the manager or agency leader role somewhere; the filter is bound to the
    agencies they may see, and an agency outside them is "not found"."""

    @officer_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        options = selectors.report_options(request.user)
        if not options:
            raise PermissionDenied
        form = ReportFilter(request.GET, options=options)
        if not form.is_valid():
            asked = request.GET.get("agency")
            if "agency" in form.errors and asked:
                internal = selectors.internal_unit_for(request.user, asked)
                if internal is None:
                    raise Http404
                # Never the report of another agency in its place: say where it is counted.
                context = {"form": form, "unit": internal[0], "agency": internal[1]}
                return render(request, "reports/internal_unit.html", context, status=400)
            return render(request, "reports/invalid.html", {"form": form}, status=400)
        agency = selectors.agency_for(request.user, form.cleaned_data["agency"])
        if agency is None:
            raise Http404
        return view(request, form, agency, *args, **kwargs)

    return wrapper


def _query(request) -> str:
    return request.GET.urlencode()


def _query_for(request, agency) -> str:
    """The page's query with another agency (a ranked unit's own index)."""
    query = request.GET.copy()
    query["agency"] = agency.code
    return query.urlencode()


def _ranking_context(request, agency, period) -> dict:
    ranked = ranking.rank_children(agency, period)
    if not ranked:
        return {"ranking": []}
    return {
        "ranking": [(r, _query_for(request, r.unit)) for r in ranked],
        "ranking_chart": charts.ranking_chart(
            _("Xếp hạng đơn vị trực thuộc theo tổng điểm 766"),
            _(
                "Tổng điểm chỉ số 766 (trên 100) của từng đơn vị trực thuộc, cao nhất trước; "
                "số liệu ở bảng bên cạnh."
            ),
            [f"{r.rank}. {r.unit.display_name}" for r in ranked],
            [r.total for r in ranked],
            maximum=100,
        ),
    }


@manager_required
def index(request, form, agency):
    period = form.period
    result = selectors.index_766(agency, period)
    weeks = trends.weekly_counts(agency, period)
    procedures = trends.procedure_counts(tally.load(agency, period, per_unit=False))
    at_risk = early_warning.at_risk(
        agency, hours=form.cleaned_data.get("hours") or early_warning.WARNING_HOURS
    )
    # Only accepted dossiers count in indicator 2.1 (not those still waiting for the desk).
    counted = sum(1 for w in at_risk if w.accepted)
    progress = result.indicator("2.1")
    per_dossier = (
        progress.max / (progress.denominator + counted)
        if progress and progress.max and (progress.denominator or counted)
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
        "points_at_risk": None if per_dossier is None else round(per_dossier * counted, 2),
        **_ranking_context(request, agency, period),
        **_index_comparison(agency, result, form.prior_period),
    }
    return render(request, "reports/index.html", context)


def _index_comparison(agency, result, prior_period) -> dict:
    """The index's indicators and groups, each with the same period a year earlier when asked."""
    if prior_period is None:
        return {
            "indicator_rows": [(i, {}) for i in result.indicators],
            "group_rows": [(g, None) for g in result.groups],
            "total_compared": None,
        }
    prior = selectors.index_766(agency, prior_period)
    indicators, groups, total = compare.index_rows(result, prior)
    return {
        "prior_index": prior,
        "indicator_rows": indicators,
        "group_rows": groups,
        "total_compared": total,
    }


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
    field_table = tables.periodic_table(report, by_field=True)
    context = {
        "form": form,
        "agency": agency,
        "report": report,
        "table": table,
        "field_table": field_table,
        "query": _query(request),
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


@manager_required
@require_http_methods(["GET", "POST"])
def export(request, form, agency, report, fmt):
    """Every export is built in the background (``export_jobs``): the page's buttons POST here,
    which records the request and sends the requester to its status page; a GET (an old link or
    a bookmark) shows what would be exported with the button to start it."""
    if fmt not in exports.WRITERS or not export_jobs.is_known_report(report):
        raise Http404
    if request.method == "POST":
        job = export_jobs.start_export(
            actor=request.user,
            agency=agency,
            period=form.period,
            report=report,
            fmt=fmt,
            field_code=form.cleaned_data.get("field") or "",
            compare_prior_year=form.prior_period is not None,
        )
        return redirect("reports:export_status", job.pk)
    context = {
        "form": form,
        "agency": agency,
        "period": form.period,
        "report": report,
        "report_label": export_jobs.report_label(report),
        "fmt": fmt,
        "compared": form.prior_period is not None and export_jobs.can_compare(report, fmt),
        "query": _query(request),
    }
    return render(request, "reports/export_start.html", context)

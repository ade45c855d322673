"""The managers' start page: the 766 index with the same period a year earlier on request, the
ranking of the units directly under the agency, the weekly dashboard and early warnings; and the
drill-down of one indicator. Access: ``common.access.manager_required``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..aggregates import tally
from ..common import charts, compare
from ..common.access import manager_required, query_for, query_of
from ..dashboard import early_warning, trends
from . import costing, ranking
from .report import EVALUATORS


def _ranking_context(request, agency, period, prior_period, units, counted) -> dict:
    """The ranking of the child ``units`` (``counted``: the period's aggregates per unit); with
    ``prior_period``, each unit's row beside its row of the ranking computed the same way for
    that period (``ranking.compare_ranks``)."""
    ranked = ranking.rank_children(agency, period, counted=counted, units=units)
    if not ranked:
        return {"ranking": []}
    if prior_period is None:
        rows = [(r, None) for r in ranked]
    else:
        rows = ranking.compare_ranks(ranked, ranking.rank_children(agency, prior_period))
    return {
        "ranking": [(r, c, query_for(request, r.unit)) for r, c in rows],
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
    # Read once for the ranking (per unit, when there are units to rank), the index and the
    # procedures' table: for a period not yet ended each read measures the open dossiers now
    # (0.4-0.5 s for a province of a million dossiers).
    units = ranking.child_units(agency, period)
    per_unit = tally.load(agency, period) if units else None
    counted = tally.per_version(per_unit) if units else tally.load(agency, period, per_unit=False)
    result = selectors.index_766(agency, period, counted=counted)
    weeks = trends.weekly_counts(agency, period)
    procedures = trends.procedure_counts(counted)
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
        "query": query_of(request),
        "weeks": weeks,
        "procedures": procedures,
        "procedure_rows": _procedure_rows(agency, procedures, form.prior_period),
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
        **_ranking_context(request, agency, period, form.prior_period, units, per_unit),
        **_index_comparison(agency, result, form.prior_period),
    }
    return render(request, "reports/index.html", context)


def _procedure_rows(agency, procedures, prior_period) -> list:
    """The procedures' on-time rates, each with its rate a year earlier when asked: the same
    ``trends.procedure_counts`` for the shifted period, paired by the procedure's code."""
    if prior_period is None:
        return [(p, None) for p in procedures]
    prior = trends.procedure_counts(tally.load(agency, prior_period, per_unit=False))
    return trends.compare_procedures(procedures, prior)


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


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _joined(base: str, **params) -> str:
    return "&".join(part for part in (base, urlencode(params)) if part)


def _costing_context(request, agency, period, result) -> dict:
    """What cost the indicator points, a page at a time: the dossiers read page by page from
    the database (``costing.page``, after the cursor ``sau``), or the procedures and feedback
    already counted (``trang``)."""
    base = _query_without(request, "sau", "trang")
    if result.id in costing.POPULATION:
        after = costing.Cursor.parse(request.GET.get("sau"))
        listing = costing.page(agency, period, result.id, after)
        total = None
        if not result.average and isinstance(result.numerator, int) and result.denominator:
            total = result.denominator - result.numerator
        return {
            "costing": listing.items,
            "costing_total": total,
            "first_query": base if after is not None else None,
            "next_query": None if listing.next is None else _joined(base, sau=str(listing.next)),
            # The page stopped after ``costing.SCAN_LIMIT`` dossiers measured, not yet full.
            "scanned": (
                listing.scanned
                if listing.next is not None and len(listing.items) < costing.PAGE_SIZE
                else None
            ),
        }
    page = Paginator(result.costing, costing.PAGE_SIZE).get_page(request.GET.get("trang"))
    return {
        "costing": page.object_list,
        "costing_total": page.paginator.count,
        "first_query": base if page.number > 1 else None,
        "previous_query": (
            _joined(base, trang=page.previous_page_number()) if page.has_previous() else None
        ),
        "next_query": _joined(base, trang=page.next_page_number()) if page.has_next() else None,
    }


@manager_required
def indicator(request, form, agency, indicator_id):
    if indicator_id not in EVALUATORS:
        raise Http404
    result = selectors.indicator_figures(agency, form.period, indicator_id)
    if result is None:
        raise Http404
    context = {
        "form": form,
        "agency": agency,
        "period": form.period,
        "indicator": result,
        "query": _query_without(request, "sau", "trang"),
        **_costing_context(request, agency, form.period, result),
    }
    return render(request, "reports/indicator.html", context)

"""The pages of report files: the start of an export from a report page (same access as the
report pages), then its status page and its download, which only the requester (and superusers)
may see; anyone else gets "not found", anonymous visitors the sign-in."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..common import compare
from ..common.access import manager_required, query_of
from ..constants import ExportStatus
from ..models import ReportExport
from . import jobs as export_jobs
from . import writers as exports


def _own_export(view):
    @wraps(view)
    def wrapper(request, export_id: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "backoffice:login")
        try:
            job = export_jobs.get_export_for(request.user, export_id)
        except ReportExport.DoesNotExist as missing:
            raise Http404 from missing
        return view(request, job)

    return wrapper


def _query(job: ReportExport) -> str:
    params = {
        "agency": job.agency.code,
        "start": job.period_start.isoformat(),
        "end": job.period_end.isoformat(),
    }
    if job.field_code:
        params["field"] = job.field_code
    if job.compare_prior_year:
        params["compare"] = compare.PRIOR_YEAR
    return urlencode(params)


def _render(request, job: ReportExport, *, problem: str = "", status: int = 200):
    context = {
        "job": job,
        "report_label": export_jobs.report_label(job.report),
        "query": _query(job),
        "refresh": not job.is_finished,
        "problem": problem,
        "recent": [
            (e, export_jobs.report_label(e.report))
            for e in export_jobs.recent_exports(request.user)
            if e.pk != job.pk
        ],
        "is_index": job.report == "index",
        "is_periodic": job.report == "periodic",
    }
    return render(request, "reports/export_status.html", context, status=status)


@_own_export
def export_status(request, job: ReportExport):
    return _render(request, job)


@_own_export
def export_download(request, job: ReportExport):
    if job.status != ExportStatus.DONE:
        return redirect("reports:export_status", job.pk)
    try:
        content = export_jobs.read_file(job, actor=request.user)
    except (export_jobs.TamperedFile, OSError):
        problem = _(
            "Tệp đã lưu không còn nguyên vẹn (không khớp mã SHA-256 lúc tạo) hoặc không đọc được "
            "trên kho lưu trữ. Hãy xuất lại báo cáo."
        )
        return _render(request, job, problem=problem, status=409)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[job.format])
    response["Content-Disposition"] = content_disposition_header(True, job.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
        "query": query_of(request),
    }
    return render(request, "reports/export_start.html", context)

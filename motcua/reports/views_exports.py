"""The status page and the download of a background export. Only the requester (and
superusers) may see either; anyone else gets "not found", anonymous visitors the sign-in."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _

from . import compare, export_jobs, exports
from .constants import ExportStatus
from .models import ReportExport


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

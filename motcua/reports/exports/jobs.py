"""Report files built in the background (xuất tệp báo cáo): ``start_export`` records the request
and enqueues ``tasks.build_export`` in the same transaction; ``run_export`` (what the task calls)
claims the row with a conditional update, builds the table with the report selectors, writes it
with ``exports.WRITERS`` and stores the file with its SHA-256, reporting progress on the way.

Running it again on an export that is done, failed or being built by another worker does nothing;
a run abandoned for ``STALE_AFTER`` (a worker killed mid-way) may be taken over."""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.audit.models import AuditAction

from .. import selectors
from ..common import compare, tables
from ..common.periods import Period
from ..constants import ExportStatus
from ..index766.report import EVALUATORS
from ..models import ReportExport
from . import writers as exports

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=30)
REPORTS = ("index", "periodic")
# The exports that may carry the same period a year earlier beside each column (a PDF page
# cannot hold the tripled columns).
COMPARING = {(report, fmt) for report in REPORTS for fmt in ("csv", "xlsx")}
# Progress (%) reached at each stage; the writer moves it from BUILT to WRITTEN.
CLAIMED, LOADED, BUILT, WRITTEN = 5, 35, 60, 95


class ExportError(Exception):
    """A reason the file cannot be built that the requester can act on (shown as it is)."""


def is_known_report(report: str) -> bool:
    return report in REPORTS or report in EVALUATORS


def report_label(report: str) -> str:
    if report == "index":
        return _("Chỉ số 766")
    if report == "periodic":
        return _("Tình hình giải quyết TTHC")
    return _("Chỉ số %(id)s: hồ sơ, thủ tục làm mất điểm") % {"id": report}


def file_name(export: ReportExport) -> str:
    return (
        f"{export.report}-{export.agency.code or export.agency.pk}-"
        f"{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}.{export.format}"
    )


def can_compare(report: str, fmt: str) -> bool:
    return (report, fmt) in COMPARING


def start_export(
    *,
    actor,
    agency,
    period: Period,
    report: str,
    fmt: str,
    field_code: str = "",
    compare_prior_year: bool = False,
) -> ReportExport:
    """Record the request and enqueue its build, atomically: the task exists if and only if the
    row does. The caller has checked that ``actor`` may report on ``agency``.
    ``compare_prior_year`` is kept only where the file can show it (``COMPARING``)."""
    if not is_known_report(report) or fmt not in exports.WRITERS:
        raise ValueError(f"Unknown export {report}.{fmt}")
    from ..tasks import build_export

    now = timezone.now()
    with transaction.atomic():
        export = ReportExport.objects.create(
            requester=actor,
            report=report,
            format=fmt,
            agency=agency,
            period_start=period.start,
            period_end=period.end,
            field_code=field_code if report == "periodic" else "",
            compare_prior_year=compare_prior_year and can_compare(report, fmt),
            status=ExportStatus.QUEUED,
            progress=0,
            step=_("Đang chờ đến lượt"),
            created_at=now,
        )
        audit.record(
            actor=actor,
            verb="request_report_export",
            obj=export,
            action=AuditAction.EXPORT,
            at=now,
            report=report,
            format=fmt,
            agency=agency.code,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            compare_prior_year=export.compare_prior_year,
        )
        build_export.enqueue(export.pk)
    return export


def _claim(export_id: int, now: datetime.datetime) -> bool:
    """Take the export for this run; False when it is finished or another run holds it."""
    claimable = Q(status=ExportStatus.QUEUED) | Q(
        status=ExportStatus.RUNNING, started_at__lt=now - STALE_AFTER
    )
    return bool(
        ReportExport.objects.filter(claimable, pk=export_id).update(
            status=ExportStatus.RUNNING,
            started_at=now,
            progress=CLAIMED,
            step=_("Đang nạp dữ liệu hồ sơ"),
            error="",
        )
    )


class _Run:
    """One claimed run: its progress writes only touch the row while this run still holds it
    (``started_at`` is the claim token), and never move the bar backwards."""

    def __init__(self, export: ReportExport, token: datetime.datetime):
        self.export = export
        self.token = token
        self.progress = CLAIMED

    def _mine(self):
        return ReportExport.objects.filter(
            pk=self.export.pk, status=ExportStatus.RUNNING, started_at=self.token
        )

    def report(self, progress: int, step: str) -> None:
        progress = max(self.progress, min(progress, 99))
        self.progress = progress
        self._mine().update(progress=progress, step=step[:200])

    def writer_progress(self, fraction: float, step: str) -> None:
        self.report(BUILT + round((WRITTEN - BUILT) * max(0.0, min(fraction, 1.0))), step)

    def finish(self, **fields) -> bool:
        return bool(self._mine().update(finished_at=timezone.now(), **fields))


def _report_table(export: ReportExport, period: Period) -> tables.Table:
    """The 766 index's or the periodic report's table of ``export``'s agency over ``period``."""
    if export.report == "index":
        return tables.index_table(selectors.index_766(export.agency, period))
    return tables.periodic_table(
        selectors.periodic_report(export.agency, period, field_code=export.field_code or None)
    )


def _table(run: _Run) -> tables.Table:
    export = run.export
    agency = export.agency
    period = Period(export.period_start, export.period_end)
    if export.report in REPORTS:
        # From the daily aggregates, as the pages show them.
        table = _report_table(export, period)
        if export.compare_prior_year:
            prior = _report_table(export, compare.prior_period(period))
            table = compare.compared_table(table, prior)
        run.report(LOADED, _("Đã tính báo cáo; đang ghi tệp"))
        return table
    result = selectors.indicator_drilldown(agency, period, export.report)
    if result is None:
        raise ExportError(
            _("Chỉ số %(id)s không có trong bộ chỉ số áp dụng cho kỳ này.") % {"id": export.report}
        )
    run.report(LOADED, _("Đã tính chỉ số %(id)s") % {"id": export.report})
    return tables.drilldown_table(agency, period, result)


def run_export(export_id: int) -> str:
    """Build the file of export ``export_id`` if it still needs building; returns the status the
    export is left in. Never raises for a failed build: the failure is recorded on the row, in
    Vietnamese, for the requester (the details go to the log)."""
    now = timezone.now()
    if not _claim(export_id, now):
        status = ReportExport.objects.filter(pk=export_id).values_list("status", flat=True)
        return status.first() or ""
    export = ReportExport.objects.select_related("agency").get(pk=export_id)
    run = _Run(export, now)
    try:
        table = _table(run)
        run.report(
            BUILT,
            _("Đã tính xong báo cáo; đang ghi tệp %(fmt)s") % {"fmt": export.get_format_display()},
        )
        content = exports.WRITERS[export.format](table, run.writer_progress)
    except ExportError as error:
        message = str(error)
    except Exception:
        logger.exception("Report export %s failed", export_id)
        message = _(
            "Không tạo được tệp báo cáo do lỗi hệ thống. Vui lòng thử xuất lại; nếu vẫn lỗi, "
            "hãy báo quản trị hệ thống (mã yêu cầu %(id)d)."
        ) % {"id": export_id}
    else:
        return _store(run, content)
    run.finish(status=ExportStatus.FAILED, error=message, step="")
    return ExportStatus.FAILED


def _store(run: _Run, content: bytes) -> str:
    export = run.export
    export.file.save(file_name(export), ContentFile(content), save=False)
    stored = run.finish(
        status=ExportStatus.DONE,
        progress=100,
        step=_("Đã tạo xong tệp"),
        file=export.file.name,
        file_name=file_name(export),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    if not stored:
        # Another run took the export over meanwhile: its file is the one kept.
        export.file.storage.delete(export.file.name)
        return ReportExport.objects.get(pk=export.pk).status
    return ExportStatus.DONE


def get_export_for(user, export_id: int) -> ReportExport:
    """The export if ``user`` may see it; ReportExport.DoesNotExist otherwise, so that another
    person's export looks the same as a missing one."""
    return ReportExport.objects.visible_to(user).select_related("agency").get(pk=export_id)


def recent_exports(user, limit: int = 10) -> list[ReportExport]:
    return list(ReportExport.objects.visible_to(user).filter(requester=user)[:limit])


class TamperedFile(Exception):
    """The stored bytes no longer match the SHA-256 recorded when the file was built."""


def read_file(export: ReportExport, *, actor) -> bytes:
    """The file's bytes, checked against its SHA-256, and the download audited."""
    with export.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != export.sha256:
        raise TamperedFile(export.pk)
    audit.record(actor=actor, verb="download_report_export", obj=export, action=AuditAction.EXPORT)
    return content

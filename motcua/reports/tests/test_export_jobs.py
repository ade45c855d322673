"""Exports built in the background: the request enqueues the task atomically, the task builds a
real file with visible progress, runs twice harmlessly, fails with a Vietnamese message, and only
the requester (or a superuser) sees the status page and the file."""

import csv
import datetime
import hashlib
import io
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.reports.common.periods import Period
from motcua.reports.constants import ExportStatus
from motcua.reports.exports import jobs as export_jobs
from motcua.reports.exports import writers as exports
from motcua.reports.models import ReportExport
from motcua.reports.tasks import build_export

pytestmark = pytest.mark.django_db

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _start(client, tree, report="index", fmt="xlsx", **params):
    url = reverse("reports:export", args=[report, fmt])
    query = {"agency": tree.province.code, **MARCH, **params}
    return client.post(f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}")


def _job(people, tree, report="index", fmt="xlsx", **kwargs) -> ReportExport:
    return export_jobs.start_export(
        actor=people.manager,
        agency=tree.province,
        period=Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
        report=report,
        fmt=fmt,
        **kwargs,
    )


def test_posting_records_the_request_and_enqueues_its_task(people, tree, as_user):
    response = _start(as_user(people.manager), tree, "periodic", "csv", field="ABC")
    job = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export_status", args=[job.pk])
    assert (job.requester, job.agency, job.report, job.format) == (
        people.manager,
        tree.province,
        "periodic",
        "csv",
    )
    assert (job.period_start, job.period_end, job.field_code) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 31),
        "ABC",
    )
    assert (job.status, job.progress) == (ExportStatus.QUEUED, 0)
    queued = DBTaskResult.objects.get(task_path__endswith="build_export")
    assert queued.args_kwargs["args"] == [job.pk]


def test_a_get_only_offers_the_button_and_unknown_reports_are_not_found(people, tree, as_user):
    client = as_user(people.manager)
    url = reverse("reports:export", args=["index", "pdf"])
    response = client.get(url, {"agency": tree.province.code, **MARCH})
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert not ReportExport.objects.exists()
    assert _start(client, tree, "nope", "xlsx").status_code == 404
    assert _start(client, tree, "index", "doc").status_code == 404
    assert not ReportExport.objects.exists()
    # Another agency's export is refused like its report.
    assert _start(as_user(people.leader_x), tree, "index", "csv").status_code == 404


def _download(client, job) -> bytes:
    response = client.get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_the_task_builds_a_real_xlsx(march, people, tree, as_user):
    client = as_user(people.manager)
    _start(client, tree, "index", "xlsx")
    job = ReportExport.objects.get()
    assert build_export.call(job.pk) == ExportStatus.DONE
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (ExportStatus.DONE, 100, "")
    assert job.finished_at is not None and job.file_name.endswith(".xlsx")
    page = client.get(reverse("reports:export_status", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("reports:export_download", args=[job.pk]) in page
    body = _download(client, job)
    assert hashlib.sha256(body).hexdigest() == job.sha256 and len(body) == job.size
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "Chỉ số 766" in rows[0][0]
    assert rows[1][:2] == ("Mã", "Chỉ số")
    two_one = next(r for r in rows if r[0] == "2.1")
    assert two_one[3] == 11  # the March fixture's 2.1 denominator, as on the page


def test_the_task_builds_a_real_pdf_and_csv(march, people, tree, as_user):
    client = as_user(people.manager)
    pdf = _job(people, tree, "3.6", "pdf")
    table = _job(people, tree, "periodic", "csv")
    for job in (pdf, table):
        assert build_export.call(job.pk) == ExportStatus.DONE
    body = _download(client, pdf)
    assert body[:5] == b"%PDF-" and b"%%EOF" in body[-1024:]
    rows = list(csv.reader(io.StringIO(_download(client, table).decode("utf-8-sig"))))
    assert rows[1][:3] == ["STT", "Đơn vị", "Tiếp nhận – Tổng số"]
    total = next(r for r in rows if r[1:2] == ["Tổng cộng"])
    assert total[2] == "11"  # received total of March


def test_progress_moves_forward_through_loading_building_and_writing(
    march, people, tree, monkeypatch
):
    seen = []
    original = export_jobs._Run.report

    def spy(run, progress, step):
        original(run, progress, step)
        row = ReportExport.objects.get(pk=run.export.pk)
        seen.append((row.status, row.progress, row.step))

    monkeypatch.setattr(export_jobs._Run, "report", spy)
    monkeypatch.setattr(exports, "PROGRESS_ROWS", 5)  # several chunks of the ~35 rows
    job = _job(people, tree, "index", "xlsx")
    build_export.call(job.pk)
    progress = [p for _s, p, _t in seen]
    assert all(status == ExportStatus.RUNNING for status, _p, _t in seen)
    assert progress == sorted(progress) and len(set(progress)) >= 4
    assert progress[0] == export_jobs.LOADED and "báo cáo" in seen[0][2]
    assert export_jobs.BUILT in progress
    writing = [p for p in progress if export_jobs.BUILT < p <= export_jobs.WRITTEN]
    assert len(set(writing)) >= 4  # the rows in chunks, then the sheet
    assert any("dòng" in step for _s, _p, step in seen)
    job.refresh_from_db()
    assert (job.status, job.progress) == (ExportStatus.DONE, 100)


def test_the_status_page_refreshes_while_running(people, tree, as_user):
    job = _job(people, tree)
    ReportExport.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, progress=35, step="Đã nạp dữ liệu: 12 hồ sơ"
    )
    response = as_user(people.manager).get(reverse("reports:export_status", args=[job.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress id="export-progress" max="100" value="35"' in page
    assert '<label for="export-progress">' in page
    assert "35% – Đã nạp dữ liệu: 12 hồ sơ" in page
    assert reverse("reports:export_download", args=[job.pk]) not in page
    # The download of an unfinished export leads back to its status.
    response = as_user(people.manager).get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 302


def test_a_second_run_is_harmless(march, people, tree):
    job = _job(people, tree, "index", "csv")
    build_export.call(job.pk)
    job.refresh_from_db()
    before = (job.file.name, job.sha256, job.finished_at, job.started_at)
    folder = os.path.dirname(job.file.path)
    assert build_export.call(job.pk) == ExportStatus.DONE
    job.refresh_from_db()
    assert (job.file.name, job.sha256, job.finished_at, job.started_at) == before
    assert os.listdir(folder) == [os.path.basename(job.file.name)]  # no second file written


def test_a_run_held_by_another_worker_is_left_alone_unless_abandoned(people, tree):
    job = _job(people, tree, "index", "csv")
    recent = timezone.now() - datetime.timedelta(minutes=1)
    ReportExport.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, started_at=recent)
    assert build_export.call(job.pk) == ExportStatus.RUNNING
    job.refresh_from_db()
    assert (job.status, job.started_at, job.file.name) == (ExportStatus.RUNNING, recent, "")
    abandoned = timezone.now() - export_jobs.STALE_AFTER - datetime.timedelta(minutes=1)
    ReportExport.objects.filter(pk=job.pk).update(started_at=abandoned)
    assert build_export.call(job.pk) == ExportStatus.DONE


def test_a_failed_build_shows_a_vietnamese_message_not_an_error_page(
    people, tree, as_user, monkeypatch
):
    def broken(table, progress):
        raise RuntimeError("disk full")

    monkeypatch.setitem(exports.WRITERS, "pdf", broken)
    job = _job(people, tree, "index", "pdf")
    assert build_export.call(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.finished_at is not None
    assert "Không tạo được tệp báo cáo" in job.error and "disk full" not in job.error
    client = as_user(people.manager)
    response = client.get(reverse("reports:export_status", args=[job.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert job.error in page and 'role="alert"' in page and "Xuất lại" in page
    assert 'http-equiv="refresh"' not in page
    assert client.get(reverse("reports:export_download", args=[job.pk])).status_code == 302
    # A failed export is not retried by a second run.
    assert build_export.call(job.pk) == ExportStatus.FAILED


def test_an_indicator_missing_from_the_periods_set_fails_with_its_reason(people, tree):
    job = _job(people, tree, "3.4", "csv")
    # 3.4 exists only in the dashboard set (2024 on); the 2022 set has no such indicator.
    ReportExport.objects.filter(pk=job.pk).update(
        period_start=datetime.date(2023, 3, 1), period_end=datetime.date(2023, 3, 31)
    )
    assert build_export.call(job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert "3.4" in job.error and "không có trong bộ chỉ số" in job.error


def test_a_changed_file_is_refused_at_download(people, tree, as_user):
    job = _job(people, tree, "index", "csv")
    build_export.call(job.pk)
    job.refresh_from_db()
    with open(job.file.path, "ab") as handle:
        handle.write(b"tampered")
    response = as_user(people.manager).get(reverse("reports:export_download", args=[job.pk]))
    assert response.status_code == 409
    assert "không còn nguyên vẹn" in response.content.decode()


@pytest.mark.parametrize("name", ["export_status", "export_download"])
def test_only_the_requester_and_superusers_see_an_export(people, tree, as_user, client, name):
    job = _job(people, tree, "index", "csv")
    build_export.call(job.pk)
    url = reverse(f"reports:{name}", args=[job.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "next=" in anonymous["Location"]
    other_manager = make_officer("Trần Văn Quản", unit=tree.province, role=Role.MANAGER)
    assert as_user(other_manager).get(url).status_code == 404
    assert as_user(people.citizen_a).get(url).status_code == 404
    assert as_user(people.leader_x).get(url).status_code == 404
    missing = reverse(f"reports:{name}", args=[job.pk + 1000])
    assert as_user(people.manager).get(missing).status_code == 404
    assert as_user(people.manager).get(url).status_code == 200
    superuser = make_officer("Quản Trị", unit=tree.province, role=Role.SPECIALIST)
    superuser.is_superuser = True
    superuser.save()
    assert as_user(superuser).get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_export(people, tree, as_user):
    """The queued task, run by the real worker as `make run` runs it (it commits as in
    production: no wrapping test transaction)."""
    client = as_user(people.manager)
    _start(client, tree, "index", "pdf")
    job = ReportExport.objects.get()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.progress) == (ExportStatus.DONE, 100)
    task = DBTaskResult.objects.get(task_path__endswith="build_export")
    assert task.status == "SUCCESSFUL" and task.return_value == ExportStatus.DONE
    assert _download(client, job)[:5] == b"%PDF-"


def _recording():
    calls = []
    return calls, lambda fraction, step: calls.append((fraction, step))


def test_the_writers_report_rows_sheets_and_pages(monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_ROWS", 100)
    table = exports.Table(
        title="Thử",
        header=["Mã", "Tên"],
        rows=[[i, f"Hồ sơ {i}"] for i in range(240)],
        notes=["Ghi chú"],
    )
    calls, record = _recording()
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table, record))).active
    assert sheet.max_row == 2 + 240 + 1
    fractions = [f for f, _s in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [s for _f, s in calls][:3] == [
        "Đã ghi 100/240 dòng",
        "Đã ghi 200/240 dòng",
        "Đã ghi 240/240 dòng",
    ]
    assert "trang tính" in calls[-1][1]
    calls, record = _recording()
    pdf = exports.to_pdf(table, record)
    assert pdf[:5] == b"%PDF-"
    pages = [(f, s) for f, s in calls if "trang PDF" in s and "xong" not in s]
    assert len(pages) >= 3  # 240 rows take several pages
    assert [f for f, _s in pages] == sorted(f for f, _s in pages)
    assert all(0 < f <= 0.95 for f, _s in pages) and calls[-1][0] == 1.0
    calls, record = _recording()
    rows = list(csv.reader(io.StringIO(exports.to_csv(table, record).decode("utf-8-sig"))))
    assert len(rows) == 2 + 240 + 1 and len(calls) == 3

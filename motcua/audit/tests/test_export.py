"""The trail for an inspector: ``audit export`` to CSV or XLSX by dates, dossier and user, and
the admin's export of selected rows, staff only; every export is itself audited."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from motcua.audit import services
from motcua.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(people, received):
    entries = [
        services.note_read(people.specialist_x, "view_dossier", received),
        services.note_read(people.leader_x, "view_dossier", received),
        services.note_session(people.desk_x, AuditAction.SIGN_IN, "sign_in"),
    ]
    return entries


def _export(*args):
    out = io.StringIO()
    call_command("audit", "export", *args, stdout=out, stderr=io.StringIO())
    return list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))


def test_export_by_dossier_and_by_user(people, received, trail):
    today = datetime.date.today().isoformat()
    rows = _export("--from", "2026-01-01", "--to", today, "--dossier", received.code)
    verbs = [row[5] for row in rows[1:]]
    assert rows[0][0] == "Số thứ tự chuỗi"
    assert verbs.count("view_dossier") == 2 and "sign_in" not in verbs
    rows = _export("--from", "2026-01-01", "--to", today, "--user", people.leader_x.username)
    assert [row[2] for row in rows[1:]] == [people.leader_x.username]


def test_export_outside_the_dates_is_empty_and_still_audited(trail):
    rows = _export("--from", "2000-01-01", "--to", "2000-01-31")
    assert len(rows) == 1
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.data["count"] == 0 and entry.data["start"] == "2000-01-01"


def test_export_to_xlsx(tmp_path, received, trail):
    from openpyxl import load_workbook

    target = tmp_path / "nhat-ky.xlsx"
    today = datetime.date.today().isoformat()
    call_command(
        "audit", "export", "--from", "2026-01-01", "--to", today, "--format", "xlsx",
        "--output", str(target), stderr=io.StringIO(),
    )  # fmt: skip
    sheet = load_workbook(target).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][1] == "Thời điểm"
    assert sum(1 for row in values[1:] if row[8] == received.code) >= 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-13-01", "--to", "2026-12-31"], "--from: ngày không hợp lệ"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "không sớm hơn"),
        (["--from", "2026-01-01", "--to", "2026-01-02", "--format", "xlsx"], "cần --output"),
    ],
)
def test_bad_arguments_get_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("audit", "export", *args)


def test_admin_lists_filters_and_exports_for_staff_only(client, people, received, trail, password):
    staff = get_user_model().objects.create_superuser("thanhtra", "tt@example.vn", password)
    url = reverse("admin:audit_auditentry_changelist")
    client.force_login(people.specialist_x)
    assert client.get(url).status_code == 302  # not staff: the admin's sign-in
    client.force_login(staff)
    listing = client.get(url, {"q": received.code})
    assert listing.status_code == 200 and received.code in listing.content.decode()
    ids = [str(e.pk) for e in trail]
    response = client.post(url, {"action": "export_csv", "_selected_action": ids})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8").lstrip("\ufeff")
    assert body.count("view_dossier") == 2
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.actor == staff and export.data["count"] == 3

"""The operators' command line: names, formats and exit status 2 on bad input."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from motcua.worktime.management.commands.worktime import Command
from motcua.worktime.models import Calendar, DayEntry

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("worktime", *args, stdout=out)
    return out.getvalue().splitlines()


def test_due_prints_iso_8601_with_offset():
    assert run("due", "--start", "2026-02-13T10:00", "--days", "3") == ["2026-02-25T10:00:00+07:00"]


def test_due_in_hours_over_the_2025_may_holidays():
    assert run("due", "--start", "2025-04-29T16:59", "--hours", "2") == [
        "2025-05-05T09:29:00+07:00"
    ]


def test_due_with_an_offset_and_fractions():
    assert run("due", "--start", "2026-03-09T01:00:00Z", "--days", "0.5") == [
        "2026-03-09T13:30:00+07:00"
    ]


def test_due_with_cutoff():
    lines = run("due", "--start", "2026-02-13T16:00", "--days", "1", "--cutoff", "15:00")
    assert lines == ["2026-02-23T17:00:00+07:00"]


def test_due_explains_after_the_instant():
    lines = run("due", "--start", "2026-02-13T10:00", "--days", "3", "--explain")
    assert lines[0] == "2026-02-25T10:00:00+07:00"
    assert lines[1].startswith("- Thời hạn 3 ngày làm việc")
    assert any("Tết Nguyên Đán" in line for line in lines[1:])
    assert all(line.startswith("- ") for line in lines[1:])


def test_due_on_an_old_year_materialises_it():
    assert run("due", "--start", "2019-11-20T08:37", "--days", "25") == [
        "2019-12-25T08:37:00+07:00"
    ]


def test_due_with_an_agency_calendar(tree):
    national = Calendar.objects.get(agency__isnull=True)
    province = Calendar.objects.create(name="Lịch tỉnh", agency=tree.province)
    DayEntry.objects.create(calendar=province, date="2026-02-23", kind="other_day_off", name="Bão")
    code = tree.commune_x.code
    assert run("due", "--start", "2026-02-13T10:00", "--days", "3", "--agency", code) == [
        "2026-02-26T10:00:00+07:00"
    ]
    assert national.days.filter(date="2026-02-23").count() == 0


def test_calendar_days_and_months():
    assert run("due", "--start", "2026-02-13T10:00", "--calendar-days", "5") == [
        "2026-02-23T17:00:00+07:00"
    ]
    assert run("due", "--start", "2025-01-31T09:00", "--months", "1") == [
        "2025-02-28T17:00:00+07:00"
    ]


def test_between_prints_hours_as_a_decimal():
    assert run("between", "--start", "2026-02-13T10:00", "--end", "2026-02-25T10:00") == ["24"]
    assert run("between", "--start", "2025-03-10T11:00", "--end", "2025-03-10T14:00") == ["1.5"]
    assert run("between", "--start", "2025-03-10T08:00", "--end", "2025-03-10T08:01") == [
        "0.016667"
    ]


def test_calendar_lists_days_off_and_makeup_days():
    lines = run("calendar", "--year", "2026")
    assert lines[0].startswith("2026-01-01  Thứ Năm")
    assert any(line.startswith("2026-01-10  Thứ Bảy") and "làm bù" in line for line in lines)
    assert any(line.startswith("2026-08-22  Thứ Bảy") and "làm bù" in line for line in lines)
    assert any(line.startswith("2026-08-31  Thứ Hai") for line in lines)
    assert any(line.startswith("2026-11-24") and "chưa xác nhận" in line for line in lines)
    assert len([line for line in lines if line.startswith("2026-02-")]) == 5


def test_seed_is_idempotent():
    assert run("seed")[0].startswith("Các năm")
    assert run("seed", "--year", "2031") == ["Đã lập ngày nghỉ các năm: 2031"]


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--start", "13/02/2026", "--days", "3"),
        ("due", "--start", "2026-02-13T10:00", "--days", "-1"),
        ("due", "--start", "2026-02-13T10:00", "--hours", "abc"),
        ("due", "--start", "2026-02-13T10:00", "--days", "1e9"),
        ("due", "--start", "2026-02-13T10:00", "--calendar-days", "1.5"),
        ("due", "--start", "2026-02-13T10:00", "--days", "1", "--cutoff", "3pm"),
        ("due", "--start", "2026-02-13T10:00", "--days", "1", "--agency", "000.00.00.X00"),
        ("between", "--start", "2026-02-13T10:00", "--end", "tomorrow"),
        ("calendar", "--year", "twenty"),
        ("calendar", "--year", "3000"),
        ("due", "--start", "9999-12-31T10:00", "--days", "1"),
    ],
)
def test_bad_input_is_a_clear_error_with_status_2(args):
    with pytest.raises(CommandError) as error:
        call_command("worktime", *args, stdout=StringIO())
    assert error.value.returncode == 2
    assert str(error.value).startswith(("--", "Error"))


def test_bad_input_exits_2_from_the_command_line(capsys, monkeypatch):
    # run_from_argv closes every connection when it ends; keep the test's transaction open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["manage.py", "worktime", "due", "--start", "nope", "--days", "1"])
    assert exit_.value.code == 2
    assert "--start" in capsys.readouterr().err

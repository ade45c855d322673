"""`simulate` + `export_dossiers` against an independent recomputation of the clock and status
rules of domain.md (§4.1 national codes, §4.5 clock rules, §5 deadlines)."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from motcua.agencies.selectors import find_by_code
from motcua.catalog import selectors as catalog
from motcua.dossiers.export import export
from motcua.dossiers.simulation import simulate
from motcua.worktime import clock as wt
from motcua.worktime.selectors import get_calendar

from .conftest import vn

pytestmark = pytest.mark.django_db

# domain.md §4.1, written out again here on purpose: the test must not read the code's table.
NATIONAL = {
    "submitted": 1,
    "intake_supplement": 5,
    "received": 2,
    "in_progress": 4,
    "transferred": 4,
    "awaiting_approval": 4,
    "awaiting_supplement": 5,
    "awaiting_payment": 6,
    "result_ready": 9,
    "returned": 10,
    "refused_at_intake": 3,
    "stopped": 8,
    "withdrawn": 7,
}
HORIZON = vn(2026, 10, 20, 12, 0)
START, END = datetime.date(2026, 9, 1), datetime.date(2026, 9, 30)


def _dt(text):
    return datetime.datetime.fromisoformat(text) if text else None


def _run(count=40, seed=3):
    simulate(count, seed=seed, start=START, end=END, horizon=HORIZON)
    return list(export(START, END, as_of=HORIZON))


@pytest.fixture
def demo(db):
    call_command("demo", "--quiet")


def _expected_original_due(row):
    version = catalog.published_version_on(row["procedure_code"], _dt(row["received_at"]).date())
    term = catalog.channel_term(version, row["channel"])
    calendar = get_calendar(find_by_code(row["resolving_agency"]))
    received = _dt(row["received_at"])
    start = wt.next_working_instant(
        wt.effective_receipt_time(received, version.cutoff_time, calendar), calendar
    )
    if term.same_day:
        day = start.date()
        return datetime.datetime.combine(day, calendar.sessions_on(day)[-1].end, tzinfo=calendar.tz)
    return wt.add_working_time(start, term.processing_amount, term.processing_unit, calendar)


def _expected_statistical(row, calendar):
    pauses = [(_dt(p["start"]), _dt(p["end"]), p["reason"]) for p in row["pauses"]]
    if sum(1 for p in pauses if p[2] == "supplement") > 1:
        return "late"  # more than one supplement request counts late
    waiting = [start for start, end, _reason in pauses if end is None]
    finish = min(waiting) if waiting else (_dt(row["finished_at"]) or HORIZON)
    paused = sum(
        (
            wt.working_time_between(start, end, calendar)
            for start, end, _r in pauses
            if end is not None and end <= finish
        ),
        Decimal(0),
    )
    due = _dt(row["original_due_at"])
    if paused:  # adding nothing must not roll a 17:00 due time into the next morning
        due = wt.add_working_time(due, paused, "working_hours", calendar)
    if finish > due:
        return "late"
    return (
        "early" if wt.local(finish, calendar).date() < wt.local(due, calendar).date() else "on_time"
    )


def test_simulated_records_agree_with_an_independent_recomputation(demo):
    rows = _run()
    assert len(rows) >= 35  # a few refusals at intake happen before any code is given
    statuses = {row["status"] for row in rows}
    assert "returned" in statuses and len(statuses) >= 3
    for row in rows:
        assert row["national_status"] == NATIONAL[row["status"]], row["code"]
        assert row["supplement_count"] == sum(
            1 for p in row["pauses"] if p["reason"] == "supplement"
        )
        assert row["code"].startswith(f"{row['receiving_agency']}-")
        if row["received_at"] is None:
            assert row["status"] in {
                "submitted",
                "intake_supplement",
                "refused_at_intake",
                "withdrawn",
            }
            continue
        calendar = get_calendar(find_by_code(row["resolving_agency"]))
        assert _dt(row["original_due_at"]) == _expected_original_due(row), row["code"]
        assert _dt(row["due_at"]) >= _dt(row["original_due_at"])
        assert row["statistical_punctuality"] == _expected_statistical(row, calendar), row["code"]
        if row["finished_at"]:
            assert _dt(row["finished_at"]) >= _dt(row["received_at"])
        for step in row["steps"]:
            if step["finished_at"]:
                assert Decimal(step["worked_hours"]) >= 0
                assert step["punctuality"] == (
                    "late"
                    if Decimal(step["worked_hours"]) > Decimal(step["quota_hours"])
                    else "early"
                    if Decimal(step["worked_hours"]) < Decimal(step["quota_hours"])
                    else "on_time"
                )


def test_simulation_is_deterministic_for_a_seed(demo):
    runs = []
    for _ in range(2):
        with transaction.atomic():
            runs.append(_run(count=15, seed=11))
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    with transaction.atomic():
        other = _run(count=15, seed=12)
        transaction.set_rollback(True)
    assert other != runs[0]


def test_commands_write_json_lines_and_refuse_bad_input(demo):
    out = io.StringIO()
    call_command(
        "simulate",
        "--dossiers",
        "5",
        "--seed",
        "2",
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-10",
        stdout=out,
    )
    assert "dossiers created" in out.getvalue()
    out = io.StringIO()
    call_command(
        "export_dossiers",
        "--format",
        "jsonl",
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-10",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines and all(json.loads(line)["code"] for line in lines)
    assert (
        json.loads(lines[0])["received_at"] is None
        or "+07:00" in json.loads(lines[0])["received_at"]
    )
    for bad in (
        ["--from", "2026-13-01", "--to", "2026-09-10"],
        ["--from", "2026-09-10", "--to", "2026-09-01"],
    ):
        with pytest.raises(CommandError) as info:
            call_command("export_dossiers", "--format", "jsonl", *bad)
        assert info.value.returncode == 2

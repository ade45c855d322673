"""`report766` and `periodic_report` on simulated data against an independent recomputation
from `export_dossiers` records with the formulas of domain.md (§4.1 groups, §5.5, §8.1, §9)."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.agencies.models import Agency
from motcua.agencies.selectors import find_by_code
from motcua.dossiers.export import export
from motcua.dossiers.simulation import simulate
from motcua.reports.common.periods import Period
from motcua.reports.selectors import periodic_report
from motcua.worktime import clock as wt
from motcua.worktime.selectors import get_calendar

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 9, 1), datetime.date(2026, 9, 30)
PERIOD = Period(START, END)
# Nothing happens after the period end, so the state then is the state now.
HORIZON = PERIOD.end_at
DONE, PAUSED = {9, 10, 7}, {5, 6, 8}  # the 766 dashboard groups, domain.md §4.1


def _dt(text):
    return datetime.datetime.fromisoformat(text) if text else None


@pytest.fixture
def simulated(db):
    call_command("demo", "--quiet")
    simulate(40, seed=5, start=START, end=END, horizon=HORIZON)
    return _root()


def _root():
    return Agency.objects.filter(parent__isnull=True).order_by("path").first()


def _punctuality(row):
    """Decision 766: supplement time subtracted, > 1 request late, waiting measured at the
    request time, open dossiers at the period end."""
    calendar = get_calendar(find_by_code(row["resolving_agency"]))
    pauses = [(_dt(p["start"]), _dt(p["end"]), p["reason"]) for p in row["pauses"]]
    if sum(1 for p in pauses if p[2] == "supplement") > 1:
        return "late"
    waiting = [start for start, end, _r in pauses if end is None]
    finish = min(waiting) if waiting else (_dt(row["finished_at"]) or HORIZON)
    paused = sum(
        (wt.working_time_between(s, e, calendar) for s, e, _r in pauses if e and e <= finish),
        Decimal(0),
    )
    due = _dt(row["original_due_at"])
    if paused:
        due = wt.add_working_time(due, paused, "working_hours", calendar)
    if finish > due:
        return "late"
    return (
        "early" if wt.local(finish, calendar).date() < wt.local(due, calendar).date() else "on_time"
    )


def _records():
    return [r for r in export(START, END, as_of=HORIZON) if r["received_at"]]


def _run(command):
    out = io.StringIO()
    root = _root()
    call_command(
        command,
        "--agency",
        root.code,
        "--from",
        "2026-09-01",
        "--to",
        "2026-09-30",
        "--format",
        "json",
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_periodic_report_matches_export_records(simulated):
    rows = _records()
    data = _run("periodic_report")
    totals = data["totals"]
    assert data["balanced"] is True and totals["balanced"] is True
    assert totals["carried_over"] == 0
    assert totals["new_total"] == len(rows)
    for channel in ("online", "direct", "postal"):
        assert totals[f"new_{channel}"] == sum(1 for r in rows if r["channel"] == channel)
    done = [r for r in rows if r["national_status"] in DONE]
    paused = [r for r in rows if r["national_status"] in PAUSED]
    open_ = [r for r in rows if r["national_status"] not in DONE | PAUSED]
    assert totals["processed_total"] == len(done)
    assert totals["paused_total"] == len(paused)
    assert totals["in_progress_total"] == len(open_)
    assert totals["paused_stopped"] == sum(1 for r in paused if r["national_status"] == 8)
    assert totals["paused_supplement"] == sum(1 for r in paused if r["national_status"] == 5)
    for verdict in ("early", "on_time", "late"):
        assert totals[f"processed_{verdict}"] == sum(1 for r in done if _punctuality(r) == verdict)
    assert totals["in_progress_overdue"] == sum(1 for r in open_ if _punctuality(r) == "late")
    # Every unit row balances and the rows add up to the totals.
    assert sum(u["received_total"] for u in data["units"]) == totals["received_total"]
    assert all(u["balanced"] for u in data["units"])
    assert "766" in data["rule_version"]
    assert len(rows) >= 30


def test_report766_matches_export_records(simulated):
    rows = _records()
    data = _run("report766")
    by_id = {i["id"]: i for i in data["indicators"]}
    assert set(data) >= {"agency", "from", "to", "total", "groups", "indicators"}
    # 2.1: every dossier here was received in the period.
    on_time = sum(1 for r in rows if _punctuality(r) != "late")
    assert (by_id["2.1"]["numerator"], by_id["2.1"]["denominator"]) == (on_time, len(rows))
    ratio = round(100 * on_time / len(rows), 2)
    assert by_id["2.1"]["ratio"] == pytest.approx(ratio)
    assert by_id["2.1"]["points"] == pytest.approx(round(ratio * 20 / 100, 2))
    # 3.6: paid online ÷ dossiers with a non-zero fee.
    fee = [r for r in rows if Decimal(r["fee_total"]) > 0]
    paid = sum(1 for r in fee if r["paid_online"])
    assert (by_id["3.6"]["numerator"], by_id["3.6"]["denominator"]) == (paid, len(fee))
    # 4.3: reused ÷ received, target 80%.
    reused = sum(1 for r in rows if r["reused_from_store"])
    assert (by_id["4.3"]["numerator"], by_id["4.3"]["denominator"]) == (reused, len(rows))
    r43 = 100 * reused / len(rows)
    assert by_id["4.3"]["points"] == pytest.approx(2 if r43 >= 80 else round(r43 * 2 / 80, 2))
    # Totals: groups add up to the total, and the maximum is 100.
    assert sum(g["points"] for g in data["groups"]) == pytest.approx(data["total"])
    assert sum(g["max"] for g in data["groups"]) == 100
    assert 0 <= data["total"] <= 100
    # The index and the periodic report count the same dossiers.
    report = periodic_report(_root(), PERIOD)
    assert by_id["2.1"]["denominator"] == report.total.counts["received_total"]


def test_balance_identity_for_a_later_period_with_carried_over_dossiers(simulated):
    report = periodic_report(_root(), Period(datetime.date(2026, 9, 16), END))
    assert report.total.counts["carried_over"] > 0
    assert report.balanced
    c = report.total.counts
    assert c["carried_over"] + c["new_total"] == (
        c["processed_total"] + c["in_progress_total"] + c["paused_total"]
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--agency", "NOPE", "--from", "2026-09-01", "--to", "2026-09-30"],
        ["--agency", "{root}", "--from", "2026-13-01", "--to", "2026-09-30"],
        ["--agency", "{root}", "--from", "2026-09-30", "--to", "2026-09-01"],
    ],
)
@pytest.mark.parametrize("command", ["report766", "periodic_report"])
def test_bad_input_exits_with_code_2(db, tree, command, args):
    args = [a.replace("{root}", tree.province.code) for a in args]
    with pytest.raises(CommandError) as info:
        call_command(command, *args, "--format", "json")
    assert info.value.returncode == 2


def test_aggregates_equal_a_rebuild_and_the_dossiers_after_random_use_cases(simulated):
    """Simulated use cases in random order (supplements, payments, transfers, results, late
    dossiers): what the transactions kept equals a from-scratch rebuild, and the reports read
    from it equal the reports computed dossier by dossier, for periods cut anywhere."""
    from motcua.reports.aggregates import store
    from motcua.reports.index766 import report as index766
    from motcua.reports.measurement import facts
    from motcua.reports.periodic import report as periodic

    assert store.differences() == []
    out = io.StringIO()
    call_command("rebuild_aggregates", "--check", stdout=out)
    assert "khớp" in out.getvalue()
    root = _root()
    for start, end in [
        (START, END),
        (START, START),
        (datetime.date(2026, 9, 10), END),
        (datetime.date(2026, 9, 14), datetime.date(2026, 9, 20)),
        (datetime.date(2026, 9, 25), datetime.date(2026, 10, 31)),
    ]:
        period = Period(start, end)
        loaded = facts.load(root, period)
        assert (
            periodic.build(root, period).as_dict()
            == periodic.build(root, period, facts=loaded).as_dict()
        ), period
        assert (
            index766.build(root, period).as_dict()
            == index766.build(root, period, facts=loaded).as_dict()
        ), period


def test_rebuild_check_fails_when_the_aggregates_drift(simulated):
    from motcua.reports.aggregates.models import FlowCount

    row = FlowCount.objects.order_by("pk").first()
    FlowCount.objects.filter(pk=row.pk).update(dossiers=row.dossiers + 1)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_aggregates", "--check", stderr=err)
    assert "stored" in err.getvalue()
    call_command("rebuild_aggregates", stdout=io.StringIO())
    call_command("rebuild_aggregates", "--check", stdout=io.StringIO())

"""Every figure of both reports on a hand-built month, against values computed by hand."""

import datetime
from decimal import Decimal

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import vn
from motcua.reports.common.periods import Period
from motcua.reports.selectors import index_766, indicator_drilldown, periodic_report

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_periodic_report_of_the_month(march, tree):
    report = periodic_report(tree.province, MARCH)
    c = report.total.counts
    # New: A B C D E H I J K N (10) + carried over L; F, G never accepted, M ended in February.
    assert (c["carried_over"], c["new_total"], c["received_total"]) == (1, 10, 11)
    assert (c["new_direct"], c["new_online"], c["new_postal"]) == (9, 1, 0)
    # Processed: early A E L N, on time B, late C D (two supplements).
    assert (c["processed_early"], c["processed_on_time"], c["processed_late"]) == (4, 1, 2)
    assert c["processed_total"] == 7
    assert (c["in_progress_within_time"], c["in_progress_overdue"]) == (1, 1)  # I, H
    assert (c["paused_supplement"], c["paused_financial_obligation"], c["paused_stopped"]) == (
        1,
        0,
        1,
    )  # J, K
    # J waits since 03/03 09:00 (before its due time); K stopped before its due time.
    assert (c["paused_within_time"], c["paused_overdue"]) == (2, 0)
    assert report.balanced
    assert [row.label for row in report.units] == ["Xã Thử X"]
    assert report.fields[0].counts == c
    assert "766" in report.rule_version and "NĐ 61/2018" not in report.rule_version


def test_a_dossier_still_open_at_the_period_end_is_carried_into_the_next(march, tree):
    april = periodic_report(
        tree.province, Period(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    )
    c = april.total.counts
    # H, I still open and J still waiting; K stopped in March is not carried.
    assert (c["carried_over"], c["new_total"]) == (3, 0)
    assert (c["in_progress_total"], c["paused_supplement"]) == (2, 1)
    assert c["in_progress_overdue"] == 2  # I's due time (02/04 09:00) has passed by 30/04
    assert april.balanced


def test_the_state_at_a_past_period_end_is_reconstructed(march, tree):
    # On 2 March (Monday) A B C D E H J K were received (N only on 3 March), L was carried
    # over and nothing had finished; D's first supplement (10:00-11:00) was over.
    day = periodic_report(
        tree.province, Period(datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))
    )
    c = day.total.counts
    assert (c["carried_over"], c["new_total"], c["processed_total"]) == (1, 8, 0)
    assert c["paused_total"] == 0
    assert c["in_progress_total"] == 9
    assert day.balanced


def test_progress_indicator_2_1(march, tree):
    i = index_766(tree.province, MARCH).indicator("2.1")
    # Handled in March: carried over L + 10 received = 11; late: C, D, H.
    assert (i.numerator, i.denominator) == (8, 11)
    assert i.costing == []  # the index counts from the aggregates; the drill-down lists
    i = indicator_drilldown(tree.province, MARCH, "2.1")
    assert (i.numerator, i.denominator) == (8, 11)
    assert i.ratio == Decimal("72.73")
    assert i.points == Decimal("14.55")  # 72.73 × 20 / 100
    assert i.max == 20
    costing = {item.key[-4:]: item.reason for item in i.costing}
    assert len(costing) == 3
    assert any("2 lần" in reason for reason in costing.values())  # D
    assert any("Đang xử lý, đã quá hạn" in reason for reason in costing.values())  # H


def test_average_time_2_2(march, tree):
    i = index_766(tree.province, MARCH).indicator("2.2")
    # Resolved with a result and received in March: A B C D N.
    # Sessions 07:30-11:30, 13:00-17:00.
    # A: Mon 09:00 -> Tue 15:00 = 6.5 + 6 = 12.5 h; B: Mon 10:00 -> Thu 09:00 = 5.5+8+8+1.5 = 23
    # C: Mon 11:00 -> Fri 09:00 = 4.5+8+8+8+1.5 = 30; D: Mon 08:00 -> Tue 15:00 = 7.5 + 6 minus
    # 2 h of supplements = 11.5; N: Tue 08:00 -> Wed 10:00 = 7.5 + 2.5 minus 1 h paid = 9.
    hours = Decimal("12.5") + Decimal("23") + Decimal("30") + Decimal("11.5") + Decimal("9")
    assert i.denominator == 5
    assert i.numerator == (hours / 8).quantize(Decimal("0.01"))
    assert i.ratio == (hours / 8 / 5).quantize(Decimal("0.01"))
    assert i.points == 0 and i.max == 0


def test_online_payment_and_digitisation_indicators(march, tree):
    index = index_766(tree.province, MARCH)
    i33 = index.indicator("3.3")
    assert (i33.numerator, i33.denominator) == (1, 10)  # N only
    assert i33.points == Decimal("0.00") or index.indicator_set.name == "QĐ 766/2022"
    # 3.6: every dossier carries the 50 000 đ charge; only N paid online. Target 100%.
    i36 = index.indicator("3.6")
    assert (i36.numerator, i36.denominator, i36.ratio) == (1, 10, Decimal("10.00"))
    assert i36.points == Decimal("0.60")
    # 4.1: ended with a document result in March: L A B C D N; only N is electronic.
    i41 = index.indicator("4.1")
    assert (i41.numerator, i41.denominator) == (1, 6)
    assert i41.points == Decimal("1.00")  # 16.67 % × 6 / 100
    # 4.3: nothing reused (target 80%).
    assert index.indicator("4.3").numerator == 0
    # 3.4 live item: every dossier of a full-online-eligible procedure; N online.
    i34 = index.indicator("3.4")
    assert (i34.numerator, i34.denominator, i34.points) == (1, 10, Decimal("1.20"))


def test_catalogue_indicators(march, tree):
    index = index_766(tree.province, MARCH)
    # One commune-level procedure in competence, with a full online service and a fee.
    assert (index.indicator("3.1").numerator, index.indicator("3.1").denominator) == (1, 1)
    assert index.indicator("3.1").points == index.indicator("3.1").max
    assert (index.indicator("3.2").numerator, index.indicator("3.2").denominator) == (1, 1)
    assert index.indicator("3.5a").numerator == 1
    assert index.indicator("3.5b").numerator == 1
    # The test catalogue has no legal basis: 1.3 counts it incomplete.
    i13 = index.indicator("1.3")
    assert (i13.numerator, i13.denominator) == (0, 1)
    assert "căn cứ pháp lý" in i13.costing[0].reason
    # Decided 30/06/2025, not in March 2026: 1.1 and 1.2 have nothing to count.
    assert index.indicator("1.2").points is None and index.indicator("1.2").denominator == 0


def test_not_applicable_indicators_and_totals(march, tree):
    index = index_766(tree.province, MARCH)
    for indicator_id in ("4.6", "5.1", "5.2", "5.3"):  # no feedback yet: N/A
        result = index.indicator(indicator_id)
        assert result.points is None and result.not_applicable
    assert sum(g.max for g in index.groups) == 100
    assert index.total == sum(g.points for g in index.groups)
    assert index.total == sum((i.points or 0) for i in index.indicators)
    assert index.applicable_max < 100


def test_denominator_zero_is_not_applicable(tree, db):
    index = index_766(tree.province, MARCH)
    i = index.indicator("2.1")
    assert (i.numerator, i.denominator, i.ratio, i.points) == (0, 0, None, None)
    assert "N/A" in i.not_applicable
    assert index.total == 0


def test_drilldown_lists_what_cost_points(march, tree):
    i = indicator_drilldown(tree.province, MARCH, "3.6")
    assert len(i.costing) == 9
    assert {item.reason for item in i.costing} == {"Không thanh toán trực tuyến"}
    assert all(item.kind == "dossier" and item.key for item in i.costing)


def test_a_subtree_sees_only_its_own_dossiers(march, tree):
    assert periodic_report(tree.commune_y, MARCH).total.counts["received_total"] == 0
    assert periodic_report(tree.commune_x, MARCH).total.counts["received_total"] == 11


def test_the_configuration_in_force_decides_the_points(march, tree):
    old = index_766(tree.province, Period(datetime.date(2023, 3, 1), datetime.date(2023, 3, 31)))
    assert old.indicator_set.name == "QĐ 766/2022"
    assert old.indicator("3.4") is None and old.indicator("3.3").max == 6
    live = index_766(tree.province, MARCH)
    assert live.indicator("3.3").max == 0 and live.indicator("3.4").max == 12
    assert {g.id for g in live.groups} == {"1", "2", "3a", "3b", "4", "5"}


def test_satisfaction_indicators_count_feedback_and_late_dossiers(march, tree, people):
    from motcua.feedback.constants import Classification
    from motcua.feedback.services import submit_feedback

    i54 = indicator_drilldown(tree.province, MARCH, "5.4")
    progress = {
        item.key: item.passed for item in indicator_drilldown(tree.province, MARCH, "2.1").items
    }
    received = [item for item in i54.items]
    # Without ratings or feedback, 5.4 passes exactly the handled dossiers that are not late.
    assert i54.denominator == len(received) > 0
    assert i54.numerator == sum(1 for item in received if progress[item.key])

    good = next(item.key for item in received if item.passed)
    dossier = Dossier.objects.get(code=good)
    submit_feedback(
        actor=people.citizen_a,
        classification=Classification.CONDUCT,
        title="Thái độ",
        content="Cán bộ chưa hướng dẫn đầy đủ.",
        sender_name="Nguyễn Văn An",
        dossier=dossier,
        repeat_complaint=True,
        at=vn(2026, 3, 20, 9, 0),
    )
    after = index_766(tree.province, MARCH)
    assert after.indicator("5.4").numerator == i54.numerator - 1
    costing = {
        item.key: item.reason for item in indicator_drilldown(tree.province, MARCH, "5.4").costing
    }
    assert "phản ánh" in costing[good]
    assert (after.indicator("5.1").numerator, after.indicator("5.1").denominator) == (1, 1)
    # Received 20/03, answer due in April: still within time at the end of March.
    assert (after.indicator("5.2").numerator, after.indicator("5.2").denominator) == (1, 1)
    # A repeat complaint about the result costs 5.3.
    assert (after.indicator("5.3").numerator, after.indicator("5.3").denominator) == (0, 1)

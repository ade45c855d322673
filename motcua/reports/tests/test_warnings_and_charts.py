"""Early warning before a dossier goes late, the weekly and per-procedure series, the SVG."""

import datetime
from decimal import Decimal

import pytest

from motcua.dossiers import services
from motcua.reports.aggregates import tally
from motcua.reports.common import charts
from motcua.reports.common.periods import Period
from motcua.reports.dashboard import early_warning, trends
from motcua.reports.selectors import dossier_facts

from .conftest import vn

pytestmark = pytest.mark.django_db


def test_dossiers_about_to_go_late_per_unit_and_officer(walk_in, people, tree):
    soon = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)),  # due Thu 05/03 09:00
        actor=people.desk_x,
        assignee=people.specialist_x,
        at=vn(2026, 3, 2, 9, 5),
    )
    walk_in(at=vn(2026, 3, 4, 9, 0))  # due Mon 09/03: far away
    walk_in(at=vn(2026, 2, 26, 9, 0))  # due 03/03: already late, not a warning any more
    now = vn(2026, 3, 4, 10, 0)
    found = early_warning.at_risk(tree.province, hours=8, now=now)
    assert [w.code for w in found] == [soon.code]
    # Wed 10:00 -> Thu 09:00: 1.5 + 4 + 1.5 working hours.
    assert found[0].hours_left == Decimal(7)
    # Who holds it now: the person on the open step, with the role it waits for.
    holder = f"{people.specialist_x.get_full_name()} (Chuyên viên xử lý)"
    assert found[0].officer == holder
    assert found[0].left == "7 giờ"
    assert early_warning.at_risk(tree.province, hours=4, now=now) == []
    assert early_warning.at_risk(tree.commune_y, hours=8, now=now) == []
    (group,) = early_warning.grouped(found)
    assert (group.unit, group.officer) == (tree.commune_x.name, holder)


def test_weekly_and_per_procedure_series(march, tree):
    period = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    facts = dossier_facts(tree.province, period)
    weeks = trends.weekly(facts, period)
    assert weeks[0].period == Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 1))
    assert sum(w.received for w in weeks) == 10
    # Week of 2 March: L A B C D E N processed (7), late C D.
    assert (weeks[1].processed, weeks[1].on_time) == (7, 5)
    (procedure,) = trends.by_procedure(facts)
    assert (procedure.code, procedure.processed, procedure.on_time_rate) == (
        "9.000001",
        7,
        Decimal("71.43"),
    )
    # The dashboard reads the same series from the daily aggregates.
    assert trends.weekly_counts(tree.province, period) == weeks
    assert trends.procedure_counts(tally.load(tree.province, period)) == [procedure]


def test_the_chart_is_accessible_svg_with_escaped_text():
    svg = charts.bar_chart(
        "Tiêu đề <b>", "Mô tả", ["T1", "T2"], [charts.Series("Đúng hạn", [3, None])], unit="%"
    )
    assert svg.startswith('<svg class="chart" role="img"')
    assert "<title id=" in svg and "<desc id=" in svg
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert svg.count("<rect") == 3  # one legend swatch, two bars

"""The procedures' on-time rates on the 766 index beside the same period a year earlier: each
procedure's prior rate is ``trends.procedure_counts`` computed directly for the shifted period,
paired by the procedure's code; the difference (percentage points) has its sign; a procedure
with no processed dossier then shows "—"; the switch off leaves the table as it was."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.reports.aggregates import tally
from motcua.reports.common import compare
from motcua.reports.dashboard import trends

from .conftest import resolve, vn
from .prior_year import ASKED, MARCH_2026, MARCH_2027, ON

pytestmark = pytest.mark.django_db


def _point(code: str, processed: int, on_time: int) -> trends.ProcedurePoint:
    return trends.ProcedurePoint(code, f"Thủ tục {code}", processed, on_time)


def test_procedures_pair_by_code_and_the_difference_has_its_sign():
    now = [_point("A", 4, 1), _point("B", 2, 2), _point("C", 3, 3), _point("N", 5, 5)]
    before = [_point("C", 3, 3), _point("B", 4, 3), _point("A", 2, 2), _point("X", 1, 0)]
    rows = trends.compare_procedures(now, before)
    assert [p.code for p, _c in rows] == ["A", "B", "C", "N"]  # X only a year earlier
    a, b, c, n = (c for _p, c in rows)
    assert a == compare.Compared(Decimal("100.00"), Decimal("-75.00"), percent=True)
    assert a.sign == "−"
    assert b == compare.Compared(Decimal("75.00"), Decimal("25.00"), percent=True)
    assert b.sign == "+"
    assert (c.difference, c.sign) == (0, "")
    assert n == compare.Compared(None, None, percent=True)


@pytest.fixture
def a_year_later(march, walk_in, people):
    """March 2026 (``march``) and, a year later, one dossier of the same procedure on time."""
    return resolve(walk_in(at=vn(2027, 3, 2, 9, 0)), people, vn(2027, 3, 3, 9, 0))


def _section(response) -> str:
    page = response.content.decode()
    start = page.index("<h2>Tỷ lệ đúng hạn theo thủ tục</h2>")
    return page[page.index("<tbody>", start) : page.index("</tbody>", start)]


def test_the_prior_rates_are_those_of_the_shifted_period(a_year_later, people, tree, as_user):
    response = as_user(people.manager).get(
        reverse("reports:index"), {"agency": tree.province.code, **ASKED, **ON}
    )
    assert response.status_code == 200
    rows = response.context["procedure_rows"]
    now = trends.procedure_counts(tally.load(tree.province, MARCH_2027, per_unit=False))
    direct = trends.procedure_counts(tally.load(tree.province, MARCH_2026, per_unit=False))
    assert [p for p, _c in rows] == now and len(now) == 1
    before = {p.code: p.on_time_rate for p in direct}
    ((point, c),) = rows
    assert point.on_time_rate == Decimal("100.00")
    assert c.prior == before[point.code] and c.prior < 100  # March 2026 had late dossiers
    assert c.difference == point.on_time_rate - c.prior and c.sign == "+" and c.percent
    section = _section(response)
    shown = re.sub(r"\s+", " ", section)
    assert "cùng kỳ</span>" in shown and "điểm %" in shown
    assert shown.count('<span class="compared">') == 1


def test_the_switch_off_leaves_the_table_as_it_was(a_year_later, people, tree, as_user):
    client = as_user(people.manager)
    url = reverse("reports:index")
    off = client.get(url, {"agency": tree.province.code, **ASKED})
    on = client.get(url, {"agency": tree.province.code, **ASKED, **ON})
    assert all(c is None for _p, c in off.context["procedure_rows"])
    plain = _section(off)
    assert "cùng kỳ" not in plain and 'class="compared"' not in plain
    stripped = re.sub(r'<span class="compared">.*?</span></span>', "", _section(on))
    assert stripped == plain


def test_a_procedure_without_dossiers_a_year_earlier_shows_a_dash(march, people, tree, as_user):
    response = as_user(people.manager).get(
        reverse("reports:index"),
        {"agency": tree.province.code, "start": "2026-03-01", "end": "2026-03-31", **ON},
    )
    rows = response.context["procedure_rows"]
    assert rows and all(c == compare.Compared(None, None, percent=True) for _p, c in rows)
    section = _section(response)
    assert section.count('<span class="compared-part">—</span>') == len(rows)
    assert "N/A" not in section

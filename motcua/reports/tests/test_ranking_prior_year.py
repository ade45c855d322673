"""The ranking of the child units beside the same period a year earlier: each unit's prior rank
and total are those of ``rank_children`` computed directly for the shifted period, paired by the
unit's id; the change has its sign; a unit not ranked then shows "—"; the switch off leaves the
ranking as it was."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.agencies.models import Agency
from motcua.agencies.tests.factories import make_agency
from motcua.reports.common import compare
from motcua.reports.index766 import ranking

from .prior_year import ASKED, MARCH_2026, MARCH_2027, ON
from .test_ranking import units  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _row(pk: int, rank: int, total: str) -> ranking.RankedUnit:
    return ranking.RankedUnit(rank, Agency(pk=pk, name=f"Xã {pk}"), Decimal(total), None)


def test_units_pair_by_id_and_the_change_has_its_sign():
    now = [_row(1, 1, "80"), _row(2, 2, "70.5"), _row(3, 3, "60"), _row(4, 3, "60")]
    before = [_row(3, 1, "90"), _row(2, 2, "70.5"), _row(1, 3, "75.25"), _row(9, 4, "10")]
    rows = dict((r.unit.pk, c) for r, c in ranking.compare_ranks(now, before))
    assert list(rows) == [1, 2, 3, 4]  # the current ranking's order; unit 9 only a year earlier
    up, same, down, new = rows[1], rows[2], rows[3], rows[4]
    assert (up.prior.rank, up.climbed, up.places) == (3, 2, 2)  # lên 2 bậc
    assert up.total == compare.Compared(Decimal("75.25"), Decimal("4.75"))
    assert up.total.sign == "+"
    assert (same.climbed, same.total.difference, same.total.sign) == (0, 0, "")
    assert (down.prior.rank, down.climbed, down.places) == (1, -2, 2)  # xuống 2 bậc
    assert down.total.difference == Decimal("-30") and down.total.sign == "−"
    assert new == ranking.RankCompared(None, None, None)


@pytest.fixture
def newcomer(units, tree):  # noqa: F811
    """A commune that began in 2027, so absent from the ranking of March 2026."""
    return make_agency(
        "Xã Mới Lập",
        parent=tree.province,
        runs_one_stop_desk=True,
        valid_from=datetime.date(2027, 1, 1),
    )


def _section(response) -> str:
    page = response.content.decode()
    return page[page.index('id="ranking"') : page.index("Các chỉ số")]


def test_the_prior_ranking_is_the_ranking_of_the_shifted_period(newcomer, people, tree, as_user):
    response = as_user(people.manager).get(
        reverse("reports:index"), {"agency": tree.province.code, **ASKED, **ON}
    )
    assert response.status_code == 200
    rows = response.context["ranking"]
    assert [r for r, _c, _q in rows] == ranking.rank_children(tree.province, MARCH_2027)
    direct = {r.unit.pk: r for r in ranking.rank_children(tree.province, MARCH_2026)}
    assert len(direct) == 5 and newcomer.pk not in direct
    paired = 0
    for r, c, _q in rows:
        if r.unit == newcomer:
            assert c.prior is None and c.total is None and c.climbed is None
            continue
        before = direct[r.unit.pk]
        assert (c.prior.rank, c.prior.total) == (before.rank, before.total), r.unit.name
        assert c.total.difference == r.total - before.total
        assert c.climbed == before.rank - r.rank
        paired += 1
    assert paired == 5
    section = _section(response)
    assert section.count('<span class="compared">') == 6
    row_new = section[section.index(f">{newcomer.name}</a>") :].split("</tr>")[0]
    assert '<span class="compared-part">—</span>' in row_new
    y = direct[tree.commune_y.pk]
    row_y = section[section.index(f">{tree.commune_y.name}</a>") :].split("</tr>")[0]
    assert f"hạng {y.rank}," in row_y
    assert "; dòng nhỏ dưới tổng điểm: hạng và điểm cùng kỳ năm trước</caption>" in section
    # The chart stays the chosen period's only: one bar per unit.
    assert section.count("<rect") == 6


def test_the_switch_off_leaves_the_ranking_as_it_was(newcomer, people, tree, as_user):
    client = as_user(people.manager)
    url = reverse("reports:index")
    off = client.get(url, {"agency": tree.province.code, **ASKED})
    on = client.get(url, {"agency": tree.province.code, **ASKED, **ON})
    assert all(c is None for _r, c, _q in off.context["ranking"])
    plain = _section(off)
    assert "cùng kỳ" not in plain and 'class="compared"' not in plain
    # Without the small lines and the caption's note, the compared ranking is the plain one
    # (the units' links differ only by the switch in their query).
    stripped = re.sub(r'<span class="compared">.*?</span></span>', "", _section(on))
    stripped = re.sub(r"; dòng nhỏ dưới tổng điểm:[^<]*", "", stripped)
    stripped = stripped.replace("&amp;compare=prior_year", "")
    # (The charts are numbered per request.)
    assert re.sub(r"chart-\d+", "chart", stripped) == re.sub(r"chart-\d+", "chart", plain)

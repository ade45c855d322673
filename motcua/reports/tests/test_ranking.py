"""The ranking of child units on the managers' dashboard: ordered by the 766 total, ties share
a rank, the on-time rate is the unit's indicator 2.1, shown as a table and an SVG chart."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Level, Role
from motcua.agencies.tests.factories import make_agency
from motcua.catalog.tests import factories as catalogue
from motcua.dossiers import services
from motcua.dossiers.access import visible_to
from motcua.feedback.constants import Classification
from motcua.feedback.services import submit_feedback
from motcua.reports.common.periods import Period
from motcua.reports.index766 import ranking
from motcua.reports.index766 import report as index766
from motcua.reports.selectors import index_766
from motcua.worktime.constants import DayKind
from motcua.worktime.models import Calendar, DayEntry

from .conftest import vn

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_equal_scores_share_a_rank_and_the_next_rank_skips():
    scores = {"a": Decimal("80"), "b": Decimal("75.5"), "c": Decimal("75.5"), "d": Decimal(60)}
    ranked = ranking.competition_ranks(["d", "c", "a", "b"], scores.get)
    assert ranked == [(1, "a"), (2, "c"), (2, "b"), (4, "d")]
    assert ranking.competition_ranks([], scores.get) == []
    assert ranking.competition_ranks(["a", "b"], lambda _x: Decimal(0)) == [(1, "a"), (1, "b")]


@pytest.fixture
def units(march, walk_in, people, tree):
    """March at commune X (2.1: 8 of 11 not late), one dossier resolved on time at commune Y,
    two communes with no dossier (equal totals), an internal room and a dissolved commune."""
    received = walk_in(
        at=vn(2026, 3, 2, 9, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    specialist_y = make_officer("Lý Văn Phúc", unit=tree.commune_y, role=Role.SPECIALIST)
    leader_y = make_officer("Mạc Thị Quyên", unit=tree.commune_y, role=Role.AGENCY_LEADER)
    at = vn(2026, 3, 3, 9, 0)
    dossier = services.assign(received, actor=people.desk_y, assignee=specialist_y, at=at)
    dossier = services.complete_step(dossier, actor=specialist_y, at=at)
    dossier = services.approve(dossier, actor=leader_y, at=at)
    services.record_result(dossier, actor=leader_y, document_number="9/GCN", at=at)
    quiet_a = make_agency("Xã Lặng A", parent=tree.province, runs_one_stop_desk=True)
    quiet_b = make_agency("Xã Lặng B", parent=tree.province, runs_one_stop_desk=True)
    make_agency("Phòng Tổng hợp", level=Level.UNIT, parent=tree.province)
    make_agency(
        "Xã Đã Sáp Nhập",
        parent=tree.province,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    return quiet_a, quiet_b


def test_child_units_are_ranked_by_their_own_766_total(units, tree):
    quiet_a, quiet_b = units
    ranked = ranking.rank_children(tree.province, MARCH)
    by_unit = {r.unit: r for r in ranked}
    # Direct children existing at the period end; no internal room, no dissolved commune.
    assert set(by_unit) == {tree.department, tree.commune_x, tree.commune_y, quiet_a, quiet_b}
    for unit, row in by_unit.items():
        assert row.total == index_766(unit, MARCH).total, unit.name
    assert by_unit[tree.commune_x].on_time_rate == Decimal("72.73")  # 8 of 11
    assert by_unit[tree.commune_y].on_time_rate == Decimal("100.00")  # 1 of 1
    assert by_unit[quiet_a].on_time_rate is None  # nothing due: N/A
    # Best first; the two quiet communes tie and share a rank, the next rank skips one.
    totals = [r.total for r in ranked]
    assert totals == sorted(totals, reverse=True)
    assert by_unit[quiet_a].total == by_unit[quiet_b].total
    assert by_unit[quiet_a].rank == by_unit[quiet_b].rank
    tied = by_unit[quiet_a].rank
    after = [r.rank for r in ranked if r.total < by_unit[quiet_a].total]
    assert not after or min(after) == tied + 2
    assert ranked[0].rank == 1
    # Commune Y, fully on time, is ahead of commune X on the progress group.
    assert by_unit[tree.commune_y].total > by_unit[quiet_a].total


def test_a_commune_without_child_units_has_no_ranking(march, tree):
    assert ranking.rank_children(tree.commune_x, MARCH) == []


def test_the_dashboard_shows_the_ranking_as_a_table_and_a_chart(units, people, tree, as_user):
    response = as_user(people.manager).get(
        reverse("reports:index"),
        {"agency": tree.province.code, "start": "2026-03-01", "end": "2026-03-31"},
    )
    assert response.status_code == 200
    rows = response.context["ranking"]
    assert [r.unit for r, _c, _q in rows] == [
        r.unit for r in ranking.rank_children(tree.province, MARCH)
    ]
    page = response.content.decode()
    section = page[page.index('id="ranking"') : page.index("Các chỉ số")]
    assert "<caption>" in section and '<th scope="col">Hạng</th>' in section
    assert section.count('<th scope="row">') == 5
    assert 'role="img"' in section and section.count("<rect") == 5
    # Each unit links to its own index for the same period.
    assert f"agency={tree.commune_y.code}" in section and "start=2026-03-01" in section
    row_x = section[section.index(f">{tree.commune_x.name}</a>") :].split("</tr>")[0]
    assert "72,73%" in row_x  # localised as on the rest of the page


def test_the_commune_dashboard_says_there_is_nothing_to_rank(march, people, tree, as_user):
    response = as_user(people.leader_x).get(
        reverse("reports:index"),
        {"agency": tree.commune_x.code, "start": "2026-03-01", "end": "2026-03-31"},
    )
    assert response.status_code == 200 and response.context["ranking"] == []
    assert "không có đơn vị trực thuộc" in response.content.decode()


def _decided_in_march(field, day: int, effective: str, agencies: list[dict], name: str):
    """A version decided on ``day`` March 2026 (in force ten days later) whose legal basis takes
    effect on ``effective`` (none when empty)."""
    parts = catalogue.parts()
    parts["agencies"] = agencies
    parts["legal_basis"] = (
        [{"number": "1/2026/NĐ-CP", "title": "Nghị định", "effective_from": effective}]
        if effective
        else []
    )
    return catalogue.published(
        valid_from=datetime.date(2026, 3, day + 10), field=field, name=name, parts_data=parts
    )


def _feedback_at(unit, procedure, at):
    return submit_feedback(
        actor=None,
        classification=Classification.POLICY,
        title="Hỏi thủ tục",
        content="Đề nghị hướng dẫn.",
        sender_name="Trần Văn Phản",
        sender_phone="0987654321",
        procedure=procedure,
        agency=unit,
        at=at,
    )


def _day_off(unit, day: datetime.date) -> None:
    calendar = Calendar.objects.create(name=f"Lịch {unit.name}", agency=unit)
    DayEntry.objects.create(calendar=calendar, date=day, kind=DayKind.OTHER_DAY_OFF, name="Bão")


@pytest.fixture
def busy(units, version, people, tree):
    """``units`` and, in March 2026: versions decided for communes (legal basis effective five
    working days later), for departments (early enough) and for commune Y by name (no legal
    basis); a feedback about a dossier at commune X and one at commune Y; commune Y closed on
    11 March by its own calendar, so the commune version is one working day short there."""
    field = catalogue.field()
    commune = [{"role": "executing", "level": "commune", "name": "UBND cấp xã"}]
    _decided_in_march(field, 10, "2026-03-17", commune, "Thủ tục cấp xã")
    department = [{"role": "executing", "level": "department", "name": "Sở"}]
    _decided_in_march(field, 5, "2026-04-15", department, "Thủ tục cấp sở")
    named = [{"role": "executing", "agency": tree.commune_y.code, "name": tree.commune_y.name}]
    _decided_in_march(field, 6, "", named, "Thủ tục riêng xã Y")
    submit_feedback(
        actor=people.citizen_a,
        classification=Classification.CONDUCT,
        title="Thái độ",
        content="Cán bộ chưa hướng dẫn đầy đủ.",
        sender_name="Nguyễn Văn An",
        dossier=visible_to(people.citizen_a).filter(resolving_agency=tree.commune_x).first(),
        at=vn(2026, 3, 20, 9, 0),
    )
    _feedback_at(tree.commune_y, version.procedure, vn(2026, 3, 12, 9, 0))
    _day_off(tree.commune_y, datetime.date(2026, 3, 11))
    return units


def _drilled(index) -> dict:
    """The index as shown, with the items that cost points and why."""
    return index.as_dict() | {
        "items": {
            i.id: [(it.kind, it.key, it.passed, it.reason) for it in i.items]
            for i in index.indicators
        }
    }


def test_each_ranked_unit_has_the_index_it_has_alone(busy, tree):
    indices = ranking.child_indices(tree.province, MARCH)
    assert [i.agency for i in indices] == ranking.child_units(tree.province, MARCH)
    for index in indices:
        alone = index766.build(index.agency, MARCH)
        assert _drilled(index) == _drilled(alone), index.agency.name
    by_unit = {i.agency: i for i in indices}
    x, y = by_unit[tree.commune_x], by_unit[tree.commune_y]
    # The data reached the units it belongs to, and only those.
    assert (x.indicator("1.1").numerator, x.indicator("1.1").denominator) == (1, 1)
    assert (y.indicator("1.1").numerator, y.indicator("1.1").denominator) == (0, 1)
    assert "4 ngày làm việc" in y.indicator("1.1").costing[0].reason  # its own day off
    assert y.indicator("1.2").denominator == 2 and x.indicator("1.2").denominator == 1
    assert by_unit[tree.department].indicator("1.1").numerator == 1
    assert x.indicator("5.1").denominator == y.indicator("5.1").denominator == 1
    assert by_unit[tree.department].indicator("5.1").denominator == 0


def _queries(agency) -> int:
    ranking.rank_children(agency, MARCH)  # calendars are memoised once built
    with CaptureQueriesContext(connection) as counted:
        ranking.rank_children(agency, MARCH)
    return len(counted.captured_queries)


def test_the_ranking_reads_as_much_for_two_units_as_for_six(busy, version):
    """Whatever the number of child units, with catalogue, feedback and calendars of their
    own: the queries of the ranking are the same."""
    province = make_agency(
        "Tỉnh Hai Xã", level=Level.PROVINCE, valid_from=datetime.date(1990, 1, 1)
    )

    def commune(name, *, own_calendar=False):
        unit = make_agency(name, parent=province, runs_one_stop_desk=True)
        _feedback_at(unit, version.procedure, vn(2026, 3, 12, 9, 0))
        if own_calendar:
            _day_off(unit, datetime.date(2026, 3, 13))
        return unit

    commune("Xã Một")
    commune("Xã Hai", own_calendar=True)
    two = _queries(province)
    for name in ("Xã Ba", "Xã Bốn", "Xã Năm"):
        commune(name)
    commune("Xã Sáu", own_calendar=True)
    assert len(ranking.rank_children(province, MARCH)) == 6
    assert _queries(province) == two
    assert two <= 25


def test_the_ranking_costs_no_query_per_dossier(march, walk_in, tree):
    before = _queries(tree.province)
    for day in (9, 10, 11):
        walk_in(at=vn(2026, 3, day, 9, 0))
    assert _queries(tree.province) == before

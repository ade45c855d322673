"""The TT 01/2018 evaluation (nine indices, officers and units) on a hand-built March, against
values computed by hand; the thresholds and bands at their boundaries; the page, its export,
the command and who may see them."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.catalog.constants import Channel
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.constants import Delivery
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import vn
from motcua.feedback import services as feedback_services
from motcua.feedback.constants import Classification, Level
from motcua.reports.common.periods import Period
from motcua.reports.evaluation import indices as ix
from motcua.reports.evaluation import report as evaluation
from motcua.reports.evaluation.rules import TT01_2018, band_of, round1

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
MARCH_QUERY = {"start": "2026-03-01", "end": "2026-03-31"}
RATING_ANSWERS = {"index_1": "2", "index_3": "2", "index_4": "1", "index_7": "1"}
D = Decimal


@pytest.fixture
def handler(tree):
    """A second specialist of commune X, who handles dossier D alone."""
    return make_officer("Trần Văn Hùng", unit=tree.commune_x, role=Role.SPECIALIST)


def _finish(dossier, people, *, appraiser, appraised, approved, issued, file=None):
    dossier = services.complete_step(dossier, actor=appraiser, at=appraised)
    dossier = services.approve(dossier, actor=people.leader_x, at=approved)
    return services.record_result(
        dossier, actor=people.leader_x, document_number="1/GCN", file=file, at=issued
    )


def _supplement(dossier, people, actor, asked, answered):
    dossier = services.request_supplement(
        dossier, actor=actor, items=[{"name": "Giấy tờ", "reason": "Thiếu"}], at=asked
    )
    return services.complete_supplement(
        dossier, actor=people.desk_x, components=[ComponentInput(name="Giấy tờ")], at=answered
    )


@pytest.fixture
def month(walk_in, people, tree, version, form_component, handler):
    """March 2026 (Mon 2/3 is a Monday; working hours 07:30–11:30, 13:00–17:00; the procedure
    takes 24 working hours: desk 1, specialist 16, leader 4, registry 2, desk 1).

    A early, every step shorter than its quota. B on time, every step exactly its quota, and a
    feedback about it (answered on time). C two supplement requests (late), a feedback about it
    never answered. D one supplement request, early, handled by ``handler``. E online, result
    online, early, rated "not satisfied". W withdrawn (not evaluated). Y open at commune Y.
    """
    d = {}
    sx = people.specialist_x
    a = services.assign(
        walk_in(at=vn(2026, 3, 2, 8, 0)), actor=people.desk_x, assignee=sx, at=vn(2026, 3, 2, 8, 30)
    )
    d["A"] = _finish(
        a,
        people,
        appraiser=sx,
        appraised=vn(2026, 3, 2, 10, 30),
        approved=vn(2026, 3, 2, 11, 0),
        issued=vn(2026, 3, 2, 11, 0),
    )
    b = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x, assignee=sx, at=vn(2026, 3, 2, 10)
    )
    d["B"] = _finish(
        b,
        people,
        appraiser=sx,
        appraised=vn(2026, 3, 4, 10, 0),  # 16 h after Mon 10:00
        approved=vn(2026, 3, 4, 15, 30),  # 4 h
        issued=vn(2026, 3, 5, 8, 0),  # 2 h; due Thu 09:00: on time
    )
    c = services.assign(
        walk_in(at=vn(2026, 3, 2, 13, 0)),
        actor=people.desk_x,
        assignee=sx,
        at=vn(2026, 3, 2, 13, 30),
    )
    c = _supplement(c, people, sx, vn(2026, 3, 3, 9, 0), vn(2026, 3, 3, 10, 0))
    c = _supplement(c, people, sx, vn(2026, 3, 3, 14, 0), vn(2026, 3, 3, 15, 0))
    d["C"] = _finish(
        c,
        people,
        appraiser=sx,
        appraised=vn(2026, 3, 3, 16, 0),
        approved=vn(2026, 3, 3, 16, 0),
        issued=vn(2026, 3, 3, 16, 0),
    )
    dd = services.assign(
        walk_in(at=vn(2026, 3, 3, 8, 0)),
        actor=people.desk_x,
        assignee=handler,
        at=vn(2026, 3, 3, 8, 30),
    )
    dd = _supplement(dd, people, handler, vn(2026, 3, 3, 9, 0), vn(2026, 3, 3, 10, 0))
    d["D"] = _finish(
        dd,
        people,
        appraiser=handler,
        appraised=vn(2026, 3, 3, 10, 30),
        approved=vn(2026, 3, 3, 10, 30),
        issued=vn(2026, 3, 3, 10, 30),
    )
    e = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
        delivery=Delivery.ONLINE,
        at=vn(2026, 3, 2, 7, 0),
    )
    e = services.accept(e, actor=people.desk_x, at=vn(2026, 3, 2, 8, 0))
    e = services.assign(e, actor=people.desk_x, assignee=sx, at=vn(2026, 3, 2, 8, 10))
    d["E"] = _finish(
        e,
        people,
        appraiser=sx,
        appraised=vn(2026, 3, 2, 9, 0),
        approved=vn(2026, 3, 2, 9, 0),
        issued=vn(2026, 3, 2, 9, 0),
        file=store_file(b"KQ", name="kq.pdf", content_type="application/pdf"),
    )
    feedback_services.rate_dossier(
        d["E"],
        actor=people.citizen_a,
        level=Level.NOT_SATISFIED,
        answers=RATING_ANSWERS,
        at=vn(2026, 3, 2, 10, 0),
    )
    d["W"] = services.withdraw(
        walk_in(at=vn(2026, 3, 2, 10, 30)),
        actor=people.desk_x,
        reason="Đơn rút",
        at=vn(2026, 3, 3, 9, 0),
    )
    d["Y"] = walk_in(
        at=vn(2026, 3, 3, 9, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    for key, at in (("B", vn(2026, 3, 6, 9, 0)), ("C", vn(2026, 3, 4, 9, 0))):
        d[f"feedback_{key}"] = feedback_services.submit_feedback(
            actor=people.citizen_a,
            classification=Classification.CONDUCT,
            title="Hồ sơ của tôi",
            content="Cán bộ hướng dẫn chưa rõ.",
            sender_name="Nguyễn Văn An",
            dossier=d[key],
            at=at,
        )
    feedback_services.answer(
        d["feedback_B"], actor=people.leader_x, text="Đã chấn chỉnh.", at=vn(2026, 3, 9, 9, 0)
    )
    return d


def _by_code(result):
    return {s.code: s for s in result.dossiers}


def test_points_of_each_dossier(month):
    scores = _by_code(evaluation.build(month["A"].resolving_agency.parent, MARCH))
    expected = {
        # 1 time, 2 agency steps, 3 desk contacts, 4 agencies, 6 publicity, 7 attitude
        "A": {1: 2, 2: 2, 3: 2, 4: 1, 6: 2, 7: 2},
        "B": {1: 1, 2: 1, 3: 2, 4: 1, 6: 2, 7: 0},  # every step equal; a complaint
        "C": {1: 0, 2: 2, 3: 0, 4: 1, 6: 2, 7: 0},  # two supplement requests: late
        "D": {1: 2, 2: 2, 3: 1, 4: 1, 6: 2, 7: 2},
        "E": {1: 2, 2: 2, 3: 2, 4: 2, 6: 2, 7: 0},  # online both ways; "not satisfied"
    }
    assert {key: scores[month[key].code].points for key in expected} == expected
    # Withdrawn and open dossiers are not evaluated.
    assert month["W"].code not in scores and month["Y"].code not in scores
    assert not any(s.steps_missing for s in scores.values())


def test_units_scores_and_bands(month, tree):
    result = evaluation.build(tree.province, MARCH)
    x = result.units[0]
    assert (x.label, x.dossiers) == ("Xã Thử X", 5)
    assert x.scores == {
        1: D("1.4"),  # (2+1+0+2+2) / 5
        2: D("1.8"),  # (2+1+2+2+2) / 5
        3: D("1.4"),  # (2+2+0+1+2) / 5
        4: D("1.2"),  # (1+1+1+1+2) / 5
        5: D("1.0"),  # no procedure decided at the desk; all received at the desk
        6: D("2.0"),
        7: D("0.8"),  # (2+0+0+2+0) / 5
        8: D("0.0"),  # 1 of 2 feedback answered on time: 50%
        9: D("1.0"),  # 100% of procedures online, 20% online dossiers: 15–30%
    }
    assert x.total == D("10.6") and x.band.code == "fair"
    # The whole province has the same dossiers and feedback.
    assert result.total.total == D("10.6") and result.total.dossiers == 5


def test_a_unit_without_an_evaluated_dossier_has_no_score(month, tree):
    y = evaluation.build(tree.province, MARCH).units[1]
    assert (y.label, y.dossiers) == ("Xã Thử Y", 0)
    assert all(y.scores[i] is None for i in (1, 2, 3, 4, 5, 6, 7, 9))
    assert y.scores[8] == D("2.0")  # no feedback to handle, none late
    assert y.total is None and y.band is None


def test_an_empty_scope(db, tree):
    result = evaluation.build(tree.commune_y, MARCH)
    assert result.units == [] and result.officers == [] and result.dossiers == []
    assert result.total.total is None and result.total.band is None
    assert result.as_dict()["total"]["score"] is None


def test_officers(month, tree, people, handler):
    cards = evaluation.build(tree.province, MARCH).officers
    # Best first.
    assert [o.label for o in cards] == ["Trần Văn Hùng", "Phạm Văn Cường", "Hoàng Thị Dung"]
    officers = {o.label: o for o in cards}
    assert set(officers) == {"Phạm Văn Cường", "Hoàng Thị Dung", "Trần Văn Hùng"}
    desk = officers[people.desk_x.get_full_name()]
    # The desk officer received all five: 1.4 + 1.4 + 1.2 + 0.8 (indices 1, 3, 4, 7).
    assert (desk.dossiers, desk.total, desk.band.code) == (5, D("4.8"), "partial")
    specialist = officers[people.specialist_x.get_full_name()]
    # A B C E: index 1 = 5/4 = 1.25 → 1.3 (half up); 3 = 1.5; 4 = 1.25 → 1.3; 7 = 0.5.
    assert specialist.scores[1] == D("1.3") and specialist.scores[4] == D("1.3")
    assert specialist.scores[2] == D("1.8")  # 7/4, shown though not in the staff score
    assert (specialist.dossiers, specialist.total, specialist.band.code) == (4, D("4.6"), "partial")
    own = officers[handler.get_full_name()]
    assert (own.dossiers, own.total, own.band.code) == (1, D("6.0"), "full")
    # Leaders and clerks who approved or issued are not evaluated as handlers.
    assert people.leader_x.get_full_name() not in officers


def test_only_results_of_the_period_are_evaluated(month, tree):
    # February holds none of March's results; April none either.
    for period in (
        Period(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        Period(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)),
    ):
        assert evaluation.build(tree.province, period).dossiers == []
    # The week of 2 March only has A, C, D, E.
    week = evaluation.build(
        tree.province, Period(datetime.date(2026, 3, 2), datetime.date(2026, 3, 4))
    )
    assert {s.code for s in week.dossiers} == {month[k].code for k in "ACDE"}


@pytest.mark.parametrize(
    ("score", "staff", "agency"),
    [
        ("18.0", "full", "excellent"),
        ("15.0", "full", "excellent"),
        ("14.9", "full", "good"),
        ("12.0", "full", "good"),
        ("11.9", "full", "fair"),
        ("9.0", "full", "fair"),
        ("8.9", "full", "average"),
        ("6.0", "full", "average"),
        ("5.9", "full", "weak"),
        ("5.0", "full", "weak"),
        ("4.9", "partial", "weak"),
        ("3.5", "partial", "weak"),
        ("3.4", "low", "weak"),
        ("0.0", "low", "weak"),
    ],
)
def test_band_boundaries(score, staff, agency):
    assert band_of(D(score), TT01_2018.staff_bands).code == staff
    assert band_of(D(score), TT01_2018.agency_bands).code == agency


def test_no_score_no_band():
    assert band_of(None, TT01_2018.agency_bands) is None


def test_rounding_is_half_up_to_one_decimal():
    assert [round1(D(v)) for v in ("1.25", "1.75", "0.05", "0.04")] == [
        D("1.3"),
        D("1.8"),
        D("0.1"),
        D("0.0"),
    ]


def test_per_dossier_indices():
    assert [ix.time_points(p) for p in ("early", "on_time", "late", None)] == [2, 1, 0, 0]
    assert [ix.contact_points(n) for n in (0, 1, 2, 5)] == [2, 1, 0, 0]
    assert ix.agencies_points(Channel.ONLINE, Delivery.ONLINE, False) == 2
    assert ix.agencies_points(Channel.POSTAL, Delivery.POST, False) == 2
    assert ix.agencies_points(Channel.ONLINE, Delivery.DESK, False) == 1
    assert ix.agencies_points(Channel.DIRECT, Delivery.ONLINE, False) == 1
    assert ix.agencies_points(Channel.ONLINE, Delivery.ONLINE, True) == 0
    assert [ix.publicity_points(a, b) for a, b in ((1, 1), (1, 0), (0, 1), (0, 0))] == [2, 1, 1, 0]
    assert ix.attitude_points("early", False) == 2
    assert ix.attitude_points("on_time", False) == 1
    assert ix.attitude_points("late", False) == 0
    assert ix.attitude_points("early", True) == 0


def _step(agency, key, quota, worked):
    return ix.StepTime(agency, (key,), D(quota), D(worked))


def test_each_agency_against_its_quota():
    assert ix.agency_time_points([]) is None
    assert ix.agency_time_points([_step(1, 1, "8", "7.5"), _step(2, 2, "4", "1")]) == 2
    assert ix.agency_time_points([_step(1, 1, "8", "7.5"), _step(2, 2, "4", "4")]) == 1
    assert ix.agency_time_points([_step(1, 1, "8", "7.5"), _step(2, 2, "4", "4.01")]) == 0
    # One agency's steps add up: 3 + 6 = 9 > 4 + 4 — even though step 1 was shorter.
    assert ix.agency_time_points([_step(1, 1, "4", "3"), _step(1, 2, "4", "6")]) == 0
    # A stage sent back and run again adds its time, not its quota: 3 + 3 > 4.
    assert ix.agency_time_points([_step(1, 1, "4", "3"), _step(1, 1, "4", "3")]) == 0


def test_desk_index_5():
    r = TT01_2018
    assert ix.desk_points(D(20), False, r) == 2
    assert ix.desk_points(D("19.9"), True, r) == 1
    assert ix.desk_points(D("19.9"), False, r) == 0
    assert ix.desk_points(None, True, r) == 1


def test_feedback_index_8():
    r = TT01_2018
    assert ix.feedback_points(0, 0, r) == 2
    assert ix.feedback_points(10, 10, r) == 2
    assert ix.feedback_points(9, 10, r) == 1  # 90%
    assert ix.feedback_points(89, 100, r) == 0


def test_online_index_9():
    r = TT01_2018
    assert ix.online_points(D(20), D(30), 0, r) == 2
    assert ix.online_points(D(20), D(30), 1, r) == 1  # a late online dossier
    assert ix.online_points(D("19.9"), D(50), 0, r) == 1
    assert ix.online_points(D(15), D(15), 0, r) == 1
    assert ix.online_points(D("14.9"), D(50), 0, r) == 0
    assert ix.online_points(D(50), D("14.9"), 0, r) == 0
    assert ix.online_points(None, None, 0, r) == 0


def test_a_dossier_without_finished_steps_takes_index_1(month, tree):
    from motcua.dossiers.models import DossierStep

    DossierStep.objects.filter(dossier=month["B"]).update(worked_hours=None, finished_at=None)
    scores = _by_code(evaluation.build(tree.province, MARCH))
    b = scores[month["B"].code]
    assert b.steps_missing and b.points[2] == b.points[1] == 1


# The page, the export and the command.


def _get(client, params):
    return client.get(reverse("reports:evaluation"), params)


def test_the_manager_sees_the_page(month, people, tree, as_user, django_assert_max_num_queries):
    client = as_user(people.manager)
    with django_assert_max_num_queries(28):  # 26: constant in the number of dossiers
        response = _get(client, {"agency": tree.province.code, **MARCH_QUERY})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>" in page and 'scope="row"' in page and 'scope="col"' in page
    assert "Xã Thử X" in page and "Trần Văn Hùng" in page and "Khá" in page
    assert response.context["evaluation"].total.total == D("10.6")
    assert reverse("reports:evaluation") in page  # the navigation link


def test_csv_export(month, people, tree, as_user, handler):
    response = _get(
        as_user(people.manager), {"agency": tree.province.code, **MARCH_QUERY, "format": "csv"}
    )
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    unit_x = next(line for line in lines if "Xã Thử X" in line)
    assert unit_x.split(",")[2:] == [
        "5", "1.4", "1.8", "1.4", "1.2", "1.0", "2.0", "0.8", "0.0", "1.0", "10.6", "Khá",
    ]  # fmt: skip
    own = next(line for line in lines if line.startswith(f"{handler.username},"))
    # Indices 1, 2, 3, 4, 6, 7 of dossier D, then the staff score (1 + 3 + 4 + 7) and band.
    assert own.split(",")[1:] == [
        "Trần Văn Hùng", "1", "2.0", "2.0", "1.0", "1.0", "2.0", "2.0", "6.0",
        "Hoàn thành 100% nhiệm vụ",
    ]  # fmt: skip
    assert "Xã Thử Y" in text and "N/A" in text


def test_command_json_and_csv(month, tree):
    args = ["--agency", tree.province.code, "--from", "2026-03-01", "--to", "2026-03-31"]
    out = io.StringIO()
    call_command("evaluation_report", *args, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["total"]["score"] == 10.6 and data["total"]["band"] == "fair"
    assert data["staff_indices"] == [1, 3, 4, 7]
    assert [u["label"] for u in data["units"]] == ["Xã Thử X", "Xã Thử Y"]
    assert data["units"][0]["indices"]["8"] == 0.0 and data["units"][1]["score"] is None
    assert {o["label"]: o["score"] for o in data["officers"]} == {
        "Trần Văn Hùng": 6.0,
        "Phạm Văn Cường": 4.8,
        "Hoàng Thị Dung": 4.6,
    }
    out = io.StringIO()
    call_command("evaluation_report", *args, "--format", "csv", stdout=out)
    assert "10.6" in out.getvalue() and "Hoàng Thị Dung" in out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["--agency", "NOPE", "--from", "2026-03-01", "--to", "2026-03-31"],
        ["--agency", "{root}", "--from", "2026-13-01", "--to", "2026-03-31"],
        ["--agency", "{root}", "--from", "2026-03-31", "--to", "2026-03-01"],
    ],
)
def test_command_bad_input_exits_with_code_2(db, tree, args):
    args = [a.replace("{root}", tree.province.code) for a in args]
    with pytest.raises(CommandError) as info:
        call_command("evaluation_report", *args, "--format", "json")
    assert info.value.returncode == 2


def test_a_manager_of_another_agency_gets_not_found(month, people, tree, as_user):
    manager_y = make_officer("Lý Thị Mai", unit=tree.commune_y, role=Role.MANAGER)
    client = as_user(manager_y)
    assert _get(client, {"agency": tree.commune_x.code, **MARCH_QUERY}).status_code == 404
    assert _get(client, {"agency": tree.province.code, **MARCH_QUERY}).status_code == 404
    csv_params = {"agency": tree.commune_x.code, **MARCH_QUERY, "format": "csv"}
    assert _get(client, csv_params).status_code == 404
    # Their own commune, without naming it.
    response = _get(client, MARCH_QUERY)
    assert response.status_code == 200 and response.context["agency"] == tree.commune_y


def test_an_agency_leader_sees_their_commune_only(month, people, tree, as_user):
    client = as_user(people.leader_x)
    response = _get(client, {"agency": tree.commune_x.code, **MARCH_QUERY})
    assert response.status_code == 200 and response.context["evaluation"].total.dossiers == 5
    assert _get(client, {"agency": tree.commune_y.code, **MARCH_QUERY}).status_code == 404


@pytest.mark.parametrize("persona", ["citizen_a", "desk_x", "specialist_x"])
def test_others_are_refused(db, people, tree, as_user, persona):
    client = as_user(getattr(people, persona))
    assert _get(client, MARCH_QUERY).status_code == 403
    assert _get(client, {**MARCH_QUERY, "format": "csv"}).status_code == 403


def test_anonymous_visitors_go_to_the_sign_in(client, tree):
    response = _get(client, MARCH_QUERY)
    assert response.status_code == 302 and "login" in response["Location"]


def test_bad_filters(people, tree, as_user):
    client = as_user(people.manager)
    assert _get(client, {"start": "2026-03-31", "end": "2026-03-01"}).status_code == 400
    assert _get(client, {"agency": "NOPE", **MARCH_QUERY}).status_code == 404

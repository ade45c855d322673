"""The same period a year earlier beside the officer evaluation, the online filing share, the
remittance month and the 766 index's files: the prior figures are the report computed directly
for the shifted period, the differences are current − prior, the switch off changes nothing, and
access is unchanged with it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from motcua.reports import selectors
from motcua.reports.common import compare, tables
from motcua.reports.common.periods import Period
from motcua.reports.evaluation import report as evaluation
from motcua.reports.evaluation.report import Scorecard
from motcua.reports.evaluation.rules import TT01_2018, band_of
from motcua.reports.online_share import report as online_share

from .prior_year import ASKED, MARCH_2026, ON
from .test_evaluation import handler, month  # noqa: F401  (fixtures)
from .test_online_share import day_of_filings  # noqa: F401  (fixture)
from .test_remittance_pages import ledger_x, today  # noqa: F401  (fixtures)

D = datetime.date

pytestmark = pytest.mark.django_db


def _card(key, dossiers, total):
    scores = dict.fromkeys(evaluation.INDICES, total)
    return Scorecard(key, key, dossiers, scores, total, band_of(total, TT01_2018.agency_bands))


def test_evaluation_cards_pair_by_key_and_differ_with_sign():
    rows = evaluation.card_rows(
        [_card("a", 5, Decimal("1.5")), _card("b", 2, None)],
        evaluation.INDICES,
        [_card("a", 7, Decimal("1.0"))],
    )
    (_a, a), (_b, b) = rows
    assert a[0] == (5, compare.Compared(7, -2))
    assert a[1] == (Decimal("1.5"), compare.Compared(Decimal("1.0"), Decimal("0.50")))
    # A unit the prior period lacks: no dossier then, its scores N/A.
    assert b[0] == (2, compare.Compared(0, 2))
    assert b[-2] == (None, compare.Compared(None, None))
    # The switch off: no comparison at all.
    assert all(c is None for _card_, cells in evaluation.card_rows(
        [_card("a", 5, Decimal("1.5"))], evaluation.INDICES) for _v, c in cells)  # fmt: skip


def test_the_evaluation_beside_the_prior_year(month, people, tree, as_user):  # noqa: F811
    client = as_user(people.manager)
    url = reverse("reports:evaluation")
    response = client.get(url, {"agency": tree.province.code, **ASKED, **ON})
    assert response.status_code == 200
    direct = evaluation.build(tree.province, MARCH_2026)
    assert response.context["prior"].as_dict() == direct.as_dict()
    rows = {card.key: cells for card, cells in response.context["unit_rows"]}
    x_before = next(u for u in direct.units if u.key == tree.commune_x.code)
    dossiers, *_scores, total, band = rows[tree.commune_x.code]
    assert dossiers == (0, compare.Compared(x_before.dossiers, -x_before.dossiers))
    assert total == (None, compare.Compared(x_before.total, None))  # N/A now: no difference
    assert band[1].prior == str(x_before.band.label)
    # No one was evaluated in March 2027: each officer of a year earlier, with nothing now.
    officers = {card.key: cells for card, cells in response.context["officer_rows"]}
    assert set(officers) == {o.key for o in direct.officers}
    for before in direct.officers:
        assert officers[before.key][0] == (0, compare.Compared(before.dossiers, -before.dossiers))
    page = response.content.decode()
    assert 'class="compared"' in page and "cùng kỳ" in page
    csv = client.get(url, {"agency": tree.province.code, **ASKED, **ON, "format": "csv"})
    text = csv.content.decode("utf-8-sig")
    assert "Số hồ sơ: cùng kỳ" in text and "Tổng điểm: chênh lệch" in text
    line = next(row for row in text.splitlines() if row.startswith(f"{tree.commune_x.code},"))
    assert line.split(",")[2:5] == ["0", str(x_before.dossiers), str(-x_before.dossiers)]
    assert "Cùng kỳ năm trước: 01/03/2026 – 31/03/2026" in text


@pytest.mark.parametrize(
    ("start", "end", "prior"),
    [
        # Across a 29 February: the whole February either way.
        ("2025-02-01", "2025-02-28", Period(D(2024, 2, 1), D(2024, 2, 29))),
        ("2028-02-01", "2028-02-29", Period(D(2027, 2, 1), D(2027, 2, 28))),
        ("2028-02-29", "2028-03-31", Period(D(2027, 2, 28), D(2027, 3, 31))),
    ],
)
def test_the_prior_period_across_29_february(db, people, tree, as_user, start, end, prior):
    client = as_user(people.manager)
    query = {"agency": tree.province.code, "start": start, "end": end, **ON}
    page = client.get(reverse("reports:evaluation"), query)
    assert page.context["prior"].period == prior
    share = client.get(reverse("reports:online_share"), query)
    assert share.context["report"].prior.period == prior


def test_the_online_share_beside_the_prior_year(day_of_filings, people, tree, as_user):  # noqa: F811
    client = as_user(people.manager)
    url = reverse("reports:online_share")
    response = client.get(url, {"agency": tree.province.code, **ASKED, **ON})
    assert response.status_code == 200
    report = response.context["report"]
    direct = online_share.build(tree.province, MARCH_2026)
    assert report.prior.total == direct.total
    # Nothing filed now: each desk of a year earlier is listed, its figures beside those then.
    assert {b.unit.pk for b in report.units} == {b.unit.pk for b in direct.units}
    x = next(b for b in report.units if b.unit.pk == tree.commune_x.pk)
    x_then = next(b for b in direct.units if b.unit.pk == tree.commune_x.pk).total
    assert x.compared["filed"] == compare.Compared(x_then.filed, -x_then.filed)
    assert x.compared["online_share"] == compare.Compared(x_then.online_share, None, True)
    assert report.compared["filed"] == compare.Compared(5, -5)
    csv = client.get(url, {"agency": tree.province.code, **ASKED, **ON, "format": "csv"})
    lines = csv.content.decode().splitlines()
    assert (
        "Tổng số hồ sơ nộp: cùng kỳ" in lines[0] and "Tỷ lệ trực tuyến (%): chênh lệch" in lines[0]
    )
    assert "Tổng cộng,Cả kỳ,0,5,-5,0,2,-2,,40.00,,0,1,-1,,20.00,,0,3,-3" in lines


def test_the_online_share_difference_in_percentage_points(day_of_filings, tree):  # noqa: F811
    now = online_share.build(tree.province, MARCH_2026)
    then = online_share.build(tree.province, Period(D(2026, 3, 2), D(2026, 3, 2)))
    compared = online_share.with_prior(now, then)
    # 2 of 5 online now (40%), 2 of 4 on the Monday (50%): −10 percentage points.
    assert compared.compared["online_share"] == compare.Compared(
        Decimal("50.00"), Decimal("-10.00"), True
    )
    assert compared.compared["paper"] == compare.Compared(2, 1)


@pytest.mark.parametrize("name", ["evaluation", "online_share"])
def test_without_the_switch_the_page_is_unchanged(day_of_filings, people, tree, as_user, name):  # noqa: F811
    client = as_user(people.manager)
    base = {"agency": tree.province.code, "start": "2026-03-01", "end": "2026-03-31"}
    plain = client.get(reverse(f"reports:{name}"), base)
    off = client.get(reverse(f"reports:{name}"), {**base, "compare": ""})
    for response in (plain, off):
        page = response.content.decode()
        assert 'class="compared"' not in page and "cùng kỳ năm trước (" not in page
        assert 'name="compare" value="prior_year"' in page
    # The tables are the same bytes (the page's tokens differ from one response to the next).
    assert _tables(plain.content) == _tables(off.content)
    csv_plain = client.get(reverse(f"reports:{name}"), {**base, "format": "csv"}).content
    csv_off = client.get(reverse(f"reports:{name}"), {**base, "format": "csv", "compare": ""})
    assert csv_plain == csv_off.content and b": c\xc3\xb9ng k\xe1\xbb\xb3" not in csv_plain


@pytest.mark.parametrize("name", ["evaluation", "online_share"])
def test_access_is_unchanged_with_the_switch(db, people, tree, as_user, name):
    url = reverse(f"reports:{name}")
    leader = as_user(people.leader_x)
    assert leader.get(url, {"agency": tree.commune_x.code, **ASKED, **ON}).status_code == 200
    assert leader.get(url, {"agency": tree.commune_y.code, **ON}).status_code in (400, 404)
    assert leader.get(url, {"agency": tree.province.code, **ON}).status_code in (400, 404)
    assert as_user(people.desk_x).get(url, ON).status_code == 403
    anonymous = Client().get(url, ON)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def _month_url(unit):
    return reverse("reports:remittance_month", kwargs={"unit": unit.code, "year": 2026, "month": 3})


def test_the_remittance_month_beside_the_prior_year(client, ledger_x, accountants):  # noqa: F811
    from motcua.reports.remittance import report as remittance

    client.force_login(accountants.x)
    response = client.get(_month_url(ledger_x), ON)
    assert response.status_code == 200 and response.context["compared"]
    before = {r.key: r.amount for r in remittance.build(ledger_x, D(2025, 3, 1)).summary()}
    for row, c in response.context["summary"]:
        assert c.prior == before.get(row.key, 0)
        assert c.difference == row.amount - before.get(row.key, 0)
    collected = dict((row.key, c) for row, c in response.context["summary"])["collected"]
    assert collected.difference == 200000 and collected.sign == "+"
    page = response.content.decode()
    assert "Cùng kỳ năm trước" in page and "Chênh lệch" in page and "+200.000" in page
    plain = client.get(_month_url(ledger_x))
    assert all(c is None for _row, c in plain.context["summary"])
    assert "Chênh lệch" not in plain.content.decode()
    # Another unit's accountant still finds nothing.
    client.force_login(accountants.y)
    assert client.get(_month_url(ledger_x), ON).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_index_files_carry_the_comparison(
    march, people, tree, as_user, settings, tmp_path, fmt
):
    from motcua.reports.exports.writers import to_csv
    from motcua.reports.models import ReportExport
    from motcua.reports.tasks import build_export

    settings.MEDIA_ROOT = tmp_path
    client = as_user(people.manager)
    query = f"agency={tree.province.code}&start=2027-03-01&end=2027-03-31&compare=prior_year"
    assert (
        client.post(f"{reverse('reports:export', args=['index', fmt])}?{query}").status_code == 302
    )
    job = ReportExport.objects.get()
    assert job.compare_prior_year
    build_export.call(job.pk)
    body = client.get(reverse("reports:export_download", args=[job.pk])).content
    if fmt != "csv":
        return
    now = selectors.index_766(tree.province, Period(D(2027, 3, 1), D(2027, 3, 31)))
    prior = selectors.index_766(tree.province, MARCH_2026)
    table = compare.compared_table(tables.index_table(now), tables.index_table(prior))
    assert body == to_csv(table)
    total = table.rows[-1]
    assert total[14:17] == [now.total, prior.total, now.total - prior.total]


def _tables(content: bytes) -> bytes:
    """The page's tables (its forms carry a fresh token in every response)."""
    return content[content.index(b"<table") : content.rindex(b"</table>")]

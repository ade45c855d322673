"""The comparison with "cùng kỳ năm trước": the period shifted by a year, the comparison figures
equal to the report computed directly for the prior period, the differences, the pages unchanged
without the option, and access unchanged with it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from motcua.reports import selectors
from motcua.reports.common import compare, tables
from motcua.reports.common.periods import Period, shift_years
from motcua.reports.constants import PERIODIC_KEYS
from motcua.reports.periodic import report as periodic

D = datetime.date
MARCH_2026 = {"start": "2026-03-01", "end": "2026-03-31"}
# The march fixture's dossiers are in March 2026: the prior year of March 2027.
MARCH_2027 = {"start": "2027-03-01", "end": "2027-03-31"}
ON = {"compare": compare.PRIOR_YEAR}


@pytest.mark.parametrize(
    ("start", "end", "prior_start", "prior_end"),
    [
        # A month, a quarter, a half-year, a year: the whole one a year earlier.
        (D(2026, 3, 1), D(2026, 3, 31), D(2025, 3, 1), D(2025, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30), D(2025, 4, 1), D(2025, 6, 30)),
        (D(2026, 1, 1), D(2026, 6, 30), D(2025, 1, 1), D(2025, 6, 30)),
        (D(2026, 1, 1), D(2026, 12, 31), D(2025, 1, 1), D(2025, 12, 31)),
        # February of a leap year and the one after it: whole months both ways.
        (D(2024, 2, 1), D(2024, 2, 29), D(2023, 2, 1), D(2023, 2, 28)),
        (D(2025, 2, 1), D(2025, 2, 28), D(2024, 2, 1), D(2024, 2, 29)),
        (D(2025, 1, 1), D(2025, 3, 31), D(2024, 1, 1), D(2024, 3, 31)),
        # A leap day that starts or ends a period becomes the 28th.
        (D(2024, 2, 29), D(2024, 3, 10), D(2023, 2, 28), D(2023, 3, 10)),
        (D(2024, 2, 10), D(2024, 2, 29), D(2023, 2, 10), D(2023, 2, 28)),
        # Mid-month days keep their day, and the 28th starting a period stays the 28th.
        (D(2025, 2, 28), D(2025, 3, 5), D(2024, 2, 28), D(2024, 3, 5)),
        (D(2026, 12, 7), D(2026, 12, 7), D(2025, 12, 7), D(2025, 12, 7)),
    ],
)
def test_the_period_a_year_earlier(start, end, prior_start, prior_end):
    assert shift_years(Period(start, end)) == Period(prior_start, prior_end)
    assert compare.prior_period(Period(start, end)) == Period(prior_start, prior_end)


def test_the_period_shifts_forward_too():
    assert shift_years(Period(D(2023, 2, 1), D(2023, 2, 28)), 1) == Period(
        D(2024, 2, 1), D(2024, 2, 29)
    )


def test_differences():
    assert compare.compare(12, 9) == compare.Compared(9, 3)
    assert compare.compare(0, 4).sign == "−" and compare.compare(0, 4).magnitude == 4
    assert compare.compare(5, 5).sign == ""
    rate = compare.compare(Decimal("85.50"), Decimal("90.25"), percent=True)
    assert rate.difference == Decimal("-4.75") and rate.percent
    assert compare.compare(None, Decimal("90")).difference is None  # N/A this period
    assert compare.compare(Decimal("90"), None).prior is None


pytestmark_db = pytest.mark.django_db


def _get(client, name, params):
    return client.get(reverse(f"reports:{name}"), params)


@pytestmark_db
def test_the_periodic_comparison_is_the_prior_report(march, people, tree, as_user):
    client = as_user(people.manager)
    response = _get(client, "periodic", {"agency": tree.province.code, **MARCH_2027, **ON})
    assert response.status_code == 200
    prior = periodic.build(tree.province, Period(D(2026, 3, 1), D(2026, 3, 31)))
    assert prior.total.counts["received_total"] > 0
    assert response.context["prior_report"].as_dict() == prior.as_dict()
    # The total row: this year's figures (the dossiers still open are carried over), the prior
    # report's beside them, and the difference.
    report = response.context["report"]
    total = response.context["cells"][-1]
    for (value, c), key in zip(total[2:], PERIODIC_KEYS, strict=True):
        assert value == report.total.counts[key]
        assert c.prior == prior.total.counts[key]
        assert c.difference == value - prior.total.counts[key]
    assert total[2][1].difference < 0  # fewer received than a year earlier
    # Every unit of the prior year has its row, with its figures of that year.
    rows = {row[1][0]: row for row in response.context["cells"][:-1]}
    for unit in prior.units:
        assert [c.prior for _v, c in rows[unit.label][2:]] == [
            unit.counts[k] for k in PERIODIC_KEYS
        ]
    fields = {row[1][0]: row for row in response.context["field_cells"][:-1]}
    assert set(fields) == {f.label for f in prior.fields}
    page = response.content.decode()
    assert "cùng kỳ năm trước (01/03/2026 – 31/03/2026)" in page
    assert 'class="compared"' in page


@pytestmark_db
def test_the_periodic_comparison_with_an_empty_prior_year(march, people, tree, as_user):
    client = as_user(people.manager)
    response = _get(client, "periodic", {"agency": tree.province.code, **MARCH_2026, **ON})
    report = response.context["report"]
    total = response.context["cells"][-1]
    for (value, c), key in zip(total[2:], PERIODIC_KEYS, strict=True):
        assert value == report.total.counts[key]
        assert c.prior == 0 and c.difference == value
    # The same cells as a comparison of the table with the prior report's own table.
    prior = selectors.periodic_report(tree.province, Period(D(2025, 3, 1), D(2025, 3, 31)))
    assert response.context["cells"] == compare.table_cells(
        tables.periodic_table(report), tables.periodic_table(prior)
    )


@pytestmark_db
def test_the_index_comparison_is_the_prior_index(march, people, tree, as_user):
    client = as_user(people.manager)
    response = _get(client, "index", {"agency": tree.province.code, **MARCH_2027, **ON})
    assert response.status_code == 200
    prior = selectors.index_766(tree.province, Period(D(2026, 3, 1), D(2026, 3, 31)))
    assert response.context["prior_index"].as_dict() == prior.as_dict()
    current = response.context["index"]
    by_id = {i.id: i for i in prior.indicators}
    for indicator, figures in response.context["indicator_rows"]:
        p = by_id[indicator.id]
        assert figures["points"].prior == p.points
        assert figures["ratio"].prior == p.ratio
        assert figures["ratio"].percent == (not indicator.average)
        if indicator.ratio is not None and p.ratio is not None:
            assert figures["ratio"].difference == indicator.ratio - p.ratio
    figures_of = {i.id: figures for i, figures in response.context["indicator_rows"]}
    assert figures_of["2.1"]["denominator"].prior == by_id["2.1"].denominator > 0
    assert response.context["total_compared"].difference == current.total - prior.total
    for group, c in response.context["group_rows"]:
        assert c.prior == next(g.points for g in prior.groups if g.id == group.id)
    page = response.content.decode()
    assert "Cùng kỳ năm trước (01/03/2026 – 31/03/2026)" in page
    assert "điểm %" in page


@pytestmark_db
@pytest.mark.parametrize("name", ["index", "periodic"])
def test_without_the_option_the_page_is_unchanged(march, people, tree, as_user, name):
    client = as_user(people.manager)
    plain = _get(client, name, {"agency": tree.province.code, **MARCH_2026})
    off = _get(client, name, {"agency": tree.province.code, **MARCH_2026, "compare": ""})
    assert 'class="compared"' not in plain.content.decode()
    assert "prior_report" not in plain.context and "prior_index" not in plain.context
    for response in (plain, off):
        assert "Dòng nhỏ dưới mỗi số" not in response.content.decode()
        assert 'class="compared"' not in response.content.decode()
    assert [t.name for t in plain.templates] == [t.name for t in off.templates]
    # The option is offered, unticked; ticked on the comparing page.
    assert 'name="compare" value="prior_year"' in plain.content.decode()
    assert "checked" not in plain.content.decode().split('name="compare"')[1].split(">")[0]
    on = _get(client, name, {"agency": tree.province.code, **MARCH_2026, **ON})
    assert "checked" in on.content.decode().split('name="compare"')[1].split(">")[0]


@pytestmark_db
def test_the_drilldown_does_not_offer_it(march, people, tree, as_user):
    # A list of the period's dossiers: the indicator's prior figures are on the index page.
    page = as_user(people.manager).get(reverse("reports:indicator", args=["2.1"]), MARCH_2026)
    assert 'name="compare"' not in page.content.decode()


@pytestmark_db
def test_access_is_unchanged_with_the_comparison(march, people, tree, as_user):
    leader = as_user(people.leader_x)
    ok = _get(leader, "periodic", {"agency": tree.commune_x.code, **MARCH_2027, **ON})
    assert ok.status_code == 200
    # Never the other commune's figures, of this year or the last.
    assert _get(leader, "periodic", {"agency": tree.commune_y.code, **ON}).status_code == 404
    assert _get(leader, "index", {"agency": tree.province.code, **ON}).status_code == 404
    assert _get(as_user(people.desk_x), "periodic", ON).status_code == 403
    anonymous = _get(Client(), "index", ON)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


@pytestmark_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_the_periodic_export_carries_the_comparison(
    march, people, tree, as_user, settings, tmp_path, fmt
):
    from motcua.reports.exports.writers import to_csv
    from motcua.reports.models import ReportExport
    from motcua.reports.tasks import build_export

    settings.MEDIA_ROOT = tmp_path
    client = as_user(people.manager)
    query = f"agency={tree.province.code}&start=2027-03-01&end=2027-03-31&compare=prior_year"
    started = client.post(f"{reverse('reports:export', args=['periodic', fmt])}?{query}")
    assert started.status_code == 302
    job = ReportExport.objects.get()
    # A PDF page cannot hold the tripled columns: the plain report.
    assert job.compare_prior_year == (fmt != "pdf")
    build_export.call(job.pk)
    body = client.get(reverse("reports:export_download", args=[job.pk])).content
    if fmt != "csv":
        return
    report = periodic.build(tree.province, Period(D(2027, 3, 1), D(2027, 3, 31)))
    prior = periodic.build(tree.province, Period(D(2026, 3, 1), D(2026, 3, 31)))
    table = compare.compared_table(tables.periodic_table(report), tables.periodic_table(prior))
    assert body == to_csv(table)
    total = table.rows[-1]
    assert len(table.header) == 2 + 3 * len(PERIODIC_KEYS) == len(total)
    assert sum(span for _label, span in table.groups) == len(table.header)
    assert total[2:5] == [
        report.total.counts["received_total"],
        prior.total.counts["received_total"],
        report.total.counts["received_total"] - prior.total.counts["received_total"],
    ]
    text = body.decode("utf-8-sig")
    assert "Tiếp nhận – Tổng số: cùng kỳ" in text and "Tiếp nhận – Tổng số: chênh lệch" in text
    assert "Cùng kỳ năm trước: Tình hình giải quyết TTHC" in text


@pytestmark_db
def test_the_plain_export_is_unchanged(march, people, tree, as_user):
    from motcua.reports.models import ReportExport

    client = as_user(people.manager)
    query = f"agency={tree.province.code}&start=2026-03-01&end=2026-03-31"
    client.post(f"{reverse('reports:export', args=['periodic', 'csv'])}?{query}")
    assert ReportExport.objects.get().compare_prior_year is False

"""Statistics over the API: the periodic report and the Decision 766 index of the client's
agencies, the same numbers as motcua.reports computes for the managers' pages."""

import datetime
import json

import pytest

from motcua.api.views_reports import period_from
from motcua.audit.models import AuditEntry
from motcua.reports import selectors as reports
from motcua.reports.common.periods import Period

PERIODIC = "/api/v1/reports/periodic/"
INDEX = "/api/v1/reports/index766/"
MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def as_json(value) -> dict:
    return json.loads(json.dumps(value))


def test_the_periodic_report_is_the_reports_own(systems, dossiers, tree, token, call):
    response = call(
        token(systems.province),
        PERIODIC,
        {"agency": tree.province.code, "from": "2026-03-01", "to": "2026-03-31"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body == as_json(reports.periodic_report(tree.province, MARCH).as_dict())
    assert body["totals"]["new_total"] == 2
    assert body["balanced"] is True


def test_a_commune_client_reports_on_its_commune(systems, dossiers, tree, token, call):
    response = call(
        token(systems.x), PERIODIC, {"agency": tree.commune_x.code, "period": "2026-03"}
    )
    assert response.status_code == 200
    assert response.json()["totals"]["new_total"] == 1
    entry = AuditEntry.objects.get(verb="api_periodic_report")
    assert entry.data["agency"] == tree.commune_x.code
    assert (entry.data["from"], entry.data["to"]) == ("2026-03-01", "2026-03-31")


def test_the_766_index_is_the_reports_own(systems, dossiers, tree, token, call):
    response = call(
        token(systems.province), INDEX, {"agency": tree.province.code, "period": "2026-Q1"}
    )
    assert response.status_code == 200, response.content
    quarter = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert response.json() == as_json(reports.index_766(tree.province, quarter).as_dict())
    assert {"total", "groups", "indicators"} <= set(response.json())


@pytest.mark.parametrize("path", [PERIODIC, INDEX])
def test_an_agency_outside_the_client_is_not_found(systems, dossiers, tree, token, call, path):
    for agency in (tree.province, tree.commune_y, "999.99.99.H00"):
        code = getattr(agency, "code", agency)
        response = call(token(systems.x), path, {"agency": code, "period": "2026-03"})
        assert response.status_code == 404, code


@pytest.mark.parametrize("path", [PERIODIC, INDEX])
def test_reports_need_the_scope_and_a_live_client(systems, tree, token, call, client, path):
    query = {"agency": tree.commune_x.code, "period": "2026-03"}
    assert call(token(systems.catalogue_only), path, query).status_code == 403
    assert client.get(path, query).status_code == 401


@pytest.mark.parametrize(
    "query, fields",
    [
        ({}, {"agency"}),
        ({"agency": "000.00.31.H99"}, {"period"}),
        ({"agency": "000.00.31.H99", "period": "2026-13"}, {"period"}),
        ({"agency": "000.00.31.H99", "period": "2026-03", "from": "2026-03-01"}, {"period"}),
        ({"agency": "000.00.31.H99", "from": "2026-03-31", "to": "2026-03-01"}, {"to"}),
        ({"agency": "000.00.31.H99", "from": "2020-01-01", "to": "2026-03-01"}, {"to"}),
        ({"agency": "000.00.31.H99", "from": "01/03/2026", "to": "2026-03-31"}, {"from"}),
    ],
)
def test_bad_periods_are_a_400_with_the_field(systems, tree, token, call, query, fields):
    response = call(token(systems.x), PERIODIC, query)
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == fields


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2026-12", "2026-12-01", "2026-12-31"),
        ("2026-Q4", "2026-10-01", "2026-12-31"),
        ("2024-Q1", "2024-01-01", "2024-03-31"),
    ],
)
def test_periods(text, start, end):
    period = period_from(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)

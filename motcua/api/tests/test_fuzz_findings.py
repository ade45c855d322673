"""What schemathesis found against the committed description, each kept as a plain test so the
answer stays right whatever the fuzzer draws next time."""

import pytest

PROCEDURES = "/api/v1/procedures/"
AGENCIES = "/api/v1/agencies/"


def fields(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize("limit", ["0", "201", "abc", "null", "-1", "1.5", "٣"])
def test_a_limit_outside_1_to_200_is_refused_not_replaced(client, db, limit):
    response = client.get(AGENCIES, {"limit": limit})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert fields(response) == ["limit"]
    assert "1 đến 200" in response.json()["errors"][0]["message"]


def test_a_limit_in_range_sizes_the_page(client, tree):
    response = client.get(AGENCIES, {"limit": "1"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    assert response.json()["next"]


def test_an_empty_date_is_a_wrong_date_not_an_absent_one(client, db):
    response = client.get(PROCEDURES, {"on": ""})
    assert response.status_code == 400
    assert fields(response) == ["on"]


def test_an_empty_date_on_the_dossier_list_too(client, systems, token):
    response = client.get(
        "/api/v1/dossiers/",
        {"received_to": ""},
        HTTP_AUTHORIZATION=f"Bearer {token(systems.x)}",
    )
    assert response.status_code == 400
    assert fields(response) == ["received_to"]


def test_a_nul_byte_in_a_query_parameter_names_the_parameter(client, db):
    response = client.get(PROCEDURES + "?q=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert fields(response) == ["q"]


def test_an_api_address_no_route_matches_is_a_404_problem(client, db):
    response = client.get("/api/v1/dossiers/X/documents/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:motcua:problem:not-found"


def test_the_site_keeps_its_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_broken_json_body_gets_errors(client, desk_x, token, dossiers):
    response = client.post(
        f"/api/v1/dossiers/{dossiers.x.code}/actions/assign/",
        data=b"\x12\xff",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token(desk_x)}",
        HTTP_IF_MATCH=f'"{dossiers.x.version}"',
        HTTP_IDEMPOTENCY_KEY="broken-1",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "urn:motcua:problem:invalid-request"
    assert body["errors"] == [{"field": "", "message": body["detail"]}]


def test_an_unsupported_content_type_is_a_documented_415(client, desk_x, token, dossiers):
    response = client.post(
        f"/api/v1/dossiers/{dossiers.x.code}/actions/assign/",
        data="note=x",
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Bearer {token(desk_x)}",
        HTTP_IF_MATCH=f'"{dossiers.x.version}"',
        HTTP_IDEMPOTENCY_KEY="plain-1",
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"

"""Errors as problem details (RFC 9457) in the language of Accept-Language; rate limits."""

import base64

import pytest
from django.utils import translation

PROCEDURES = "/api/v1/procedures/"


def test_bad_parameters_are_a_400_with_field_paths_in_vietnamese(client, db):
    response = client.get(PROCEDURES, {"on": "02/03/2026", "level": "district"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["Content-Language"] == "vi"
    body = response.json()
    assert body["type"] == "urn:motcua:problem:invalid-request"
    assert (body["status"], body["title"]) == (400, "Yêu cầu không hợp lệ")
    assert body["detail"] == "Dữ liệu gửi lên chưa đúng; xem danh sách lỗi theo từng trường."
    assert body["errors"] == [
        {
            "field": "on",
            "message": "Ngày sai định dạng. Dùng một trong những định dạng sau để thay thế: "
            "YYYY-MM-DD.",
        },
        {"field": "level", "message": "“district” không phải là một lựa chọn hợp lệ."},
    ]


def test_accept_language_en_answers_in_english(client, db):
    response = client.get(
        PROCEDURES, {"on": "tomorrow"}, headers={"accept-language": "en-GB,vi;q=0.5"}
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    body = response.json()
    assert body["errors"] == [
        {
            "field": "on",
            "message": "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        }
    ]
    with translation.override("en"):
        assert body["title"] == translation.gettext("Yêu cầu không hợp lệ")


def test_an_unsupported_language_falls_back_to_vietnamese(client, db):
    response = client.get(PROCEDURES + "0.000000/", headers={"accept-language": "fr"})
    assert response["Content-Language"] == "vi"
    assert response.json()["title"] == "Không tìm thấy"


def test_the_site_pages_still_ignore_accept_language(client, db):
    response = client.get("/procedures/", headers={"accept-language": "en"})
    assert response["Content-Language"] == "vi"


def test_404_in_english(client, db):
    response = client.get(PROCEDURES + "0.000000/", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert response["Content-Language"] == "en"
    with translation.override("en"):
        assert response.json()["title"] == translation.gettext("Không tìm thấy")


def test_unknown_address_under_the_api_is_a_problem_not_a_page(client, db):
    response = client.get("/api/v1/applications/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Không có tài nguyên này."
    assert client.delete("/api/v1/applications/1/").status_code == 404


def test_the_root_links_to_the_resources(client, db):
    assert client.get("/api/v1/").json() == {
        "procedures": "http://testserver/api/v1/procedures/",
        "agencies": "http://testserver/api/v1/agencies/",
        "dossiers": "http://testserver/api/v1/dossiers/",
        "tracking": "http://testserver/api/v1/tracking/",
        "reports_periodic": "http://testserver/api/v1/reports/periodic/",
        "reports_index766": "http://testserver/api/v1/reports/index766/",
        "token": "http://testserver/api/v1/oauth/token/",
    }


def test_writing_is_refused_with_405(client, db):
    response = client.post(PROCEDURES, {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["type"] == "urn:motcua:problem:method-not-allowed"


def test_a_forged_cursor_is_a_400_on_the_cursor(client, db):
    response = client.get(PROCEDURES, {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["cursor"]


def test_a_cursor_forged_for_the_wrong_column_is_a_400(client, db):
    """The search pages by rank, a number; a position that is not one must not reach SQL."""
    forged = base64.b64encode(b"p=abc").decode()
    response = client.get(PROCEDURES, {"q": "khai sinh", "cursor": forged})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cursor"


def test_html_is_not_offered_outside_debug(client, db):
    response = client.get(PROCEDURES, headers={"accept": "text/html"})
    assert response.status_code == 406
    assert response.json()["type"] == "urn:motcua:problem:not-acceptable"


def test_too_many_requests_from_one_address_is_a_429_with_retry_after(client, db, settings):
    settings.API_PUBLIC_RATE = "2/minute"
    for _ in range(2):
        assert client.get(PROCEDURES).status_code == 200
    response = client.get("/api/v1/agencies/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 0 < int(response["Retry-After"]) <= 60
    body = response.json()
    assert body["type"] == "urn:motcua:problem:too-many-requests"
    assert f"sau {response['Retry-After']} giây" in body["detail"]
    forged = client.get(PROCEDURES, headers={"x-forwarded-for": "10.9.9.9"})
    assert forged.status_code == 429  # no proxy configured: the header is not believed
    other = client.get(PROCEDURES, REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_an_unexpected_error_is_a_logged_500_problem(client, db, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("selector broke")

    monkeypatch.setattr("motcua.catalog.selectors.search", broken)
    response = client.get(PROCEDURES)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:motcua:problem:server-error"
    assert "selector broke" not in response.content.decode()
    assert any(r.exc_info and "selector broke" in str(r.exc_info[1]) for r in caplog.records)


@pytest.mark.parametrize(
    "address",
    ["/api/v1/agencies/?q=a%00b", "/api/v1/procedures/%00/", "/api/v1/dossiers/?code=%00"],
)
def test_a_nul_byte_in_an_api_address_is_a_problem_not_a_page(client, db, address):
    """Found by schemathesis: the bad-input guard answered the API with the site's HTML page."""
    response = client.get(address)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and "NUL" in body["detail"]

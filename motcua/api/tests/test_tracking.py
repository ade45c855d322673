"""Public tracking over the API: the portal page's second factor, answer and limits."""

from motcua.portal import tracking as page

TRACKING = "/api/v1/tracking/"


def test_the_code_and_last_four_digits_give_the_completion_state_only(client, dossiers):
    response = client.get(TRACKING, {"code": dossiers.x.code.lower(), "last4": "5678"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"code", "procedure", "status", "due_date", "finished"}
    assert body["code"] == dossiers.x.code
    assert body["procedure"] == "Thủ tục thử nghiệm"
    assert body["status"]["national"] == {"code": 2, "label": "Được tiếp nhận"}
    assert body["finished"] is False
    assert body["due_date"] is not None
    # Nothing personal.
    assert "Nguyễn" not in response.content.decode()


def test_the_identity_numbers_last_digits_work_too(client, dossiers):
    last4 = dossiers.x.applicant_id_number[-4:]
    assert client.get(TRACKING, {"code": dossiers.x.code, "last4": last4}).status_code == 200


def test_a_wrong_second_factor_is_a_404(client, dossiers):
    response = client.get(TRACKING, {"code": dossiers.x.code, "last4": "0000"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "Giấy tiếp nhận" in response.json()["detail"]


def test_missing_or_malformed_factors_are_a_400(client, db):
    response = client.get(TRACKING, {"last4": "12a4"})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"code", "last4"}


def test_failed_lookups_of_a_code_are_limited_like_on_the_page(client, dossiers):
    for _ in range(page.MAX_FAILURES_PER_CODE):
        assert client.get(TRACKING, {"code": dossiers.x.code, "last4": "0000"}).status_code == 404
    response = client.get(TRACKING, {"code": dossiers.x.code, "last4": "5678"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= page.WINDOW_SECONDS
    assert response.json()["type"] == "urn:motcua:problem:too-many-requests"
    # The page counts the same failures: it is limited for this code too.
    assert client.get("/track/", {"code": dossiers.x.code, "last4": "5678"}).status_code == 429
    # The guesser waits, not the dossier: from another address the owner is answered.
    owner = client.get(TRACKING, {"code": dossiers.x.code, "last4": "5678"}, REMOTE_ADDR="10.9.9.9")
    assert owner.status_code == 200


def test_a_successful_lookup_is_never_counted(client, dossiers):
    for _ in range(page.MAX_FAILURES_PER_CODE + 2):
        assert client.get(TRACKING, {"code": dossiers.x.code, "last4": "5678"}).status_code == 200

"""Dossiers over the API for each persona: the client of the dossier's agency, the province's
client above it, the other commune's client, a client without the scope, a revoked client and
anonymous callers."""

import base64
import hashlib

import pytest

from motcua.api import services as clients
from motcua.audit.models import AuditAction, AuditEntry

from .conftest import PDF

DOSSIERS = "/api/v1/dossiers/"


def detail(code):
    return f"{DOSSIERS}{code}/"


def document(code, file_id):
    return f"{DOSSIERS}{code}/documents/{file_id}/"


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_each_client_lists_the_dossiers_of_its_agencies_only(systems, dossiers, token, call):
    assert codes(call(token(systems.x), DOSSIERS)) == [dossiers.x.code]
    assert codes(call(token(systems.y), DOSSIERS)) == [dossiers.y.code]
    # The province sees its communes, newest first.
    assert codes(call(token(systems.province), DOSSIERS)) == [dossiers.y.code, dossiers.x.code]


def test_the_list_row(systems, dossiers, token, call):
    row = call(token(systems.x), DOSSIERS).json()["results"][0]
    assert row["code"] == dossiers.x.code
    assert row["status"]["code"] == "received"
    assert row["status"]["national"] == {"code": 2, "label": "Được tiếp nhận"}
    assert row["procedure"] == {"code": "9.000001", "name": "Thủ tục thử nghiệm", "version": 1}
    assert row["receiving_unit"]["code"] == "000.00.31.H99"
    assert row["applicant_name"] == "Nguyễn Văn An"
    assert row["url"] == f"http://testserver{detail(dossiers.x.code)}"


@pytest.mark.parametrize(
    "query, found",
    [
        ({"status": "received"}, ["x", "y"]),
        ({"status": "returned"}, []),
        ({"procedure": "9.000001"}, ["x", "y"]),
        ({"procedure": "1.000100"}, []),
        ({"received_from": "2026-03-03"}, ["y"]),
        ({"received_to": "2026-03-02"}, ["x"]),
        ({"received_from": "2026-03-02", "received_to": "2026-03-02"}, ["x"]),
        ({"q": "nguyen van an"}, ["x", "y"]),
        ({"q": "Trần"}, []),
    ],
)
def test_the_list_is_filtered_like_the_back_office_queue(
    systems, dossiers, token, call, query, found
):
    expected = [getattr(dossiers, key).code for key in reversed(found)]
    assert codes(call(token(systems.province), DOSSIERS, query)) == expected


def test_the_code_filter_takes_a_prefix(systems, dossiers, token, call):
    prefix = dossiers.x.code[:-2]
    assert codes(call(token(systems.province), DOSSIERS, {"code": prefix})) == [dossiers.x.code]


def test_bad_filters_are_a_400_with_the_fields(systems, token, call):
    response = call(
        token(systems.x),
        DOSSIERS,
        {"status": "draft", "received_from": "02/03/2026"},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"status", "received_from"}
    response = call(
        token(systems.x), DOSSIERS, {"received_from": "2026-03-05", "received_to": "2026-03-01"}
    )
    assert [e["field"] for e in response.json()["errors"]] == ["received_to"]


def test_the_list_pages_with_cursors(systems, dossiers, token, call):
    access = token(systems.province)
    first = call(access, DOSSIERS, {"limit": 1}).json()
    assert [r["code"] for r in first["results"]] == [dossiers.y.code]
    second = call(access, first["next"]).json()
    assert [r["code"] for r in second["results"]] == [dossiers.x.code]
    assert second["next"] is None


def test_the_list_has_a_query_budget(
    systems, dossiers, walk_in, token, call, django_assert_max_num_queries
):
    for _ in range(5):
        walk_in()
    access = token(systems.x)
    # token, client, its agencies, the page, the audit row (and the throttle's cache).
    with django_assert_max_num_queries(6):
        assert len(codes(call(access, DOSSIERS))) == 6


def test_the_detail_of_a_dossier(systems, dossiers, token, call):
    body = call(token(systems.x), detail(dossiers.x.code)).json()
    assert body["code"] == dossiers.x.code
    assert body["version"] == dossiers.x.version
    assert body["applicant"]["name"] == "Nguyễn Văn An"
    assert body["applicant"]["phone"] == "0912345678"
    assert body["procedure"]["version"] == 1
    assert body["status"]["national"]["code"] == 2
    assert body["received_at"].startswith("2026-03-02T")
    assert body["due_at"] is not None
    assert [e["action"] for e in body["history"]] == ["receive"]
    assert body["history"][0]["actor"] == "Phạm Văn Cường"
    assert [s["order"] for s in body["steps"]] == [1, 2, 3, 4, 5]
    assert body["fees"][0]["amount"] == 50000
    assert body["pauses"] == []
    assert body["results"] == []
    files = body["documents"][0]["files"]
    assert files == [
        {
            "id": dossiers.form.pk,
            "name": "to-khai.pdf",
            "content_type": "application/pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "url": f"http://testserver{document(dossiers.x.code, dossiers.form.pk)}",
        }
    ]


def test_the_detail_has_a_query_budget(
    systems, dossiers, token, call, django_assert_max_num_queries
):
    access = token(systems.x)
    with django_assert_max_num_queries(16):
        assert call(access, detail(dossiers.x.code)).status_code == 200


def test_reading_a_dossier_is_audited_with_the_client(systems, dossiers, token, call):
    call(token(systems.x), detail(dossiers.x.code))
    entry = AuditEntry.objects.get(verb="api_view_dossier")
    assert entry.action == AuditAction.VIEW
    assert entry.actor is None
    assert entry.object_type == "dossiers.dossier"
    assert entry.object_id == str(dossiers.x.pk)
    assert entry.data["api_client"] == systems.x.client.client_id
    assert entry.data["status"] == 200


def test_a_list_is_audited_with_its_query(systems, dossiers, token, call):
    call(token(systems.x), DOSSIERS, {"q": "an"})
    entry = AuditEntry.objects.get(verb="api_list_dossiers")
    assert entry.data["query"] == {"q": "an"}
    assert entry.data["api_client_name"] == "Phần mềm một cửa xã X"


@pytest.mark.parametrize("persona", ["y", "catalogue_only"])
def test_a_dossier_outside_the_client_is_refused(systems, dossiers, token, call, persona):
    response = call(token(getattr(systems, persona)), detail(dossiers.x.code))
    if persona == "y":
        # Outside its agencies: exactly as if it did not exist.
        assert response.status_code == 404
        missing = call(token(systems.y), detail("000.00.31.H99-260302-9999"))
        assert missing.status_code == 404
        assert response.json()["title"] == missing.json()["title"]
    else:
        assert response.status_code == 403
    assert call(
        token(getattr(systems, persona)), document(dossiers.x.code, dossiers.form.pk)
    ).status_code in (
        403,
        404,
    )


def test_the_refused_attempt_is_audited_too(systems, dossiers, token, call):
    call(token(systems.y), detail(dossiers.x.code))
    entry = AuditEntry.objects.get(verb="api_view_dossier")
    assert entry.data["status"] == 404
    assert entry.object_type == "api.apiclient"


def test_anonymous_and_revoked_callers_get_401(systems, dossiers, token, call, client):
    access = token(systems.revoked)
    clients.revoke_client(systems.revoked.client, actor=None)
    for path in (DOSSIERS, detail(dossiers.x.code), document(dossiers.x.code, dossiers.form.pk)):
        assert client.get(path).status_code == 401
        assert call(access, path).status_code == 401


def test_a_document_downloads_with_its_digest(systems, dossiers, token, call):
    response = call(
        token(systems.x), document(dossiers.x.code, dossiers.form.pk), HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content == PDF
    digest = hashlib.sha256(PDF)
    assert response["X-Content-SHA256"] == digest.hexdigest()
    assert response["Digest"] == "sha-256=" + base64.b64encode(digest.digest()).decode()
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(verb="api_download_document")
    assert entry.data["file"] == dossiers.form.pk


def test_a_file_of_another_dossier_is_not_found_through_this_one(systems, dossiers, token, call):
    # The province sees both dossiers, but X's file is not Y's.
    response = call(token(systems.province), document(dossiers.y.code, dossiers.form.pk))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"

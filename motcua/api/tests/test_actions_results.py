"""The later actions over the API — transfer, approve, record result (with its file), return,
stop, withdraw — through the pages' service functions, with the same If-Match and
Idempotency-Key rules, the documents app's content checks on files, and the personas'
refusals."""

from io import BytesIO

import pytest
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.api import services as clients
from motcua.documents import services as documents
from motcua.documents.models import StoredFile
from motcua.dossiers.models import Event
from motcua.signatures.tests.helpers import simple_pdf

DOSSIERS = "/api/v1/dossiers/"


@pytest.fixture
def commune_system(tree):
    """A sector system of commune X holding every role of the internal process there."""
    return clients.create_client(
        actor=None,
        name="Phần mềm chuyên ngành xã X",
        agencies=[tree.commune_x],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["desk_officer", "specialist", "agency_leader", "registry_clerk"],
    )


@pytest.fixture
def upload(client):
    """``upload(token, code, action, fields, files, if_match=…)``: a multipart POST."""

    def post(access_token, code, action, fields, *, if_match, key=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {access_token}", "HTTP_IF_MATCH": if_match}
        if key:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        return client.post(f"{DOSSIERS}{code}/actions/{action}/", fields, **headers)

    return post


def _step(act, access, code, action, etag, body=None, **kwargs):
    response = act(access, code, action, body or {}, if_match=etag, **kwargs)
    assert response.status_code == 200, (action, response.content)
    return response


def test_a_dossier_goes_to_its_returned_result_over_the_api(
    commune_system, dossiers, token, call, act, upload
):
    access = token(commune_system)
    code = dossiers.x.code
    etag = call(access, f"{DOSSIERS}{code}/")["ETag"]
    etag = _step(act, access, code, "assign", etag)["ETag"]
    etag = _step(act, access, code, "complete_step", etag, {"note": "Đủ điều kiện"})["ETag"]
    approved = _step(act, access, code, "approve", etag, {"decision": "granted", "note": "Đồng ý"})
    assert approved.json()["history"][-1]["action"] == "approve"
    result = BytesIO(simple_pdf("Giấy khai sinh"))
    result.name = "giay-khai-sinh.pdf"
    response = upload(
        access,
        code,
        "record_result",
        {"document_number": "15/GKS", "name": "Giấy khai sinh", "file": result},
        if_match=approved["ETag"],
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"]["code"] == "result_ready"
    assert body["history"][-1]["action"] == "record_result"
    # The file uploaded was issued with the agency's seal, as on the page.
    issued = dossiers.x.results.get()
    assert issued.file.sha256 != StoredFile.objects.get(name="giay-khai-sinh.pdf").sha256
    signed = PdfFileReader(BytesIO(documents.read_bytes(issued.file)))
    assert len(signed.embedded_signatures) == 1
    returned = _step(
        act,
        access,
        code,
        "return_result",
        response["ETag"],
        {"recipient_name": "Nguyễn Văn An", "recipient_id_number": "068080001234"},
    )
    assert returned.json()["status"]["code"] == "returned"


def test_a_result_file_of_a_refused_type_is_a_400_and_nothing_changes(
    commune_system, dossiers, token, call, act, upload
):
    access = token(commune_system)
    code = dossiers.x.code
    etag = call(access, f"{DOSSIERS}{code}/")["ETag"]
    etag = _step(act, access, code, "assign", etag)["ETag"]
    etag = _step(act, access, code, "complete_step", etag)["ETag"]
    events = Event.objects.filter(dossier=dossiers.x).count()
    fake = BytesIO(b"MZ\x90\x00 not a pdf at all")
    fake.name = "ket-qua.pdf"
    response = upload(access, code, "approve", {"result_file": fake}, if_match=etag)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["result_file"]
    assert Event.objects.filter(dossier=dossiers.x).count() == events
    empty = BytesIO(b"")
    empty.name = "rong.pdf"
    response = upload(access, code, "approve", {"result_file": empty}, if_match=etag)
    assert response.status_code == 400


def test_refusing_needs_a_reason(commune_system, dossiers, token, call, act):
    access = token(commune_system)
    code = dossiers.x.code
    etag = call(access, f"{DOSSIERS}{code}/")["ETag"]
    etag = _step(act, access, code, "assign", etag)["ETag"]
    etag = _step(act, access, code, "complete_step", etag)["ETag"]
    response = act(access, code, "approve", {"decision": "refused"}, if_match=etag)
    assert response.status_code == 409
    assert "lý do" in response.json()["detail"]
    bad = act(access, code, "approve", {"decision": "maybe"}, if_match=etag)
    assert bad.status_code == 400
    assert [e["field"] for e in bad.json()["errors"]] == ["decision"]


def test_transfer_to_a_partner_of_the_province(commune_system, dossiers, token, call, act, tree):
    access = token(commune_system)
    code = dossiers.x.code
    etag = call(access, f"{DOSSIERS}{code}/")["ETag"]
    etag = _step(act, access, code, "assign", etag)["ETag"]
    unknown = act(
        access,
        code,
        "transfer",
        {"to_agency": "KHONG.CO", "task": "Xác minh", "quota_hours": "8"},
        if_match=etag,
    )
    assert unknown.status_code == 400
    assert [e["field"] for e in unknown.json()["errors"]] == ["to_agency"]
    response = act(
        access,
        code,
        "transfer",
        {"to_agency": tree.commune_y.code, "task": "Xác minh nơi cư trú", "quota_hours": "8"},
        if_match=etag,
        key="transfer-1",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"]["code"] == "transferred"
    again = act(
        access,
        code,
        "transfer",
        {"to_agency": tree.commune_y.code, "task": "Xác minh nơi cư trú", "quota_hours": "8"},
        if_match=etag,
        key="transfer-1",
    )
    assert again.status_code == 200 and again.json() == response.json()
    assert Event.objects.filter(dossier=dossiers.x, action="transfer").count() == 1


def test_stop_needs_a_reason_and_the_leaders_role(
    commune_system, desk_x, dossiers, token, call, act
):
    code = dossiers.x.code
    etag = call(token(commune_system), f"{DOSSIERS}{code}/")["ETag"]
    missing = act(token(commune_system), code, "stop", {}, if_match=etag)
    assert missing.status_code == 400
    assert [e["field"] for e in missing.json()["errors"]] == ["reason"]
    # The desk's system has no leader's role: refused by the service.
    refused = act(token(desk_x), code, "stop", {"reason": "Không thuộc thẩm quyền"}, if_match=etag)
    assert refused.status_code == 403
    stopped = act(
        token(commune_system), code, "stop", {"reason": "Không thuộc thẩm quyền"}, if_match=etag
    )
    assert stopped.status_code == 200, stopped.content
    assert stopped.json()["status"]["code"] == "stopped"
    # Closed: the state refuses before the version is even looked at.
    closed = act(token(commune_system), code, "withdraw", {}, if_match=stopped["ETag"])
    assert closed.status_code == 409


def test_withdraw_at_the_applicants_request(desk_x, desk_y, dossiers, token, call, act):
    code = dossiers.x.code
    etag = call(token(desk_x), f"{DOSSIERS}{code}/")["ETag"]
    assert act(token(desk_y), code, "withdraw", {}, if_match=etag).status_code == 404
    response = act(token(desk_x), code, "withdraw", {"reason": "Đơn xin rút"}, if_match=etag)
    assert response.status_code == 200, response.content
    assert response.json()["status"]["code"] == "withdrawn"
    again = act(token(desk_x), code, "withdraw", {}, if_match=response["ETag"])
    assert again.status_code == 409


def test_a_supplement_is_received_with_its_files(
    commune_system, desk_y, walk_in, token, call, act, upload
):
    # Received now: a supplement may be asked for only within 3 working days of receipt.
    dossier = walk_in(at=timezone.now())
    access = token(commune_system)
    code = dossier.code
    etag = call(access, f"{DOSSIERS}{code}/")["ETag"]
    etag = _step(act, access, code, "assign", etag)["ETag"]
    asked = _step(
        act,
        access,
        code,
        "request_supplement",
        etag,
        {"items": [{"name": "Bản sao giấy chứng sinh", "reason": "Bản chụp mờ"}]},
    )
    assert asked.json()["status"]["code"] == "awaiting_supplement"
    etag = asked["ETag"]
    # Nothing attached: refused with the field, nothing changes.
    refused = upload(access, code, "complete_supplement", {"note": "x"}, if_match=etag)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["files"]
    # A file of a refused type among good ones: the list's item is named.
    fake = BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "giay-chung-sinh.pdf"
    good = BytesIO(simple_pdf("Giấy chứng sinh"))
    good.name = "giay-chung-sinh.pdf"
    refused = upload(access, code, "complete_supplement", {"files": [good, fake]}, if_match=etag)
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["files.1"]
    # The other commune's system cannot see the dossier at all.
    again = BytesIO(simple_pdf("Giấy chứng sinh"))
    again.name = "giay-chung-sinh.pdf"
    other = upload(token(desk_y), code, "complete_supplement", {"files": [again]}, if_match=etag)
    assert other.status_code == 404
    first, second = (BytesIO(simple_pdf(f"Trang {n}")) for n in (1, 2))
    first.name, second.name = "chung-sinh-1.pdf", "chung-sinh-2.pdf"
    response = upload(
        access,
        code,
        "complete_supplement",
        {"files": [first, second], "note": "Đã nhận bản rõ"},
        if_match=etag,
        key="supplement-1",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"]["code"] != "awaiting_supplement"
    assert body["history"][-1]["action"] == "complete_supplement"
    supplement = next(d for d in body["documents"] if d["name"] == "Giấy tờ bổ sung")
    assert sorted(f["name"] for f in supplement["files"]) == [
        "chung-sinh-1.pdf",
        "chung-sinh-2.pdf",
    ]
    assert Event.objects.filter(dossier=dossier, action="complete_supplement").count() == 1

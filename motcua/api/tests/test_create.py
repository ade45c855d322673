"""Creating a dossier over the API: received at one of the client's units by the desk's service
function, files checked like the pages' uploads, Idempotency-Key, and the refusals."""

import base64

import pytest

from motcua.api import services as clients
from motcua.documents.tests import samples
from motcua.dossiers.models import Dossier, Event

DOSSIERS = "/api/v1/dossiers/"
PDF = samples.pdf("a test form")


@pytest.fixture
def lgsp(tree):
    return clients.create_client(
        actor=None,
        name="Trục LGSP tỉnh",
        agencies=[tree.commune_x],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["desk_officer"],
    )


@pytest.fixture
def create(client):
    def post(access_token, body, key=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {access_token}"} if access_token else {}
        if key:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        return client.post(DOSSIERS, body, content_type="application/json", **headers)

    return post


def _body(tree, content=PDF, **overrides):
    body = {
        "procedure": "9.000001",
        "receiving_unit": tree.commune_x.code,
        "applicant": {"name": "Nguyễn Văn An", "id_number": "068080001234", "phone": "0912345678"},
        "components": [
            {
                "component": 1,
                "files": [{"name": "to-khai.pdf", "content": base64.b64encode(content).decode()}],
                "paper_originals": 1,
            }
        ],
    }
    return body | overrides


def test_a_dossier_is_received_for_the_applicant(lgsp, version, tree, token, create, call):
    response = create(token(lgsp), _body(tree), key="lgsp-0001")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"]["code"] == "received"
    assert response["Location"] == f"{DOSSIERS}{body['code']}/"
    assert response["ETag"] == '"1"'
    dossier = Dossier.objects.get(code=body["code"])
    assert dossier.receiving_unit == tree.commune_x
    assert dossier.applicant_name == "Nguyễn Văn An"
    (component,) = dossier.components.all()
    (stored,) = component.files.all()
    assert stored.content_type == "application/pdf" and stored.size == len(PDF)
    # Received by the client's officer account, as the desk would.
    event = Event.objects.get(dossier=dossier)
    assert event.action == "receive" and event.actor == lgsp.client.officer
    # The same key: the same dossier, no second one.
    again = create(token(lgsp), _body(tree), key="lgsp-0001")
    assert again.status_code == 201 and again.json()["code"] == body["code"]
    assert Dossier.objects.count() == 1
    assert call(token(lgsp), response["Location"]).status_code == 200


def test_a_file_whose_content_is_not_accepted_is_a_400_and_nothing_is_created(
    lgsp, version, tree, token, create
):
    response = create(token(lgsp), _body(tree, content=b"MZ\x90\x00 an executable"))
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["components.0.files.0.content"]
    broken = _body(tree)
    broken["components"][0]["files"][0]["content"] = "not base64!"
    response = create(token(lgsp), broken)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["components.0.files.0.content"]
    assert not Dossier.objects.exists()


def test_bad_input_names_its_fields(lgsp, version, tree, token, create):
    response = create(
        token(lgsp),
        _body(tree, procedure="0.000000", applicant={}, components=[{"component": 0}]),
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"applicant.name", "components.0.component"}
    unknown = create(token(lgsp), _body(tree, procedure="0.000000"))
    assert [e["field"] for e in unknown.json()["errors"]] == ["procedure"]
    no_part = create(token(lgsp), _body(tree, components=[{"component": 9, "paper_originals": 1}]))
    assert [e["field"] for e in no_part.json()["errors"]] == ["components.0.component"]
    # The service's own rule: the mandatory form is missing.
    missing = create(token(lgsp), _body(tree, components=[]))
    assert missing.status_code == 400
    (problem,) = missing.json()["errors"]
    assert problem["field"] == "components" and "Tờ khai" in problem["message"]
    assert not Dossier.objects.exists()


def test_only_at_the_clients_own_units(lgsp, version, tree, token, create, systems):
    elsewhere = create(token(lgsp), _body(tree, receiving_unit=tree.commune_y.code))
    assert elsewhere.status_code == 400
    assert [e["field"] for e in elsewhere.json()["errors"]] == ["receiving_unit"]
    # Without dossiers:write; anonymous; a client with the scope but no desk role.
    assert create(token(systems.province), _body(tree)).status_code == 403
    assert create(None, _body(tree)).status_code == 401
    no_role = create(token(systems.x), _body(tree))
    assert no_role.status_code == 403
    assert not Dossier.objects.exists()


def test_a_file_of_a_few_megabytes_passes_the_body_limit(lgsp, version, tree, token, create):
    """The API takes files in its body: its limit is an upload form's, not the 1 MB of other
    addresses (motcua.documents.bodylimit), so a 3 MB scan is received."""
    scan = PDF + b"0" * (3 * 1024 * 1024)
    response = create(token(lgsp), _body(tree, content=scan), key="lgsp-big-0001")
    assert response.status_code == 201, response.content[:300]
    stored = Dossier.objects.get().components.get().files.get()
    assert stored.size == len(scan)


def test_a_body_over_the_memory_cap_is_a_413_problem(lgsp, version, tree, token, create, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    scan = PDF + b"0" * (128 * 1024)
    response = create(token(lgsp), _body(tree, content=scan))
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413
    assert not Dossier.objects.exists()


def test_a_repeat_or_a_failure_leaves_no_file_behind(
    lgsp, version, tree, token, create, monkeypatch
):
    """#19 item 4: no orphaned file, whether the request repeats a key or a part fails."""
    from django.core.files.storage import default_storage
    from django.db import OperationalError

    from motcua.documents.models import StoredFile
    from motcua.dossiers import services

    first = create(token(lgsp), _body(tree), key="lgsp-orphan")
    assert first.status_code == 201
    (kept,) = StoredFile.objects.all()
    saved = []
    real_save = default_storage.save
    monkeypatch.setattr(
        default_storage, "save", lambda *a, **k: saved.append(real_save(*a, **k)) or saved[-1]
    )
    # The same key again: the same dossier, and the second copy of the file is removed.
    assert create(token(lgsp), _body(tree), key="lgsp-orphan").status_code == 201
    assert list(StoredFile.objects.all()) == [kept]
    assert saved and not default_storage.exists(saved[-1])

    # The database connection cut while receiving: 503, nothing saved, no file left.
    def cut(**kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(services, "receive", cut)
    response = create(token(lgsp), _body(tree), key="lgsp-cut")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "cơ sở dữ liệu" in response.json()["detail"]
    assert list(StoredFile.objects.all()) == [kept]
    assert not default_storage.exists(saved[-1])
    assert Dossier.objects.count() == 1

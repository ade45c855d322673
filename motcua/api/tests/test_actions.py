"""Actions on a dossier over the API: the page's service functions acting as the client's
officer account, If-Match on the version (412 when stale, 428 when missing), Idempotency-Key
(same answer, never a second action), 409 for what the state or the rules refuse, and the
personas' refusals."""

from motcua.api import services as clients
from motcua.audit.models import AuditEntry
from motcua.dossiers.models import Event

DOSSIERS = "/api/v1/dossiers/"


def action_path(code, action):
    return f"{DOSSIERS}{code}/actions/{action}/"


def test_completing_the_desks_step_moves_the_dossier_on(desk_x, dossiers, token, call, act):
    access = token(desk_x)
    read = call(access, f"{DOSSIERS}{dossiers.x.code}/")
    etag = read["ETag"]
    assert etag == f'"{dossiers.x.version}"'
    response = act(access, dossiers.x.code, "assign", {"note": "Chuyển thẩm định"}, if_match=etag)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == dossiers.x.version + 1
    assert response["ETag"] == f'"{body["version"]}"'
    last = body["history"][-1]
    assert last["action"] == "assign"
    assert body["status"]["code"] == "in_progress"
    assert last["reason"] == "Chuyển thẩm định"
    assert last["actor"] == "Phần mềm một cửa xã X (hệ thống kết nối)"
    # Audited twice: by the service (the act, its officer account) and by the API (the client).
    assert AuditEntry.objects.filter(
        verb="assign", actor=desk_x.client.officer, object_id=str(dossiers.x.pk)
    ).exists()
    entry = AuditEntry.objects.get(verb="api_dossier_action")
    assert entry.data["api_client"] == desk_x.client.client_id
    assert entry.data["dossier_action"] == "assign"
    assert entry.action == "change"
    assert entry.data["status"] == 200


def test_a_stale_version_is_a_412_and_changes_nothing(desk_x, dossiers, token, act):
    events = Event.objects.filter(dossier=dossiers.x).count()
    stale = f'"{dossiers.x.version - 1}"' if dossiers.x.version > 1 else '"999"'
    response = act(token(desk_x), dossiers.x.code, "assign", if_match=stale)
    assert response.status_code == 412
    assert response.json()["type"] == "urn:motcua:problem:stale"
    assert Event.objects.filter(dossier=dossiers.x).count() == events


def test_if_match_is_required_and_must_be_a_version(desk_x, dossiers, token, act):
    access = token(desk_x)
    missing = act(access, dossiers.x.code, "assign")
    assert missing.status_code == 428
    assert missing.json()["type"] == "urn:motcua:problem:precondition-required"
    wrong = act(access, dossiers.x.code, "assign", if_match="yesterday")
    assert wrong.status_code == 400
    assert [e["field"] for e in wrong.json()["errors"]] == ["If-Match"]
    # A weak ETag and a bare number are read too.
    assert (
        act(access, dossiers.x.code, "assign", if_match=f'W/"{dossiers.x.version}"').status_code
        == 200
    )


def test_the_same_idempotency_key_gives_the_same_answer_and_one_action(
    desk_x, dossiers, token, act
):
    access = token(desk_x)
    version = f'"{dossiers.x.version}"'
    first = act(access, dossiers.x.code, "assign", if_match=version, key="req-7f3a")
    again = act(access, dossiers.x.code, "assign", if_match=version, key="req-7f3a")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Event.objects.filter(dossier=dossiers.x, action="assign").count() == 1
    # The same key for another action is refused, not replayed.
    other = act(access, dossiers.x.code, "accept", if_match=version, key="req-7f3a")
    assert other.status_code == 409
    assert "đã được dùng cho một thao tác khác" in other.json()["detail"]


def test_another_clients_key_is_its_own(desk_x, dossiers, token, act, tree):
    other = clients.create_client(
        actor=None,
        name="Phần mềm khác của xã X",
        agencies=[tree.commune_x],
        scopes=["dossiers:write"],
        roles=["desk_officer"],
    )
    version = f'"{dossiers.x.version}"'
    assert (
        act(token(desk_x), dossiers.x.code, "assign", if_match=version, key="k1").status_code == 200
    )
    # Not a replay of desk_x's request: a fresh action on a version now stale.
    assert (
        act(token(other), dossiers.x.code, "assign", if_match=version, key="k1").status_code == 412
    )


def test_an_action_the_state_does_not_allow_is_a_409_with_the_services_words(
    desk_x, dossiers, token, act
):
    response = act(token(desk_x), dossiers.x.code, "accept", if_match=f'"{dossiers.x.version}"')
    assert response.status_code == 409
    assert response.json()["type"] == "urn:motcua:problem:conflict"
    assert response.json()["detail"]


def test_bad_input_is_a_400_with_the_field_paths(desk_x, dossiers, token, act):
    response = act(
        token(desk_x),
        dossiers.x.code,
        "request_supplement",
        {"items": [{"reason": "thiếu tên"}]},
        if_match=f'"{dossiers.x.version}"',
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["items.0.name"]
    assert act(token(desk_x), dossiers.x.code, "delete", if_match='"1"').status_code == 404


def test_personas_are_refused(desk_x, desk_y, systems, dossiers, token, act, client):
    version = f'"{dossiers.x.version}"'
    # The other commune's client: as if the dossier did not exist.
    assert act(token(desk_y), dossiers.x.code, "assign", if_match=version).status_code == 404
    # A client without dossiers:write.
    assert (
        act(token(systems.province), dossiers.x.code, "assign", if_match=version).status_code == 403
    )
    # The scope, but no role for the act: the service's refusal, as a 403.
    refused = act(token(systems.x), dossiers.x.code, "assign", if_match=version)
    assert refused.status_code == 403
    assert "vai trò" in refused.json()["detail"]
    # Anonymous and revoked.
    assert act(None, dossiers.x.code, "assign", if_match=version).status_code == 401
    access = token(desk_x)
    clients.revoke_client(desk_x.client, actor=None)
    assert act(access, dossiers.x.code, "assign", if_match=version).status_code == 401
    assert not Event.objects.filter(dossier=dossiers.x, action="assign").exists()


def test_a_specialists_system_completes_its_step(desk_x, dossiers, token, call, act, tree):
    specialist = clients.create_client(
        actor=None,
        name="Phần mềm chuyên ngành",
        agencies=[tree.commune_x],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["specialist"],
    )
    handed = act(token(desk_x), dossiers.x.code, "assign", if_match=f'"{dossiers.x.version}"')
    assert handed.status_code == 200
    response = act(
        token(specialist),
        dossiers.x.code,
        "complete_step",
        {"note": "Đủ điều kiện"},
        if_match=handed["ETag"],
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["history"][-1]["action"] == "complete_step"
    assert body["status"]["code"] == "awaiting_approval"
    steps = {s["order"]: s for s in body["steps"]}
    assert steps[2]["finished_at"] is not None

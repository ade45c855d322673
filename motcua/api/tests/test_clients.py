"""Managing API clients: ``manage.py api_client create|list|revoke``, the admin, and the rules
the service keeps (scopes known, agencies for what needs them, the secret stored hashed)."""

import io

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from motcua.accounts.models import User, UserKind
from motcua.api import services
from motcua.api.models import ApiClient
from motcua.audit.models import AuditEntry

from .conftest import TOKEN_URL, basic


def run(*args) -> str:
    out = io.StringIO()
    call_command("api_client", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_id_and_secret_once_and_they_get_a_token(tree, client):
    out = run(
        "create",
        "--name",
        "LGSP tỉnh",
        "--agency",
        tree.province.code,
        "--scope",
        "dossiers:read",
        "--scope",
        "reports:read",
    )
    lines = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    created = ApiClient.objects.get(application__client_id=lines["client_id"])
    assert created.scopes == ["dossiers:read", "reports:read"]
    assert list(created.agencies.all()) == [tree.province]
    # Only the hash is kept.
    assert created.application.client_secret != lines["client_secret"]
    identify_hasher(created.application.client_secret)
    response = client.post(
        TOKEN_URL,
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic(lines["client_id"], lines["client_secret"]),
    )
    assert response.status_code == 200
    assert AuditEntry.objects.filter(verb="create_api_client", object_id=str(created.pk)).exists()


def test_create_refuses_unknown_agencies_and_scopes_that_need_one(tree):
    with pytest.raises(CommandError, match="Unknown agency"):
        run("create", "--name", "X", "--agency", "999.99.99.H00", "--scope", "dossiers:read")
    with pytest.raises(CommandError, match="cơ quan"):
        run("create", "--name", "X", "--scope", "dossiers:read")
    with pytest.raises(CommandError):
        run("create", "--name", "X", "--scope", "dossiers:delete")
    assert not ApiClient.objects.exists()


def test_a_catalogue_only_client_needs_no_agency(db):
    issued = services.create_client(
        actor=None, name="Cổng tỉnh", agencies=[], scopes=["catalog:read"]
    )
    assert issued.client.scopes == ["catalog:read"]


def test_the_service_says_what_is_wrong_by_field(db):
    with pytest.raises(ValidationError) as error:
        services.create_client(actor=None, name=" ", agencies=[], scopes=[])
    assert set(error.value.message_dict) == {"name", "scopes"}


def test_list_and_revoke(systems):
    listed = run("list")
    assert systems.x.client.client_id in listed
    assert "active" in listed
    out = run("revoke", systems.x.client.client_id, "--reason", "Hết hợp đồng")
    assert "Revoked" in out
    systems.x.client.refresh_from_db()
    assert systems.x.client.revoked_at is not None
    assert systems.x.client.revoke_reason == "Hết hợp đồng"
    line = next(line for line in run("list").splitlines() if systems.x.client.client_id in line)
    assert line.endswith("revoked " + f"{systems.x.client.revoked_at:%Y-%m-%d %H:%M}")
    with pytest.raises(CommandError):
        run("revoke", "no-such-client")


def test_revoking_twice_changes_nothing(systems):
    first = services.revoke_client(systems.x.client, actor=None, reason="một")
    second = services.revoke_client(systems.x.client, actor=None, reason="hai")
    assert second.revoked_at == first.revoked_at
    assert second.revoke_reason == "một"
    assert AuditEntry.objects.filter(verb="revoke_api_client").count() == 1


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser(
        "quantri", "quantri@example.vn", "x", full_name="Nguyễn Văn Quản", kind=UserKind.OFFICER
    )
    client.force_login(admin)
    return client


def test_the_admin_creates_a_client_and_shows_the_secret_once(admin_client, tree):
    response = admin_client.post(
        reverse("admin:api_apiclient_add"),
        {
            "name": "Phần mềm hộ tịch",
            "scopes": ["dossiers:read"],
            "agencies": [tree.commune_x.pk],
            "contact": "Sở Tư pháp",
        },
        follow=True,
    )
    assert response.status_code == 200
    created = ApiClient.objects.get()
    assert str(created) == "Phần mềm hộ tịch"
    assert list(created.agencies.all()) == [tree.commune_x]
    shown = [str(m) for m in response.context["messages"]]
    assert any(created.client_id in m and "client_secret" in m for m in shown)
    assert AuditEntry.objects.filter(verb="create_api_client", actor__username="quantri").exists()


def test_the_admin_form_says_what_is_missing(admin_client, tree):
    response = admin_client.post(
        reverse("admin:api_apiclient_add"), {"name": "X", "scopes": ["reports:read"]}
    )
    assert response.status_code == 200
    assert "agencies" in response.context["adminform"].form.errors
    assert not ApiClient.objects.exists()


def test_the_admin_changes_grants_and_revokes(admin_client, systems, tree):
    change = reverse("admin:api_apiclient_change", args=[systems.x.client.pk])
    assert admin_client.get(change).status_code == 200
    admin_client.post(
        change,
        {"scopes": ["reports:read"], "agencies": [tree.commune_x.pk, tree.commune_y.pk]},
    )
    systems.x.client.refresh_from_db()
    assert systems.x.client.scopes == ["reports:read"]
    assert systems.x.client.agencies.count() == 2
    admin_client.post(
        reverse("admin:api_apiclient_changelist"),
        {"action": "revoke", "_selected_action": [systems.x.client.pk]},
    )
    systems.x.client.refresh_from_db()
    assert systems.x.client.revoked_at is not None
    assert AuditEntry.objects.filter(verb="change_api_client").exists()


def test_create_gives_the_officer_account_its_roles(tree):
    out = run(
        "create",
        "--name",
        "Phần mềm một cửa",
        "--agency",
        tree.commune_x.code,
        "--scope",
        "dossiers:write",
        "--role",
        "desk_officer",
    )
    created = ApiClient.objects.get()
    officer = created.officer
    assert f"officer: {officer.username}" in out
    assert officer.is_officer
    assert not officer.has_usable_password()
    assert [(m.unit, m.role) for m in officer.memberships.all()] == [
        (tree.commune_x, "desk_officer")
    ]
    with pytest.raises(CommandError):
        run(
            "create",
            "--name",
            "Y",
            "--agency",
            tree.commune_x.code,
            "--scope",
            "dossiers:write",
            "--role",
            "boss",
        )

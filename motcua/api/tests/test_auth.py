"""OAuth2 client credentials end to end through the real token endpoint: tokens, scopes,
revocation at once, the problems of a missing or bad token, and the demo VNeID provider's own
scopes kept apart."""

import pytest
from oauth2_provider.models import AccessToken, Application

from motcua.api import services as clients
from motcua.audit.models import AuditEntry

from .conftest import TOKEN_URL, basic

DOSSIERS = "/api/v1/dossiers/"


def test_a_client_gets_a_token_with_its_scopes_and_calls_the_api(systems, client, call):
    response = client.post(
        TOKEN_URL,
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic(systems.x.client.client_id, systems.x.client_secret),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert set(body["scope"].split()) == {
        "catalog:read",
        "dossiers:read",
        "dossiers:write",
        "reports:read",
    }
    assert body["expires_in"] > 0
    assert call(body["access_token"], DOSSIERS).status_code == 200


def test_credentials_in_the_body_work_too(systems, client):
    response = client.post(
        TOKEN_URL,
        {
            "grant_type": "client_credentials",
            "client_id": systems.x.client.client_id,
            "client_secret": systems.x.client_secret,
            "scope": "dossiers:read",
        },
    )
    assert response.status_code == 200
    assert response.json()["scope"] == "dossiers:read"


def test_a_wrong_secret_gets_no_token(systems, client):
    response = client.post(
        TOKEN_URL,
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic(systems.x.client.client_id, "not-the-secret"),
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_a_scope_not_granted_is_refused(systems, client):
    response = client.post(
        TOKEN_URL,
        {"grant_type": "client_credentials", "scope": "dossiers:read"},
        HTTP_AUTHORIZATION=basic(
            systems.catalogue_only.client.client_id, systems.catalogue_only.client_secret
        ),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_an_api_client_cannot_ask_for_the_identity_providers_scopes(systems, client):
    response = client.post(
        TOKEN_URL,
        {"grant_type": "client_credentials", "scope": "openid profile"},
        HTTP_AUTHORIZATION=basic(systems.x.client.client_id, systems.x.client_secret),
    )
    assert response.status_code == 400


def test_the_demo_identity_providers_clients_cannot_get_api_scopes(db):
    from oauth2_provider.scopes import get_scopes_backend

    portal = Application.objects.create(
        name="Cổng DVC (demo)",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="http://testserver/oidc/callback/",
    )
    available = get_scopes_backend().get_available_scopes(application=portal)
    assert "openid" in available
    assert not {"dossiers:read", "reports:read", "catalog:read"} & set(available)


def test_without_a_token_the_answer_is_a_401_problem_with_a_bearer_challenge(systems, client):
    response = client.get(DOSSIERS)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["type"] == "urn:motcua:problem:not-authenticated"


def test_a_bad_token_is_a_401_problem(systems, call):
    response = call("made-up-token", DOSSIERS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json()["type"] == "urn:motcua:problem:not-authenticated"
    assert response["Content-Language"] == "en"


def test_a_token_without_the_scope_is_a_403_problem(systems, token, call):
    response = call(token(systems.catalogue_only), DOSSIERS)
    assert response.status_code == 403
    assert response.json()["type"] == "urn:motcua:problem:forbidden"
    assert "dossiers:read" in response.json()["detail"]


def test_a_scope_taken_away_applies_to_the_next_call(systems, token, call, tree):
    access = token(systems.x)
    assert call(access, DOSSIERS).status_code == 200
    clients.change_grants(
        systems.x.client, actor=None, agencies=[tree.commune_x], scopes=["catalog:read"]
    )
    assert call(access, DOSSIERS).status_code == 403


def test_revoking_refuses_the_clients_tokens_at_once_and_issues_no_more(
    systems, token, call, client
):
    access = token(systems.revoked)
    assert call(access, DOSSIERS).status_code == 200
    clients.revoke_client(systems.revoked.client, actor=None, reason="Hết hợp đồng")
    response = call(access, DOSSIERS)
    assert response.status_code == 401
    assert not AccessToken.objects.filter(application=systems.revoked.client.application).exists()
    again = client.post(
        TOKEN_URL,
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic(systems.revoked.client.client_id, systems.revoked.client_secret),
    )
    assert again.status_code == 401
    assert AuditEntry.objects.filter(verb="revoke_api_client", reason="Hết hợp đồng").exists()


def test_a_revoked_client_is_refused_even_with_a_token_left_over(systems, token, call):
    """Should a token outlive the revocation (a copy restored from a backup), the client's own
    state still refuses it."""
    access = token(systems.revoked)
    from django.utils import timezone

    from motcua.api.models import ApiClient

    ApiClient.objects.filter(pk=systems.revoked.client.pk).update(revoked_at=timezone.now())
    response = call(access, DOSSIERS)
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]


def test_a_token_of_an_application_that_is_no_api_client_is_refused(systems, call, db):
    import datetime

    from django.utils import timezone

    other = Application.objects.create(
        name="Ứng dụng khác",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
    )
    AccessToken.objects.create(
        application=other,
        token="other-application-token",
        scope="dossiers:read",
        expires=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert call("other-application-token", DOSSIERS).status_code == 401


@pytest.mark.parametrize("debug, expected", [(True, 200), (False, 401)])
def test_officers_session_opens_the_browsable_api_only_when_debugging(
    settings, client, people, systems, dossiers, debug, expected
):
    settings.DEBUG = debug
    client.force_login(people.desk_x)
    response = client.get(DOSSIERS, HTTP_ACCEPT="application/json")
    assert response.status_code == expected
    if expected == 200:
        codes = [row["code"] for row in response.json()["results"]]
        assert codes == [dossiers.x.code]  # the desk officer's own access: X only


def test_a_citizens_session_never_opens_the_api(settings, client, people, systems, dossiers):
    settings.DEBUG = True
    client.force_login(people.citizen_a)
    assert client.get(DOSSIERS).status_code == 401


def test_the_client_rate_limit_is_a_429_with_retry_after(settings, systems, token, call):
    settings.API_CLIENT_RATE = "2/minute"
    access = token(systems.x)
    assert call(access, DOSSIERS).status_code == 200
    assert call(access, DOSSIERS).status_code == 200
    response = call(access, DOSSIERS)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["type"] == "urn:motcua:problem:too-many-requests"
    # Another client is counted apart.
    assert call(token(systems.y), DOSSIERS).status_code == 200


@pytest.fixture
def browsable(settings, monkeypatch):
    """The API as DEBUG serves it: with DRF's browsable pages (the renderers are fixed when the
    views are defined, so they are set here as DEBUG would have)."""
    from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

    from motcua.api.base import ApiView

    settings.DEBUG = True
    monkeypatch.setattr(ApiView, "renderer_classes", [JSONRenderer, BrowsableAPIRenderer])


@pytest.mark.parametrize("path", ["/api/v1/procedures/", "/api/v1/agencies/", DOSSIERS])
def test_the_browsable_api_shows_the_lists_to_an_officer(browsable, client, people, dossiers, path):
    client.force_login(people.desk_x)
    response = client.get(path, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]

"""The OAuth2 provider follows RFC 9700 (#17 item 10): tokens are stored as checksums, only
accepted in the Authorization header, no password or implicit grant, PKCE with S256 only, and
the authorization response names its issuer (RFC 9207)."""

import base64
import hashlib
import io
import secrets
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.core.management import call_command
from oauth2_provider.models import AccessToken, get_application_model

from .conftest import TOKEN_URL

DOSSIERS = "/api/v1/dossiers/"
REDIRECT = "http://testserver/oidc/callback/"


def test_a_token_is_stored_only_as_its_checksum_and_still_works(systems, token, call):
    access = token(systems.x)
    stored = AccessToken.objects.get(application=systems.x.client.application)
    assert stored.token == ""
    assert stored.token_checksum == hashlib.sha256(access.encode()).hexdigest()
    assert access not in str(AccessToken.objects.values_list().get(pk=stored.pk))
    assert call(access, DOSSIERS).status_code == 200


def test_a_token_in_the_query_string_is_refused(systems, token, client):
    access = token(systems.x)
    assert client.get(DOSSIERS, {"access_token": access}).status_code == 401


@pytest.fixture
def demo_client(db):
    call_command("demo_idp", redirect_uri=[REDIRECT], stdout=io.StringIO())
    return get_application_model().objects.get(client_id="motcua-portal-demo")


def _authorize(client, application, **overrides):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    query = {
        "response_type": "code",
        "client_id": application.client_id,
        "redirect_uri": REDIRECT,
        "scope": "openid profile",
        "state": "s-1",
        "code_challenge": challenge.decode(),
        "code_challenge_method": "S256",
        **overrides,
    }
    return client.get(f"/idp/authorize/?{urlencode(query)}"), query


def _hidden(html: str) -> dict:
    import re
    from html import unescape

    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: unescape(value) for name, value in fields}


def test_the_authorization_response_names_its_issuer(client, people, demo_client):
    client.force_login(people.citizen_a)
    consent, _ = _authorize(client, demo_client)
    assert consent.status_code == 200
    response = client.post("/idp/authorize/", _hidden(consent.content.decode()) | {"allow": "1"})
    assert response.status_code == 302
    answer = parse_qs(urlparse(response["Location"]).query)
    assert answer["code"] and answer["state"] == ["s-1"]
    # RFC 9207: exactly the issuer the provider's discovery document names.
    issuer = client.get("/idp/.well-known/openid-configuration").json()["issuer"]
    assert answer["iss"] == [issuer]


@pytest.mark.parametrize(
    "overrides",
    [
        {"code_challenge_method": "plain", "code_challenge": "x" * 50},
        {"code_challenge": "", "code_challenge_method": ""},
        {"response_type": "token"},
    ],
    ids=["plain PKCE", "no PKCE", "implicit grant"],
)
def test_weak_authorization_requests_get_no_code_or_token(client, people, demo_client, overrides):
    client.force_login(people.citizen_a)
    response, _ = _authorize(client, demo_client, **overrides)
    if response.status_code == 200:  # the consent page: allowing must still give nothing
        response = client.post(
            "/idp/authorize/", _hidden(response.content.decode()) | {"allow": "1"}
        )
    location = response.get("Location", "")
    assert "code=" not in location and "access_token" not in location
    assert response.status_code in (302, 400) and (
        response.status_code == 400 or "error=" in location
    )


def test_the_password_grant_is_refused(client, people, password):
    Application = get_application_model()
    application = Application.objects.create(
        name="Ứng dụng thử mật khẩu",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_PASSWORD,
        client_secret="s3cret-for-test",
    )
    credentials = base64.b64encode(f"{application.client_id}:s3cret-for-test".encode()).decode()
    for endpoint in ("/idp/token/", TOKEN_URL):
        response = client.post(
            endpoint,
            {
                "grant_type": "password",
                "username": people.citizen_a.username,
                "password": password,
            },
            HTTP_AUTHORIZATION=f"Basic {credentials}",
        )
        assert response.status_code in (400, 401), (endpoint, response.content)
        assert "access_token" not in response.content.decode()
    assert not AccessToken.objects.filter(application=application).exists()

"""Sign-in with the in-project demo VNeID provider: the real OpenID Connect authorization-code
flow (PKCE, RS256 ID token checked against the provider's JWKS, user info), the browser side
driven by the test client and the server-to-server calls answered by a live server."""

import io
import re
from html import unescape
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.accounts.models import CitizenProfile, UserKind
from motcua.accounts.oidc import VneidBackend
from motcua.accounts.tests.factories import personal_id_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(settings, live_server):
    """The provider answers token, user-info and key requests at the live server."""
    base = f"{live_server.url}/idp"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks/"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://testserver/idp/authorize/"
    call_command(
        "demo_idp", redirect_uri=["http://testserver/oidc/callback/"], stdout=io.StringIO()
    )
    return base


def _path(url: str) -> str:
    parts = urlparse(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _hidden_fields(html: str) -> dict:
    return {
        name: unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    }


def sign_in_with_vneid(client: Client, personal_id: str, password: str, next_url="/my/dossiers/"):
    response = client.get(f"/oidc/authenticate/?next={next_url}")
    assert response.status_code == 302 and "/idp/authorize/" in response["Location"]
    authorize = _path(response["Location"])
    response = client.get(authorize)
    assert response.status_code == 302 and "/idp/login/" in response["Location"]
    login_page = client.get(_path(response["Location"]))
    assert "VNeID (mô phỏng)" in login_page.content.decode()
    response = client.post(
        _path(response["Location"]),
        {"personal_id": personal_id, "password": password, "next": authorize},
    )
    assert response.status_code == 302
    consent = client.get(authorize)
    html = consent.content.decode()
    assert "Cho phép chia sẻ thông tin" in html
    response = client.post(authorize, _hidden_fields(html) | {"allow": "1"})
    assert response.status_code == 302 and "/oidc/callback/" in response["Location"]
    return client.get(_path(response["Location"]))


def test_a_citizen_signs_in_with_vneid_and_is_marked_verified(provider, people, password):
    citizen = people.citizen_a
    assert citizen.citizen_profile.vneid_verified is False
    client = Client()
    response = sign_in_with_vneid(client, citizen.citizen_profile.personal_id, password)
    assert response.status_code == 302 and response["Location"] == "/my/dossiers/"
    profile = CitizenProfile.objects.get(user=citizen)
    assert profile.vneid_verified and profile.vneid_verified_at is not None
    assert client.get("/my/dossiers/").status_code == 200


def test_a_wrong_password_at_the_provider_is_refused(provider, people):
    client = Client()
    response = client.get("/oidc/authenticate/")
    authorize = _path(response["Location"])
    response = client.post(
        "/idp/login/",
        {
            "personal_id": people.citizen_a.citizen_profile.personal_id,
            "password": "sai",
            "next": authorize,
        },
    )
    assert response.status_code == 200
    assert "Số định danh hoặc mật khẩu không đúng" in response.content.decode()


def test_officers_cannot_sign_in_at_the_provider(provider, people, password):
    client = Client()
    response = client.post(
        "/idp/login/", {"personal_id": people.desk_x.username, "password": password}
    )
    assert "Số định danh hoặc mật khẩu không đúng" in response.content.decode()
    client.force_login(people.desk_x)
    assert client.get("/idp/authorize/?client_id=x").status_code == 403


def test_the_provider_publishes_its_keys_and_configuration(provider):
    client = Client()
    keys = client.get("/idp/jwks/").json()["keys"]
    assert keys and keys[0]["kty"] == "RSA" and "d" not in keys[0]
    configuration = client.get("/idp/.well-known/openid-configuration").json()
    assert configuration["authorization_endpoint"].endswith("/idp/authorize/")


def test_the_demo_client_registration_is_idempotent(provider):
    from oauth2_provider.models import get_application_model

    call_command(
        "demo_idp", redirect_uri=["http://testserver/oidc/callback/"], stdout=io.StringIO()
    )
    assert get_application_model().objects.count() == 1


def test_an_unknown_person_gets_a_verified_citizen_account(db):
    import datetime

    birth = datetime.date(1990, 1, 2)
    claims = {
        "personal_id": personal_id_for(birth),
        "birthdate": birth.isoformat(),
        "name": "Trần Văn Mới",
        "phone_number": "0901234567",
    }
    backend = VneidBackend()
    assert backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    user = backend.create_user(claims)
    assert user.kind == UserKind.CITIZEN and not user.has_usable_password()
    assert user.citizen_profile.vneid_verified and user.citizen_profile.vneid_verified_at


def test_claims_without_a_valid_personal_id_are_refused(db):
    backend = VneidBackend()
    assert not backend.verify_claims({"name": "X"})
    assert not backend.verify_claims({"personal_id": "123", "birthdate": "1990-01-02"})

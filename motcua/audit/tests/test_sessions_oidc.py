"""A VNeID (OpenID Connect) sign-in is recorded like any other. In the demo the provider runs in
the same site and session, so the person is signed in once, at the provider's page, and the
callback (mozilla-django-oidc) keeps that session rather than signing in again; with a real
provider the sign-in happens at the callback. Either way Django's signal records it."""

import pytest
from django.test import Client

from motcua.accounts.tests.test_oidc import provider, sign_in_with_vneid  # noqa: F401
from motcua.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_vneid_sign_in_is_recorded(provider, people, password):  # noqa: F811
    citizen = people.citizen_a
    response = sign_in_with_vneid(Client(), citizen.citizen_profile.personal_id, password)
    assert response.status_code == 302 and response["Location"] == "/my/dossiers/"
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN, actor=citizen)
    assert entry.data["path"] == "/idp/login/"
    assert entry.ip == "127.0.0.1"


def test_a_wrong_password_at_vneid_is_recorded(provider, people):  # noqa: F811
    Client().post(
        "/idp/login/",
        {"personal_id": people.citizen_a.citizen_profile.personal_id, "password": "sai"},
    )
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert entry.data["path"] == "/idp/login/"

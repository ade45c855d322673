"""Sign-ins, failed sign-ins and sign-outs, on every way in, with the address they came from."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from motcua.audit.models import AuditAction, AuditEntry
from motcua.backoffice.tests.second_factor import enrol_at_sign_in

pytestmark = pytest.mark.django_db

FROM = {"REMOTE_ADDR": "198.51.100.4", "HTTP_USER_AGENT": "Thử"}


def _post(client, url, username, password):
    return client.post(url, {"username": username, "password": password}, **FROM)


def test_a_citizen_sign_in_and_sign_out_are_recorded(client, people, password):
    personal_id = people.citizen_a.citizen_profile.personal_id
    assert _post(client, reverse("accounts:login"), personal_id, password).status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
    assert entry.actor == people.citizen_a
    assert (entry.ip, entry.user_agent) == ("198.51.100.4", "Thử")
    assert entry.data["path"] == reverse("accounts:login")
    client.post(reverse("accounts:logout"), **FROM)
    assert AuditEntry.objects.get(action=AuditAction.SIGN_OUT).actor == people.citizen_a


def test_a_failed_sign_in_is_recorded_with_what_was_typed(client, people):
    response = _post(client, reverse("accounts:login"), "0912345678", "sai-mat-khau")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert entry.actor is None
    assert entry.data["username"] == "0912345678"
    assert "sai-mat-khau" not in str(entry.data)
    assert entry.ip == "198.51.100.4"


def test_an_officer_sign_in_and_a_failure_are_recorded(client, people, password):
    url = reverse("backoffice:login")
    _post(client, url, people.desk_x.username, "sai")
    assert _post(client, url, people.desk_x.username, password).status_code == 302
    failed = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.data["username"] == people.desk_x.username
    # The right password alone opens no session (the second factor): no sign-in yet.
    assert not AuditEntry.objects.filter(action=AuditAction.SIGN_IN).exists()
    enrol_at_sign_in(client)
    assert AuditEntry.objects.get(action=AuditAction.SIGN_IN).actor == people.desk_x


def test_an_admin_sign_in_and_a_failure_are_recorded(client, db, password):
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", password)
    url = reverse("admin:login")
    _post(client, url, "quantri", "sai")
    assert _post(client, url, "quantri", password).status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_FAILED).count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.SIGN_IN).exists()
    enrol_at_sign_in(client)
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
    assert entry.actor == admin


def test_a_sign_in_is_one_row_and_nothing_else(client, people, password):
    personal_id = people.citizen_a.citizen_profile.personal_id
    _post(client, reverse("accounts:login"), personal_id, password)
    assert AuditEntry.objects.count() == 1
    assert get_user_model().objects.filter(pk=people.citizen_a.pk).exists()

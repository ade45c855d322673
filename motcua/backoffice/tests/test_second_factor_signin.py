"""Officers sign in with a second factor (#17 item 4): the password alone opens no session;
enrolling an authenticator app; its codes, once each; recovery codes, once each; wrong codes
slowed down; the admin site the same."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.audit.models import AuditEntry
from motcua.backoffice.second_factor.services import recovery_code_digest

from .second_factor import code_for, enrol_at_sign_in, next_code, shown_codes

pytestmark = pytest.mark.django_db

LOGIN = "backoffice:login"
VERIFY = "backoffice:second_factor_verify"
ENROL = "backoffice:second_factor_enrol"
WAIT = "Bạn đã nhập sai mã nhiều lần"


@pytest.fixture
def clock(monkeypatch):
    now = {"t": time.time()}
    monkeypatch.setattr(time, "time", lambda: now["t"])

    def advance(seconds):
        now["t"] += seconds

    return advance


def _password(client, user, password, url=None, **extra):
    return client.post(
        url or reverse(LOGIN), {"username": user.username, "password": password, **extra}
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _verbs(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )


@pytest.fixture
def enrolled(client, people, password):
    """The desk officer of commune X with an app enrolled through the pages, signed out again;
    the app's device and the recovery codes shown."""
    officer = people.desk_x
    _password(client, officer, password)
    enrol_at_sign_in(client)
    codes_page = client.get(reverse("backoffice:second_factor_codes"))
    codes = shown_codes(codes_page.content.decode())
    assert len(codes) == 10
    client.post(reverse("accounts:logout"))
    return officer, TOTPDevice.objects.get(user=officer), codes


def test_the_password_alone_opens_no_session(client, people, password):
    response = _password(client, people.desk_x, password)
    assert response["Location"] == reverse(ENROL)
    assert not _signed_in(client)
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse(LOGIN))


def test_an_officer_enrols_an_app_at_first_sign_in(client, people, password):
    officer = people.desk_x
    _password(client, officer, password, next="/backoffice/queue/")
    page = client.get(reverse(ENROL)).content.decode()
    assert "Đăng ký ứng dụng xác thực" in page
    key_hex = client.session["second_factor_new_secret"]
    qr = client.get(reverse("backoffice:second_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content

    wrong = "000000" if code_for(key_hex) != "000000" else "111111"
    response = client.post(reverse(ENROL), {"code": wrong})
    assert response.status_code == 200 and "Mã chưa đúng" in response.content.decode()
    assert not _signed_in(client) and not TOTPDevice.objects.filter(user=officer).exists()

    response = client.post(reverse(ENROL), {"code": code_for(key_hex)})
    assert _signed_in(client)
    assert response["Location"].startswith(reverse("backoffice:second_factor_codes"))
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed and device.key == key_hex
    page = client.get(response["Location"]).content.decode()
    codes = shown_codes(page)
    stored = set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(codes) == 10 and stored == {recovery_code_digest(code) for code in codes}
    assert not stored & set(codes)  # a dump of the database gives no usable code
    assert 'href="/backoffice/queue/"' in page  # on to where the officer was going
    # Shown once: the page does not show them again.
    again = client.get(reverse("backoffice:second_factor_codes"))
    assert again["Location"] == reverse("backoffice:security")
    assert client.get(reverse("backoffice:home")).status_code == 200
    # The session opens only now, so the sign-in (audit of sign-ins) is recorded after the app.
    assert _verbs(officer) == ["second_factor_enrol_failed", "second_factor_enrolled", "sign_in"]


def test_an_enrolled_officer_gives_the_apps_code(client, enrolled, password):
    officer, device, _codes = enrolled
    response = _password(client, officer, password, next="/backoffice/queue/")
    assert response["Location"] == reverse(VERIFY)
    assert not _signed_in(client)
    response = client.post(reverse(VERIFY), {"code": "12345"})
    assert response.status_code == 200 and not _signed_in(client)
    device.refresh_from_db()
    response = client.post(reverse(VERIFY), {"code": next_code(device)})
    assert response["Location"] == "/backoffice/queue/"
    assert client.get("/backoffice/queue/").status_code == 200
    assert _verbs(officer)[-3:] == ["second_factor_failed", "second_factor_verified", "sign_in"]


def test_a_code_once_used_is_refused(client, enrolled, password):
    officer, device, _codes = enrolled
    _password(client, officer, password)
    device.refresh_from_db()
    code = next_code(device)
    client.post(reverse(VERIFY), {"code": code})
    assert _signed_in(client)
    client.post(reverse("accounts:logout"))
    _password(client, officer, password)
    response = client.post(reverse(VERIFY), {"code": code})
    assert "Mã chưa đúng hoặc đã dùng" in response.content.decode() and not _signed_in(client)


def test_a_recovery_code_works_once(client, enrolled, password):
    officer, _device, codes = enrolled
    _password(client, officer, password)
    client.post(reverse(VERIFY), {"code": codes[0].upper()})
    assert _signed_in(client)
    entry = AuditEntry.objects.filter(verb="second_factor_verified").latest("id")
    assert entry.data["method"] == "recovery_code" and entry.data["recovery_codes_left"] == 9
    client.post(reverse("accounts:logout"))
    _password(client, officer, password)
    client.post(reverse(VERIFY), {"code": codes[0]})
    assert not _signed_in(client)
    client.post(reverse(VERIFY), {"code": codes[1]})
    assert _signed_in(client)


def test_wrong_codes_are_slowed_down_then_the_right_one_passes(client, enrolled, password, clock):
    officer, device, _codes = enrolled
    _password(client, officer, password)
    for _ in range(5):
        response = client.post(reverse(VERIFY), {"code": "000001"})
        assert WAIT not in response.content.decode()
    response = client.post(reverse(VERIFY), {"code": "000001"})  # the sixth: a wait starts
    assert WAIT not in response.content.decode()
    device.refresh_from_db()
    response = client.post(reverse(VERIFY), {"code": next_code(device)})
    assert WAIT in response.content.decode() and not _signed_in(client)
    clock(31)
    _password(client, officer, password)  # the pending sign-in may have aged: start again
    device.refresh_from_db()
    client.post(reverse(VERIFY), {"code": next_code(device)})
    assert _signed_in(client)


def test_the_password_alone_cannot_replace_an_enrolled_app(client, enrolled, password):
    officer, device, _codes = enrolled
    _password(client, officer, password)
    assert client.get(reverse(ENROL))["Location"] == reverse(VERIFY)
    assert client.get(reverse("backoffice:second_factor_qr")).status_code == 404
    response = client.post(reverse(ENROL), {"code": "123456"})
    assert response["Location"] == reverse(VERIFY)
    assert list(TOTPDevice.objects.filter(user=officer)) == [device] and not _signed_in(client)


def test_a_session_opened_by_the_password_alone_is_signed_out(client, people, password):
    # Any other way in (Django's own login, a session older than the requirement): the
    # middleware ends it at its next request, whichever page it asks for.
    assert client.login(username=people.desk_x.username, password=password)
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 302 and not _signed_in(client)
    assert client.login(username=people.desk_x.username, password=password)
    assert client.get("/api/v1/dossiers/").status_code in (401, 403)


def test_the_admin_needs_the_second_factor_too(client, db):
    admin = get_user_model().objects.create_superuser(
        username="quantri", password="Quan-tri-2026", email="qt@example.vn", kind="officer"
    )
    response = _password(client, admin, "Quan-tri-2026", url=reverse("admin:login"), next="/admin/")
    assert response["Location"] == reverse(ENROL) and not _signed_in(client)
    assert client.get("/admin/").status_code == 302
    response = enrol_at_sign_in(client)
    assert _signed_in(client)
    codes = client.get(response["Location"]).content.decode()
    assert 'href="/admin/"' in codes
    assert client.get("/admin/").status_code == 200


def test_an_unverified_admin_session_is_refused_by_the_site_itself(rf, db):
    from django.contrib import admin

    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "x", kind="officer")
    request = rf.get("/admin/")
    request.user = user
    user.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_an_administrator_enrols_in_a_browser_where_a_citizen_was_signed_in(client, people):
    # The admin's sign-in takes a password while another account is signed in (the back
    # office's sends a signed-in visitor home): signing in starts a new session, codes kept.
    admin = get_user_model().objects.create_superuser(
        username="quantri", password="Quan-tri-2026", email="qt@example.vn", kind="officer"
    )
    client.force_login(people.citizen_a)
    _password(client, admin, "Quan-tri-2026", url=reverse("admin:login"), next="/admin/")
    response = enrol_at_sign_in(client)
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert "Mã dự phòng của bạn" in client.get(response["Location"]).content.decode()

"""Who is asked a second factor (#17 item 4): every officer and admin account by default; per
role only where it may be switched off (DEBUG); the demo officers exempt only under DEBUG and
their setting; citizens never. An administrator resets a colleague's app (audited); an officer
makes new recovery codes."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.audit.models import AuditEntry
from motcua.backoffice.second_factor import policy
from motcua.backoffice.second_factor.services import recovery_code_digest

from .second_factor import enrol_at_sign_in, next_code, shown_codes

pytestmark = pytest.mark.django_db


def _password(client, user, password):
    return client.post(
        reverse("backoffice:login"), {"username": user.username, "password": password}
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def demo_officer(people):
    officer = people.desk_x
    officer.groups.add(Group.objects.get_or_create(name=policy.DEMO_GROUP)[0])
    return officer


def test_demo_officers_skip_it_only_with_debug_and_the_demo_setting(
    client, settings, demo_officer, people, password
):
    settings.DEBUG, settings.DEMO_OFFICERS_SKIP_2FA = True, True
    _password(client, demo_officer, password)
    assert _signed_in(client)
    assert client.get(reverse("backoffice:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    # Not a demo account: asked, DEBUG or not.
    assert _password(client, people.specialist_x, password)["Location"].endswith("/login/app/")
    assert not _signed_in(client)
    # The setting without DEBUG exempts nobody.
    settings.DEBUG = False
    assert _password(client, demo_officer, password)["Location"].endswith("/login/app/")
    assert not _signed_in(client)
    # DEBUG without the setting neither.
    settings.DEBUG, settings.DEMO_OFFICERS_SKIP_2FA = True, False
    assert policy.required_for(demo_officer)


def test_per_role_where_it_may_be_switched_off(client, settings, people, password, tree):
    settings.DEBUG, settings.OFFICER_2FA_REQUIRED = True, False
    settings.OFFICER_2FA_ROLES = [Role.MANAGER, "no-such-role"]
    assert policy.required_for(people.manager)
    assert not policy.required_for(people.desk_x)
    _password(client, people.desk_x, password)
    assert _signed_in(client)
    client.post(reverse("accounts:logout"))
    assert _password(client, people.manager, password)["Location"].endswith("/login/app/")
    settings.OFFICER_2FA_ROLES = [Role.ADMINISTRATOR]
    admin = make_officer("Quản Trị", unit=tree.province, role=Role.SPECIALIST)
    admin.is_staff = True
    assert policy.required_for(admin) and not policy.required_for(people.manager)


def test_an_officer_who_enrolled_where_it_is_optional_is_still_asked(
    client, settings, people, password
):
    settings.DEBUG, settings.OFFICER_2FA_REQUIRED, settings.OFFICER_2FA_ROLES = True, False, []
    client.force_login(people.desk_x)
    enrol_at_sign_in(client, reverse("backoffice:security_enrol"))
    client.post(reverse("accounts:logout"))
    assert _password(client, people.desk_x, password)["Location"].endswith("/login/code/")


def test_citizens_are_never_asked_and_cannot_reach_the_officers_pages(as_user, people, client):
    assert not policy.asked_of(people.citizen_a)
    citizen = as_user(people.citizen_a)
    for name in ("security", "security_enrol", "second_factor_codes"):
        assert citizen.get(reverse(f"backoffice:{name}")).status_code == 403
    assert citizen.get(reverse("backoffice:second_factor_qr")).status_code == 404
    assert citizen.post(reverse("backoffice:second_factor_new_codes")).status_code == 403
    # Without a pending sign-in the code page sends back to the password.
    response = citizen.get(reverse("backoffice:second_factor_verify"))
    assert response["Location"].startswith(reverse("backoffice:login"))
    assert not TOTPDevice.objects.filter(user=people.citizen_a).exists()


def test_anonymous_visitors_are_sent_to_the_sign_in(client, db):
    for name in ("security", "security_enrol", "second_factor_verify", "second_factor_enrol"):
        response = client.get(reverse(f"backoffice:{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("backoffice:login"))
    assert client.get(reverse("backoffice:second_factor_qr")).status_code == 404


def test_an_officer_makes_new_recovery_codes_and_the_old_stop(as_user, people):
    client = as_user(people.desk_x)  # verified by an app (conftest)
    page = client.get(reverse("backoffice:security")).content.decode()
    assert "Xác thực hai lớp đang bật" in page
    first = client.post(reverse("backoffice:second_factor_new_codes"))
    old = shown_codes(client.get(first["Location"]).content.decode())
    second = client.post(reverse("backoffice:second_factor_new_codes"))
    new = shown_codes(client.get(second["Location"]).content.decode())
    assert len(old) == len(new) == 10 and not set(old) & set(new)
    stored = set(
        StaticToken.objects.filter(device__user=people.desk_x).values_list("token", flat=True)
    )
    assert stored == {recovery_code_digest(code) for code in new}
    assert "Còn 10 mã dự phòng" in client.get(reverse("backoffice:security")).content.decode()
    verbs = AuditEntry.objects.filter(object_id=str(people.desk_x.pk)).values_list(
        "verb", flat=True
    )
    assert list(verbs).count("second_factor_codes_regenerated") == 2


def test_an_officer_changes_phones_and_stays_signed_in_while_other_sessions_end(as_user, people):
    client = as_user(people.desk_x)
    elsewhere = Client()
    elsewhere.force_login(people.desk_x)
    assert elsewhere.get(reverse("backoffice:home")).status_code == 200
    old = TOTPDevice.objects.get(user=people.desk_x)
    response = enrol_at_sign_in(
        client, reverse("backoffice:security_enrol"), current_code=next_code(old)
    )
    assert response["Location"] == reverse("backoffice:second_factor_codes")
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert client.get(reverse("backoffice:home")).status_code == 200
    # The session on the other computer rested on the old phone: it ends.
    assert elsewhere.get(reverse("backoffice:home")).status_code == 302


def test_the_phone_switch_page_asks_for_the_new_code_first_then_the_old_apps_proof(as_user, people):
    page = as_user(people.desk_x).get(reverse("backoffice:security_enrol")).content.decode()
    new_code = page.index('name="code"')
    old_code = page.index('name="current_code"')
    assert new_code < old_code
    assert "Mã 6 chữ số trên ứng dụng mới" in page
    assert "chứng minh bạn đang giữ ứng dụng cũ" in page


@pytest.mark.parametrize("current_code", ["", "000000", "wrongcode"])
def test_an_open_session_alone_cannot_move_the_second_factor_to_another_phone(
    as_user, people, current_code
):
    client = as_user(people.desk_x)
    old = TOTPDevice.objects.get(user=people.desk_x)
    response = enrol_at_sign_in(
        client, reverse("backoffice:security_enrol"), current_code=current_code
    )
    assert response.status_code == 200
    assert "current_code" in response.context["form"].errors
    assert list(TOTPDevice.objects.filter(user=people.desk_x)) == [old]


def test_a_lost_phone_is_replaced_with_a_recovery_code(as_user, people):
    client = as_user(people.desk_x)
    first = client.post(reverse("backoffice:second_factor_new_codes"))
    codes = shown_codes(client.get(first["Location"]).content.decode())
    response = enrol_at_sign_in(client, reverse("backoffice:security_enrol"), current_code=codes[0])
    assert response["Location"] == reverse("backoffice:second_factor_codes")
    # The old codes went with the old phone; the new set is shown once.
    stored = set(
        StaticToken.objects.filter(device__user=people.desk_x).values_list("token", flat=True)
    )
    assert len(stored) == 10 and recovery_code_digest(codes[1]) not in stored


def test_new_recovery_codes_end_the_other_sessions_not_this_one(as_user, people):
    StaticDevice.objects.create(user=people.desk_x, name="codes", confirmed=True)
    client = as_user(people.desk_x)
    elsewhere = Client()
    elsewhere.force_login(people.desk_x)
    assert elsewhere.get(reverse("backoffice:home")).status_code == 200
    assert client.post(reverse("backoffice:second_factor_new_codes")).status_code == 302
    assert client.get(reverse("backoffice:home")).status_code == 200
    assert elsewhere.get(reverse("backoffice:home")).status_code == 302


def test_a_device_deleted_in_the_admin_site_ends_its_sessions(as_user, people):
    client = as_user(people.desk_x)
    assert client.get(reverse("backoffice:home")).status_code == 200
    TOTPDevice.objects.filter(user=people.desk_x).delete()
    assert client.get(reverse("backoffice:home")).status_code == 302


def test_an_administrator_resets_a_colleagues_app(client, people, tree):
    admin = make_officer("Quản Trị", unit=tree.province, role=Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    colleague = people.desk_x
    colleague_client = Client()
    colleague_client.force_login(colleague)
    assert colleague_client.get(reverse("backoffice:home")).status_code == 200
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [colleague.pk, admin.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert TOTPDevice.objects.filter(user=admin).exists()  # not one's own
    entry = AuditEntry.objects.get(verb="second_factor_reset")
    assert entry.actor == admin and entry.object_id == str(colleague.pk)
    # The colleague's session rested on the removed app: it ends.
    assert colleague_client.get(reverse("backoffice:home")).status_code == 302
    assert "_auth_user_id" not in colleague_client.session


def test_a_desk_officer_cannot_reset_anyone(as_user, people):
    client = as_user(people.desk_x)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [people.desk_y.pk]},
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not AuditEntry.objects.filter(verb="second_factor_reset").exists()


@pytest.mark.parametrize(
    "variables",
    [{"OFFICER_2FA_REQUIRED": "false"}, {"DEMO_OFFICERS_SKIP_2FA": "true"}],
)
def test_production_settings_refuse_to_switch_it_off(variables):
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x", **variables}
    result = subprocess.run(
        [sys.executable, "-c", "import motcua.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr

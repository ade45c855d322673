"""Sign-in, sign-out and where each kind of person lands."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _login(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def test_citizen_signs_in_with_personal_id_and_lands_on_their_account(client, people, password):
    citizen = people.citizen_a
    response = _login(
        client, reverse("accounts:login"), citizen.citizen_profile.personal_id, password
    )
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal:account")
    assert citizen.citizen_profile.personal_id in response.content.decode()


@pytest.mark.parametrize("identifier", ["0912345678", "+84 912 345 678", "AN@example.vn"])
def test_citizen_may_use_phone_or_email(client, people, password, identifier):
    response = _login(client, reverse("accounts:login"), identifier, password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people.citizen_a.pk)


def test_wrong_password_is_refused_with_a_message_and_no_session(client, people):
    response = _login(client, reverse("accounts:login"), "0912345678", "sai-mat-khau")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "error-summary" in response.content.decode()


def test_officer_signs_in_on_the_back_office_and_lands_on_the_desk(client, people, password):
    from motcua.backoffice.tests.second_factor import enrol_at_sign_in

    response = _login(client, reverse("backoffice:login"), people.desk_x.username, password)
    assert response["Location"] == reverse("backoffice:second_factor_enrol")
    assert enrol_at_sign_in(client).status_code == 302  # the password, then the second factor
    response = client.get(reverse("accounts:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:home")
    page = response.content.decode()
    assert "Xã Thử X" in page and "Cán bộ một cửa" in page


def test_officer_cannot_use_the_citizen_sign_in(client, people, password):
    response = _login(client, reverse("accounts:login"), people.desk_x.username, password)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Hệ thống xử lý hồ sơ" in response.content.decode()


def test_citizen_cannot_use_the_officer_sign_in(client, people, password):
    personal_id = people.citizen_a.citizen_profile.personal_id
    response = _login(client, reverse("backoffice:login"), personal_id, password)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_anonymous_is_sent_to_the_right_sign_in(client, db):
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))
    response = client.get(reverse("portal:account"))
    assert response["Location"].startswith(reverse("accounts:login"))
    response = client.get(reverse("accounts:home"))
    assert response["Location"] == reverse("accounts:login")


def test_each_side_is_closed_to_the_other_kind(as_user, people):
    assert as_user(people.citizen_a).get(reverse("backoffice:home")).status_code == 403
    assert as_user(people.desk_x).get(reverse("portal:account")).status_code == 403


def test_citizen_sees_only_their_own_account(as_user, people):
    page = as_user(people.citizen_b).get(reverse("portal:account")).content.decode()
    assert people.citizen_b.citizen_profile.personal_id in page
    assert people.citizen_a.citizen_profile.personal_id not in page


def test_logout_needs_post_and_ends_the_session(as_user, people):
    client = as_user(people.citizen_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_officer_without_a_role_is_told_so(as_user, db):
    from motcua.accounts.tests.factories import make_officer

    page = as_user(make_officer("Không Vai Trò")).get(reverse("backoffice:home")).content.decode()
    assert "chưa được phân công" in page


def test_ended_membership_is_not_shown(as_user, people, tree):
    import datetime

    from motcua.agencies.models import Membership

    Membership.objects.filter(user=people.specialist_x).update(valid_to=datetime.date(2025, 12, 31))
    page = as_user(people.specialist_x).get(reverse("backoffice:home")).content.decode()
    assert "Xã Thử X" not in page


def test_citizen_sign_in_names_the_identifier_they_type_never_the_username(client, people):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Số định danh cá nhân / số điện thoại" in page
    response = _login(client, reverse("accounts:login"), "0912345678", "sai-mat-khau")
    page = response.content.decode()
    assert "Số định danh cá nhân / số điện thoại hoặc mật khẩu chưa đúng" in page
    assert "tên đăng nhập" not in page.lower()

"""Registration with phone or e-mail, the one-time code, password rules, password reset."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from motcua.accounts.models import User, VerificationChannel, VerificationCode
from motcua.accounts.tests.factories import personal_id_for

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1985, 4, 3)


def _form(**overrides):
    return {
        "full_name": "Phan Thị Hoa",
        "personal_id": personal_id_for(BIRTH, female=True),
        "date_of_birth": "03/04/1985",
        "phone": "",
        "email": "hoa@example.vn",
        "password": "Mua-xuan-2026",
        "password_again": "Mua-xuan-2026",
    } | overrides


def test_register_by_email_verify_and_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), _form())
    assert response["Location"] == reverse("accounts:verify")
    user = User.objects.get(email="hoa@example.vn")
    assert not user.is_active
    code = re.search(r"\b(\d{6})\b", mail.outbox[0].body).group(1)
    # An inactive account cannot sign in yet.
    assert not client.login(username="hoa@example.vn", password="Mua-xuan-2026")
    response = client.post(
        reverse("accounts:verify"), {"code": "000000" if code != "000000" else "111111"}
    )
    assert "Mã chưa đúng" in response.content.decode()
    response = client.post(reverse("accounts:verify"), {"code": code})
    assert response["Location"] == reverse("portal:account")
    user.refresh_from_db()
    assert user.is_active and not user.citizen_profile.vneid_verified


def test_register_by_phone_keeps_the_code_for_administrators(client):
    client.post(reverse("accounts:register"), _form(email="", phone="0987 111 222"))
    user = User.objects.get(phone="0987111222")
    code = VerificationCode.objects.get(user=user)
    assert code.channel == VerificationChannel.PHONE and code.destination == "0987111222"
    assert not mail.outbox
    html = client.get(reverse("accounts:verify")).content.decode()
    assert "0987111222" in html
    client.post(reverse("accounts:verify"), {"code": code.code})
    user.refresh_from_db()
    assert user.is_active


def test_weak_or_mismatched_passwords_are_refused_keeping_the_input(client):
    html = client.post(
        reverse("accounts:register"), _form(password="12345678", password_again="12345678")
    ).content.decode()
    assert "Phan Thị Hoa" in html and not User.objects.filter(email="hoa@example.vn").exists()
    html = client.post(reverse("accounts:register"), _form(password_again="khac")).content.decode()
    assert "chưa giống nhau" in html


def test_phone_or_email_is_required(client):
    html = client.post(reverse("accounts:register"), _form(email="", phone="")).content.decode()
    assert "số điện thoại hoặc thư điện tử" in html


def test_a_personal_id_already_registered_is_refused(client, people):
    taken = people.citizen_a.citizen_profile.personal_id
    html = client.post(
        reverse("accounts:register"),
        _form(personal_id=taken, date_of_birth="17/05/1980"),
    ).content.decode()
    assert "đã có tài khoản" in html


def test_the_code_dies_after_five_wrong_tries(client):
    client.post(reverse("accounts:register"), _form(email="", phone="0987111222"))
    code = VerificationCode.objects.get()
    wrong = "000000" if code.code != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("accounts:verify"), {"code": wrong})
    client.post(reverse("accounts:verify"), {"code": code.code})
    assert not User.objects.get(phone="0987111222").is_active
    client.post(reverse("accounts:verify"), {"resend": "1"})
    fresh = VerificationCode.objects.filter(used_at__isnull=True).order_by("-pk").first()
    client.post(reverse("accounts:verify"), {"code": fresh.code})
    assert User.objects.get(phone="0987111222").is_active


def test_password_reset_by_email(client, people):
    client.post(reverse("accounts:password_reset"), {"email": "an@example.vn"})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    assert "Đặt mật khẩu mới" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Hoa-sen-nở-2026", "new_password2": "Hoa-sen-nở-2026"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert client.login(username="0912345678", password="Hoa-sen-nở-2026")

"""Registration with phone or e-mail, the one-time code, password rules, password reset."""

import datetime
import re

import pytest
from django.core import mail
from django.db.models import F
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


def _register(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:register"), _form(**changes))


def test_a_taken_personal_id_gets_the_same_answer_and_its_owner_is_told(
    client, people, django_capture_on_commit_callbacks
):
    # A number without an account, and one with (citizen An's): the visitor sees the same.
    fresh = _register(client, django_capture_on_commit_callbacks, email="moi@example.vn")
    fresh_page = client.get(reverse("accounts:verify")).content.decode()
    mail.outbox.clear()
    other = type(client)()
    taken = people.citizen_a.citizen_profile.personal_id
    response = _register(
        other,
        django_capture_on_commit_callbacks,
        personal_id=taken,
        date_of_birth="17/05/1980",
        email="moi@example.vn",
    )
    assert response.status_code == fresh.status_code == 302
    assert response["Location"] == fresh["Location"] == reverse("accounts:verify")
    page = other.get(reverse("accounts:verify")).content.decode()
    assert "đã có tài khoản" not in page
    assert page.count("moi@example.vn") == fresh_page.count("moi@example.vn") > 0
    # No second account; the owner (not the visitor) got a message.
    assert User.objects.filter(citizen_profile__personal_id=taken).count() == 1
    assert [m.to for m in mail.outbox] == [["an@example.vn"]]
    assert "đã có tài khoản" in mail.outbox[0].body
    # Codes never match, with the same messages and limits as a real verification.
    for _ in range(5):
        html = other.post(reverse("accounts:verify"), {"code": "123456"}).content.decode()
        assert "Mã chưa đúng" in html
    html = other.post(reverse("accounts:verify"), {"code": "123456"}).content.decode()
    assert "quá nhiều lần" in html


def test_the_owner_is_told_at_most_once_an_hour(client, people, django_capture_on_commit_callbacks):
    taken = people.citizen_a.citizen_profile.personal_id
    for _ in range(4):
        _register(
            client,
            django_capture_on_commit_callbacks,
            personal_id=taken,
            date_of_birth="17/05/1980",
        )
    assert len(mail.outbox) == 1


def test_registrations_from_one_address_are_limited(client, settings):
    settings.REGISTRATIONS_PER_HOUR = 2
    for n in range(2):
        response = client.post(reverse("accounts:register"), _form(email=f"a{n}@example.vn"))
        assert response.status_code == 302
    html = client.post(reverse("accounts:register"), _form(email="c@example.vn")).content.decode()
    assert "quá nhiều lần đăng ký" in html
    assert not User.objects.filter(email="c@example.vn").exists()


def test_a_resend_does_not_give_new_tries(client):
    client.post(reverse("accounts:register"), _form(email="", phone="0987111222"))
    code = VerificationCode.objects.get()
    wrong = "000000" if code.code != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("accounts:verify"), {"code": wrong})
    client.post(reverse("accounts:verify"), {"code": code.code})
    assert not User.objects.get(phone="0987111222").is_active
    client.post(reverse("accounts:verify"), {"resend": "1"})
    fresh = VerificationCode.objects.filter(used_at__isnull=True).order_by("-pk").first()
    html = client.post(reverse("accounts:verify"), {"code": fresh.code}).content.decode()
    assert "quá nhiều lần" in html
    assert not User.objects.get(phone="0987111222").is_active
    # An hour later the budget is whole again: the code sent then works.
    VerificationCode.objects.update(created_at=F("created_at") - datetime.timedelta(hours=1))
    client.post(reverse("accounts:verify"), {"resend": "1"})
    fresh = VerificationCode.objects.order_by("-pk").first()
    client.post(reverse("accounts:verify"), {"code": fresh.code})
    assert User.objects.get(phone="0987111222").is_active


def test_resends_are_limited_per_hour(client):
    client.post(reverse("accounts:register"), _form(email="", phone="0987111222"))
    for _ in range(2):
        html = client.post(reverse("accounts:verify"), {"resend": "1"}, follow=True)
        assert "Đã gửi mã mới" in html.content.decode()
    html = client.post(reverse("accounts:verify"), {"resend": "1"}, follow=True).content.decode()
    assert "3 lần trong một giờ" in html
    assert VerificationCode.objects.count() == 3


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

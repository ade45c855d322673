"""Brute force against sign-in (#17 item 3): per account and per address, exponential back-off
in the shared cache, the right password refused while a back-off runs, never for good."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

WAIT = "Bạn đã nhập sai nhiều lần"


@pytest.fixture
def clock(monkeypatch):
    """Moves time.time (the back-off and the memory cache both read it) forward on demand."""
    now = {"t": time.time()}
    monkeypatch.setattr(time, "time", lambda: now["t"])

    def advance(seconds):
        now["t"] += seconds

    return advance


def _post(client, url, username, password, field="username", **extra):
    return client.post(url, {field: username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


CITIZEN = "accounts:login"
OFFICER = "backoffice:login"


def test_a_hundred_wrong_passwords_then_the_right_one_is_refused_with_a_wait(
    client, people, password, clock
):
    identifier = people.citizen_a.citizen_profile.personal_id
    for _ in range(100):
        _post(client, reverse(CITIZEN), identifier, "doan-mo")
    response = _post(client, reverse(CITIZEN), identifier, password)
    assert not _signed_in(client)
    assert WAIT in response.content.decode()
    # A delay, not a lock: once it has run out the owner signs in (and the counts start over).
    clock(15 * 60 + 1)
    _post(client, reverse(CITIZEN), identifier, password)
    assert _signed_in(client)


def test_the_first_wrong_tries_cost_nothing_then_each_doubles(client, people, password, clock):
    from motcua.accounts import signin_limits

    url, identifier = reverse(OFFICER), people.desk_x.username
    for _ in range(5):
        response = _post(client, url, identifier, "sai")
        assert WAIT not in response.content.decode()
    response = _post(client, url, identifier, "sai")  # the sixth: 30 s
    account = signin_limits.account_key(people.desk_x.pk)
    pair = signin_limits._pair()
    subject = f"{account}|0|127.0.0.1"
    assert 29 <= pair.wait(subject) <= 30
    assert WAIT in _post(client, url, identifier, password).content.decode()
    clock(31)
    _post(client, url, identifier, "sai")  # the seventh: 60 s
    assert 59 <= pair.wait(subject) <= 60
    for _ in range(20):  # the wait never grows past the cap
        clock(pair.wait(subject) + 1)
        _post(client, url, identifier, "sai")
    assert pair.wait(subject) <= 15 * 60
    clock(15 * 60 + 1)
    response = _post(client, url, identifier, password)
    # The password is taken again; an officer goes on to the second factor.
    assert response["Location"] == reverse("backoffice:second_factor_enrol")


def test_the_guesser_waits_but_the_owner_elsewhere_signs_in(people, password, clock):
    attacker, owner = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.2")
    identifier = people.citizen_a.citizen_profile.personal_id
    for _ in range(8):
        _post(attacker, reverse(CITIZEN), identifier, "doan-mo")
    assert WAIT in _post(attacker, reverse(CITIZEN), identifier, password).content.decode()
    _post(owner, reverse(CITIZEN), identifier, password)
    assert _signed_in(owner)


def test_guesses_from_many_addresses_slow_the_account_down(people, password, clock):
    identifier = people.citizen_a.citizen_profile.personal_id
    for n in range(21):
        _post(Client(REMOTE_ADDR=f"10.0.0.{n}"), reverse(CITIZEN), identifier, "doan-mo")
    fresh = Client(REMOTE_ADDR="10.0.1.1")
    assert WAIT in _post(fresh, reverse(CITIZEN), identifier, password).content.decode()
    assert not _signed_in(fresh)


def test_one_address_spraying_many_accounts_is_slowed_down(client, people, password, clock):
    for n in range(31):
        _post(client, reverse(CITIZEN), f"0{n:011d}", "123456")
    response = _post(client, reverse(OFFICER), people.desk_x.username, password)
    assert WAIT in response.content.decode() and not _signed_in(client)


def test_the_admin_sign_in_is_throttled_too(client, db, clock):
    admin = get_user_model().objects.create_superuser(
        username="quantri", password="Quan-tri-2026", email="qt@example.vn"
    )
    url = reverse("admin:login")
    for _ in range(6):
        _post(client, url, admin.username, "sai")
    response = _post(client, url, admin.username, "Quan-tri-2026")
    assert WAIT in response.content.decode() and not _signed_in(client)


def test_the_demo_identity_provider_is_throttled_too(client, people, password, clock):
    try:
        url = reverse("oauth2_provider:vneid-login")
    except NoReverseMatch:
        pytest.skip("the demo identity provider is off")
    identifier = people.citizen_a.citizen_profile.personal_id
    for _ in range(6):
        _post(client, url, identifier, "sai", field="personal_id")
    response = _post(client, url, identifier, password, field="personal_id")
    assert WAIT in response.content.decode() and not _signed_in(client)


def test_a_password_reset_through_the_verified_email_ends_the_wait(client, people, clock):
    identifier = people.citizen_a.citizen_profile.personal_id
    for _ in range(30):
        _post(Client(REMOTE_ADDR="203.0.113.9"), reverse(CITIZEN), identifier, "doan-mo")
    client.post(reverse("accounts:password_reset"), {"email": "an@example.vn"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line)
    path = link[link.index("/accounts/") :].strip()
    form_url = client.get(path)["Location"] if client.get(path).status_code == 302 else path
    new = "Mat-khau-moi-2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    owner = Client(REMOTE_ADDR="203.0.113.9")  # even from the guesser's own address
    _post(owner, reverse(CITIZEN), identifier, new)
    assert _signed_in(owner)

"""Public tracking: code plus a second factor, the anonymous tier only, rate-limited."""

import pytest
from django.urls import reverse

from motcua.portal import tracking

pytestmark = pytest.mark.django_db
URL = "/track/"


def test_the_url_is_fixed():
    assert reverse("portal:track") == URL


def test_the_qr_link_prefills_the_code_and_asks_for_the_second_factor(client, file_online):
    dossier = file_online()
    html = client.get(URL, {"code": dossier.code}).content.decode()
    assert f'value="{dossier.code}"' in html and 'name="last4"' in html
    assert "Đã giải quyết xong" not in html


def test_phone_or_id_digits_show_only_the_completion_state(client, people, file_online):
    dossier = file_online()
    for last4 in ("5678", dossier.applicant_id_number[-4:]):
        html = client.get(URL, {"code": dossier.code, "last4": last4}).content.decode()
        assert "Mới đăng ký" in html and dossier.procedure_version.name in html
        # Nothing personal in the anonymous tier.
        assert people.citizen_a.full_name not in html and "to-khai.pdf" not in html


def test_a_wrong_second_factor_finds_nothing(client, file_online):
    dossier = file_online()
    html = client.get(URL, {"code": dossier.code, "last4": "0000"}).content.decode()
    assert "Không tìm thấy hồ sơ" in html and "Mới đăng ký" not in html


def test_guessing_one_code_is_limited(client, file_online):
    dossier = file_online()
    for _attempt in range(tracking.MAX_FAILURES_PER_CODE):
        client.get(URL, {"code": dossier.code, "last4": "0000"})
    response = client.get(URL, {"code": dossier.code, "last4": "5678"})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert "Mới đăng ký" not in response.content.decode()


def test_one_address_is_limited_across_codes(client, file_online):
    dossier = file_online()
    for n in range(tracking.MAX_FAILURES_PER_ADDRESS):
        client.get(URL, {"code": f"X-{n}", "last4": "1234"})
    response = client.get(URL, {"code": dossier.code, "last4": "5678"})
    assert response.status_code == 429


def test_successful_lookups_are_not_counted(client, file_online):
    dossier = file_online()
    for _attempt in range(tracking.MAX_FAILURES_PER_ADDRESS + 1):
        response = client.get(URL, {"code": dossier.code, "last4": "5678"})
    assert response.status_code == 200 and "Mới đăng ký" in response.content.decode()


def test_other_addresses_are_not_limited(client, file_online):
    dossier = file_online()
    for n in range(tracking.MAX_FAILURES_PER_ADDRESS):
        client.get(URL, {"code": f"X-{n}", "last4": "1234"}, REMOTE_ADDR="10.0.0.1")
    response = client.get(URL, {"code": dossier.code, "last4": "5678"}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200 and "Mới đăng ký" in response.content.decode()


def test_the_owner_is_answered_while_a_guesser_of_their_code_waits(client, file_online):
    # #17 item 3: five wrong guesses from one address used to lock the code for 15 minutes
    # for everyone, the rightful owner included.
    dossier = file_online()
    for _attempt in range(tracking.MAX_FAILURES_PER_CODE + 3):
        client.get(URL, {"code": dossier.code, "last4": "0000"}, REMOTE_ADDR="203.0.113.5")
    guesser = client.get(URL, {"code": dossier.code, "last4": "5678"}, REMOTE_ADDR="203.0.113.5")
    assert guesser.status_code == 429 and "Mới đăng ký" not in guesser.content.decode()
    owner = client.get(URL, {"code": dossier.code, "last4": "5678"}, REMOTE_ADDR="198.51.100.8")
    assert owner.status_code == 200 and "Mới đăng ký" in owner.content.decode()


def test_the_counts_are_shared_by_every_process(client, file_online, settings):
    # The counts live in the "throttle" cache: a table of the database (or Redis), never a
    # process's memory, so a second web process sees the first one's failures.
    from django.core.cache import caches

    assert settings.CACHES["throttle"]["BACKEND"].endswith(("DatabaseCache", "RedisCache"))
    dossier = file_online()
    for _attempt in range(tracking.MAX_FAILURES_PER_CODE):
        client.get(URL, {"code": dossier.code, "last4": "0000"})
    # A fresh cache object (as another process would open) reads the same wait.
    del caches["throttle"]
    assert tracking.wait("127.0.0.1", dossier.code) > 0


def test_a_guesser_waits_longer_with_each_miss_but_not_for_ever(client, file_online, monkeypatch):
    import time

    dossier = file_online()
    for _attempt in range(tracking.MAX_FAILURES_PER_CODE):
        client.get(URL, {"code": dossier.code, "last4": "0000"})
    first = tracking.wait("127.0.0.1", dossier.code)
    assert 0 < first <= 60
    later = time.time() + first + 1
    monkeypatch.setattr(time, "time", lambda: later)
    client.get(URL, {"code": dossier.code, "last4": "0000"})
    assert 60 < tracking.wait("127.0.0.1", dossier.code) <= 120
    monkeypatch.setattr(time, "time", lambda: later + tracking.WINDOW_SECONDS + 1)
    response = client.get(URL, {"code": dossier.code, "last4": "5678"})
    assert response.status_code == 200


def test_an_anonymous_look_up_opens_no_session(client, file_online, settings):
    # #18: the most frequent anonymous request reads and writes no session row, and leaves
    # no session cookie behind (only the language switcher's CSRF cookie).
    from django.contrib.sessions.models import Session

    dossier = file_online()
    before = Session.objects.count()
    for query in ({"code": dossier.code, "last4": "5678"}, {"code": "X-1", "last4": "1234"}):
        response = client.get(URL, query)
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == before
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_a_signed_in_citizen_keeps_the_session(client, people, file_online, settings):
    dossier = file_online()
    client.force_login(people.citizen_a)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    html = client.get(URL, {"code": dossier.code, "last4": "5678"}).content.decode()
    assert "Mới đăng ký" in html and "Đăng xuất" in html
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == session_key
    assert client.get("/my/dossiers/").status_code == 200

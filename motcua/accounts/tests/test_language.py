"""The interface language (#14 item 9): the account's choice, then the switcher's cookie, then
Vietnamese; never the browser's Accept-Language."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOME = "/"
ENGLISH_HOME = "Public service portal"  # the brand, in English
VIETNAMESE_HOME = "Cổng dịch vụ công"


def _lang(response) -> str:
    return response["Content-Language"]


def test_an_english_browser_still_gets_vietnamese(client):
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert _lang(response) == "vi"
    assert 'lang="vi"' in response.content.decode()


def test_the_cookie_chooses_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(HOME)
    assert _lang(response) == "en"
    assert 'lang="en"' in response.content.decode()


def test_an_unknown_cookie_value_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert _lang(client.get(HOME, HTTP_ACCEPT_LANGUAGE="en")) == "vi"


def test_the_account_choice_wins_over_the_cookie(client, people):
    citizen = people.citizen_a
    citizen.language = "en"
    citizen.save(update_fields=["language"])
    client.force_login(citizen)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert _lang(client.get(HOME)) == "en"


def test_an_account_without_a_choice_follows_the_cookie(client, people):
    client.force_login(people.citizen_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _lang(client.get(HOME)) == "en"


def test_the_switcher_sets_the_cookie_for_a_visitor(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": HOME})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert _lang(client.get(HOME)) == "en"


def test_the_switcher_saves_the_choice_on_the_account(client, people):
    citizen = people.citizen_a
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en", "next": HOME})
    citizen.refresh_from_db()
    assert citizen.language == "en"
    # Another device, no cookie: the account's choice still holds.
    client.cookies.clear()
    client.force_login(citizen)
    assert _lang(client.get(HOME)) == "en"


def test_the_switcher_ignores_an_unsupported_language(client, people):
    citizen = people.citizen_a
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "fr", "next": HOME})
    citizen.refresh_from_db()
    assert citizen.language == ""


def test_the_switcher_refuses_get(client):
    assert client.get(reverse("set_language")).status_code == 405


def test_pages_vary_on_the_cookie_not_on_accept_language(client):
    response = client.get(HOME)
    vary = response.get("Vary", "")
    assert "Cookie" in vary
    assert "Accept-Language" not in vary

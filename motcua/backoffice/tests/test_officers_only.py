"""A citizen who opens a back-office address is told the page is for officers and where to go;
an anonymous visitor goes to the officers' sign-in, which says why (#14 item 8)."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

BACKOFFICE_PAGES = ["backoffice:home", "backoffice:queue", "backoffice:intake", "notices:register"]


@pytest.mark.parametrize("page", BACKOFFICE_PAGES)
def test_a_citizen_is_told_the_page_is_for_officers(client, people, page):
    client.force_login(people.citizen_a)
    response = client.get(reverse(page))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Trang này dành cho cán bộ, công chức" in body
    assert people.citizen_a.full_name in body
    assert f'href="{reverse("portal:dossiers")}"' in body
    assert f'href="{reverse("portal:home")}"' in body


def test_the_officers_only_page_in_english(client, people):
    client.force_login(people.citizen_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 403
    assert "This page is for officers and civil servants" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_officer_sign_in_which_says_why(client):
    response = client.get(reverse("backoffice:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("backoffice:login"))
    page = client.get(response["Location"]).content.decode()
    assert "chỉ dành cho cán bộ, công chức" in page
    assert f'href="{reverse("portal:home")}"' in page


def test_the_officer_sign_in_opened_directly_has_no_such_notice(client):
    page = client.get(reverse("backoffice:login")).content.decode()
    assert "Trang bạn vừa mở thuộc Hệ thống xử lý hồ sơ" not in page


def test_an_officer_still_gets_in(client, people):
    client.force_login(people.desk_x)
    assert client.get(reverse("backoffice:home")).status_code == 200

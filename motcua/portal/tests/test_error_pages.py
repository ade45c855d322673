"""Error pages (#14 item 8): our layout, the visitor's language, what happened and where to go;
Django's technical 404 only when a developer asks for it."""

import pytest
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from motcua.portal import errors

pytestmark = pytest.mark.django_db

MISSING = "/thu-tuc-khong-co/"


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_404_in_vietnamese_with_the_way_home(client):
    response = client.get(MISSING)
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang bạn cần" in page
    assert f'href="{reverse("portal:home")}"' in page
    assert f'href="{reverse("accounts:login")}"' in page
    assert 'class="site-header"' in page  # the site's own layout


def test_404_in_english_when_chosen(client):
    response = _english(client).get(MISSING)
    page = response.content.decode()
    assert response.status_code == 404
    assert "The page you are looking for was not found" in page
    assert "Không tìm thấy trang bạn cần" not in page


def test_404_of_an_officer_points_to_their_start_page(client, people):
    client.force_login(people.desk_x)
    page = client.get(MISSING).content.decode()
    assert f'href="{reverse("backoffice:home")}"' in page


def test_403_says_the_page_is_not_theirs_and_sends_an_officer_to_their_desk(client, people):
    client.force_login(people.desk_x)
    response = client.get(reverse("portal:dossiers"))  # the applicant's own pages
    assert response.status_code == 403
    page = response.content.decode()
    assert "Bạn không có quyền xem trang này" in page
    assert f'href="{reverse("backoffice:home")}"' in page


def test_403_in_english(client, people):
    client.force_login(people.desk_x)
    response = _english(client).get(reverse("portal:dossiers"))
    assert response.status_code == 403
    assert "You are not allowed to see this page" in response.content.decode()


def test_400_for_a_request_the_site_does_not_serve(client):
    response = client.get("/", HTTP_HOST="khong-phai-cong.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_400_in_english(client):
    response = _english(client).get("/", HTTP_HOST="khong-phai-cong.example")
    assert response.status_code == 400
    assert "Invalid request" in response.content.decode()


def test_500_renders_without_the_database_or_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0), translation.override("vi"):
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in page
    assert 'href="/"' in page


def test_500_in_english():
    with translation.override("en"):
        response = errors.server_error(RequestFactory().get("/"))
    assert "The system has run into a problem" in response.content.decode()


def test_500_falls_back_to_plain_html_when_its_template_fails(monkeypatch):
    def broken(name, *args, **kwargs):
        raise TemplateDoesNotExist(name)

    monkeypatch.setattr(errors.loader, "get_template", broken)
    with translation.override("vi"):
        response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


@pytest.mark.urls("motcua.portal.tests.crashing_urls")
def test_a_crash_anywhere_gives_our_500_page(client):
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_csrf_failure_says_the_form_expired_and_nothing_was_saved(people, password):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": people.citizen_a.citizen_profile.personal_id, "password": password},
        HTTP_REFERER="http://testserver" + reverse("accounts:login"),
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn, chưa có gì được lưu" in page
    assert "tải lại trang" in page
    assert f'href="http://testserver{reverse("accounts:login")}"' in page
    assert "_auth_user_id" not in client.session


def test_csrf_failure_ignores_a_foreign_referer():
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {}, HTTP_REFERER="https://evil.example/form"
    )
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


def test_csrf_failure_in_english():
    client = _english(Client(enforce_csrf_checks=True))
    response = client.post(reverse("accounts:login"), {})
    assert response.status_code == 403
    assert "The form has expired; nothing was saved" in response.content.decode()


class TestDebug404:
    """`make run` turns DEBUG on; a mistyped address must still show our page."""

    def test_unknown_address_shows_our_page_in_debug(self, client, settings):
        settings.DEBUG = True
        response = client.get(MISSING)
        page = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy trang bạn cần" in page
        assert "URLconf" not in page

    def test_http404_from_a_view_shows_our_page_in_debug(self, client, settings, people):
        settings.DEBUG = True
        client.force_login(people.citizen_a)
        response = client.get(reverse("portal:dossier", args=["KHONG-CO"]))
        page = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy trang bạn cần" in page
        assert "URLconf" not in page

    def test_developers_keep_the_technical_page_with_the_setting(self, client, settings):
        settings.DEBUG = True
        settings.DEBUG_TECHNICAL_404 = True
        response = client.get(MISSING)
        assert response.status_code == 404
        assert "URLconf" in response.content.decode()

    def test_missing_slash_still_redirects(self, client, settings):
        settings.DEBUG = True
        response = client.get(reverse("portal:track").rstrip("/"))
        assert response.status_code == 301

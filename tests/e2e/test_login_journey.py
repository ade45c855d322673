"""A citizen and an officer sign in through the real pages, in Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username, password, button="Đăng nhập"):
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("input[name=username]").fill(username)
    page.get_by_role("button", name=button).click()


@pytest.mark.parametrize("browser_page", ["page", "page_without_js"])
def test_citizen_signs_in_and_out(request, browser_page, people, password):
    page = request.getfixturevalue(browser_page)
    page.goto("/")
    page.get_by_role("link", name="Đăng nhập", exact=True).click()
    _sign_in(page, "0912345678", password)

    expect(page.get_by_role("heading", name="Tài khoản của tôi")).to_be_visible()
    expect(page.get_by_text(people.citizen_a.citizen_profile.personal_id)).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("link", name="Đăng nhập", exact=True)).to_be_visible()


def test_officer_signs_in_and_sees_their_unit(page, people, password):
    page.goto("/backoffice/")
    expect(page).to_have_url(
        f"{page.url.split('/backoffice')[0]}/backoffice/login/?next=/backoffice/"
    )
    _sign_in(page, people.desk_x.username, password)

    expect(page.get_by_role("heading", name="Xin chào, Phạm Văn Cường")).to_be_visible()
    expect(page.get_by_role("cell", name="Cán bộ một cửa")).to_be_visible()


def test_wrong_password_shows_a_clear_message(page, people):
    page.goto("/accounts/login/")
    _sign_in(page, "0912345678", "sai")
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu")


def test_language_switch_to_english_without_javascript(page_without_js, db):
    page = page_without_js
    page.goto("/")
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Public service portal")

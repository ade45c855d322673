"""A citizen finds a procedure without typing diacritics, reads what to bring, how long and how
much, and downloads its form, in Chromium, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from motcua.demo.catalogue import load_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_catalogue()


@pytest.mark.parametrize("browser_page", ["page", "page_without_js"])
def test_citizen_finds_birth_registration_and_downloads_its_form(
    request, browser_page, catalogue, tmp_path
):
    page = request.getfixturevalue(browser_page)
    page.goto("/")
    page.get_by_label("Tìm thủ tục hành chính").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()

    results = page.locator(".procedure-list li")
    expect(results.first).to_contain_text("Đăng ký khai sinh")
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()

    expect(page.get_by_role("heading", level=1, name="Đăng ký khai sinh")).to_be_visible()
    expect(page.get_by_text("1.001193").first).to_be_visible()
    expect(page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    expect(page.get_by_text("Tờ khai đăng ký khai sinh theo mẫu")).to_be_visible()
    channels = page.locator("table").first
    expect(channels).to_contain_text("Trong ngày làm việc")
    expect(channels).to_contain_text("miễn")
    expect(page.get_by_role("heading", name="Quy trình giải quyết")).to_be_visible()
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Tờ khai đăng ký khai sinh").click()
    download = info.value
    assert download.suggested_filename == "to-khai-dang-ky-khai-sinh.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

"""An officer's first sign-in with the second factor required (#17 item 4), in Chromium without
JavaScript: the password, the enrolment page (the QR code, the secret typed by hand), the
recovery codes, then the next sign-in with the app's code. Screenshots at 1280 and 360 px."""

import os
import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from motcua.backoffice.tests.second_factor import code_for, next_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _password(page, username, password):
    page.goto("/backoffice/login/")
    page.locator("input[name=username]").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("width", [1280, 360])
def test_an_officer_enrols_then_signs_in_with_the_apps_code(
    page_without_js, settings, people, password, width, tmp_path
):
    shots = Path(os.environ.get("SHOTS_DIR") or tmp_path)  # SHOTS_DIR keeps them to look at
    settings.OFFICER_2FA_REQUIRED = True
    page = page_without_js
    page.set_viewport_size({"width": width, "height": 900})
    _password(page, people.desk_x.username, password)

    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký ứng dụng xác thực")
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    expect(qr).to_be_visible()
    page.wait_for_load_state("load")  # visible is not loaded: the page's images are, after this
    assert qr.evaluate("img => img.naturalWidth") > 0  # the SVG loaded
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.screenshot(path=shots / f"second-factor-enrol-{width}.png", full_page=True)
    from base64 import b32decode

    page.get_by_label("Mã 6 chữ số trên ứng dụng").fill(code_for(b32decode(secret).hex()))
    page.get_by_role("button", name="Xác nhận và đăng ký").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mã dự phòng của bạn")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    page.get_by_role("button", name="Đăng xuất").click()

    _password(page, people.desk_x.username, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập mã xác thực")
    page.get_by_label("Mã xác thực").fill("12345")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("alert").or_(page.locator("p.error"))).to_be_visible()
    page.screenshot(path=shots / f"second-factor-verify-{width}.png", full_page=True)
    page.get_by_label("Mã xác thực").fill(next_code(TOTPDevice.objects.get(user=people.desk_x)))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

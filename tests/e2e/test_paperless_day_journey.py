"""A paperless day at the counter, in Chromium: the desk officer is refused a paper intake of a
fully online procedure, switches to assisted online filing, the citizen signs in with the demo
VNeID provider on their own phone and agrees, the officer files the online application with the
citizen's scanned form and accepts it; the citizen sees the dossier in their account, filed
online with the desk's help."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from motcua.catalog.constants import Channel
from motcua.catalog.models import PaperlessRule
from motcua.dossiers.models import Dossier

# The dossier tests' catalogue fixtures, imported and requested by name.
# ruff: noqa: F811
from motcua.dossiers.tests.conftest import (  # noqa: F401
    form_component,
    version,
)
from motcua.signatures.tests.helpers import simple_pdf

from .backoffice import act, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def paperless_today(settings, live_server, tree, version, tmp_path):
    """Every day of the week is paperless for the test procedure at commune X (so today is),
    and the demo VNeID provider is registered for this live server."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url  # the address the citizen's phone opens
    base = f"{live_server.url}/idp"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks/"
    call_command(
        "demo_idp", redirect_uri=[f"{live_server.url}/oidc/callback/"], stdout=io.StringIO()
    )
    rule = PaperlessRule.objects.create(
        unit=tree.commune_x,
        weekdays=list(range(7)),
        valid_from=timezone.localdate() - datetime.timedelta(days=1),
        decision="7/QĐ-UBND",
    )
    rule.procedures.set([version.procedure])
    return rule


def test_assisted_online_filing_at_the_counter_on_a_paperless_day(
    page, browser, live_server, people, password, version, form_component, paperless_today
):
    # The desk officer tries to take the paper application in.
    sign_in(page, people.desk_x.username, password)
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục (tên hoặc mã)").fill("thu nghiem")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục thử nghiệm").click()
    banner = page.locator("#paperless")
    expect(banner).to_contain_text("Hôm nay không nhận hồ sơ giấy của thủ tục này")
    page.get_by_label("Họ tên chủ hồ sơ, tên tổ chức").fill("Nguyễn Văn An")
    page.locator(f"input[name=c{form_component.pk}_originals]").fill("1")
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.locator(".error-summary")).to_contain_text("không tiếp nhận hồ sơ giấy")
    assert not Dossier.objects.exists()

    # Assisted online filing instead: the citizen will confirm by signing in.
    page.locator("#paperless").get_by_role("link", name="Nộp trực tuyến có hỗ trợ").click()
    page.get_by_label("Số định danh cá nhân hoặc mã số thuế của người nộp").fill(
        people.citizen_a.citizen_profile.personal_id
    )
    page.get_by_label("Công dân đăng nhập (VNeID) và xác nhận").check()
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.locator("#consent-status")).to_contain_text("bấm “Tôi đồng ý”")
    confirm_url = page.locator(".card .code").inner_text()
    assert confirm_url.startswith(live_server.url)

    # On the citizen's own phone: sign in with VNeID, open the link, agree.
    phone = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, locale="vi-VN"
    )
    phone.set_default_timeout(10_000)
    citizen = phone.new_page()
    citizen.goto("/accounts/login/")
    citizen.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    citizen.get_by_label("Số định danh cá nhân").fill(people.citizen_a.citizen_profile.personal_id)
    citizen.get_by_label("Mật khẩu").fill(password)
    citizen.get_by_role("button", name="Đăng nhập").click()
    citizen.get_by_role("button", name="Đồng ý").click()
    expect(citizen.get_by_role("heading", name="Tài khoản của tôi")).to_be_visible()
    citizen.goto(confirm_url)
    expect(citizen.get_by_text("Cán bộ Bộ phận Một cửa Xã Thử X")).to_be_visible()
    citizen.get_by_role("button", name="Tôi đồng ý").click()
    expect(citizen.locator("#confirmed")).to_contain_text("Bạn đã đồng ý")

    # Back at the counter: the consent is there; file the online application.
    page.get_by_role("link", name="Kiểm tra lại").click()
    expect(page.locator("#consent-status")).to_contain_text("Người nộp đã đồng ý")
    page.get_by_role("link", name="Nộp hồ sơ “Thủ tục thử nghiệm”").click()
    page.locator(f"input[name=c{form_component.pk}_files]").set_input_files(
        [{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": simple_pdf("Tờ khai")}]
    )
    page.get_by_role("button", name="Nộp hồ sơ trực tuyến").click()
    expect(page.locator("#dossier-status")).to_have_text("Đã nộp trực tuyến, chờ kiểm tra")
    expect(page.locator("#assisted-note")).to_contain_text(
        "nộp trực tuyến có hỗ trợ của cán bộ Phạm Văn Cường"
    )
    act(page, "Tiếp nhận hồ sơ")
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận")
    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.ONLINE
    assert dossier.applicant == people.citizen_a and dossier.assisted_by == people.desk_x

    # The citizen sees it among their own dossiers, filed online with the desk's help.
    citizen.goto(f"/my/dossiers/{dossier.code}/")
    expect(citizen.locator("#assisted-note")).to_contain_text("với sự hỗ trợ của cán bộ Xã Thử X")
    expect(citizen.get_by_text("Phạm Văn Cường")).to_have_count(0)
    phone.close()

"""Boundary-free intake in Chromium, at a desk's 1280 px and a phone's 360 px: the desk officer
of Xã Thử X takes in a dossier of Xã Thử Y (the procedure is on the province's list, so Y is
offered as the resolving agency, and the page names the list's decision); the dossier appears
in the boundary-free register of X, with where it was received, where it is resolved and the
decision it was received under in its counts, and in the register of Y's desk."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier

# The dossier tests' catalogue fixtures, imported and requested by name.
# ruff: noqa: F811
from motcua.dossiers.tests.conftest import (  # noqa: F401
    form_component,
    version,
)

from .backoffice import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("width", [1280, 360])
def test_a_dossier_taken_for_another_commune_is_in_the_register(
    browser, live_server, width, people, tree, password, version, form_component
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="vi-VN"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()

    sign_in(page, people.desk_x.username, password)
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục (tên hoặc mã)").fill("thu nghiem")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục thử nghiệm").click()
    expect(page.locator("#id_resolving_agency_helptext")).to_contain_text("1/QĐ-UBND")
    page.get_by_label("Cơ quan giải quyết").select_option(label=str(tree.commune_y))
    page.get_by_label("Họ tên chủ hồ sơ, tên tổ chức").fill("Trần Văn Bình")
    page.get_by_label("Số định danh cá nhân, mã số thuế").fill("068080999999")
    page.locator(f"input[name=c{form_component.pk}_originals]").fill("1")
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận")
    code = page.locator("h1 .code").inner_text()
    dossier = Dossier.objects.get(code=code)
    assert (dossier.receiving_unit, dossier.resolving_agency) == (tree.commune_x, tree.commune_y)
    assert dossier.boundary_free_basis == tree.boundary_free

    # The register of X: this month by default.
    page.goto("/notices/boundary-free/")
    page.wait_for_load_state("load")
    row = page.locator("#boundary-free tbody tr", has_text=code)
    expect(row).to_contain_text(tree.commune_x.display_name)
    expect(row).to_contain_text(tree.commune_y.display_name)
    expect(row).to_contain_text("Đang giải quyết, trong hạn")
    expect(page.locator("#boundary-counts")).to_contain_text("Tiếp nhận theo danh mục: 1/QĐ-UBND")
    width_now, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width_now <= window, f"the register scrolls sideways at {window} px"
    # Its downloads carry the row too.
    today = timezone.localdate().isoformat()
    csv = page.request.get(f"/notices/boundary-free/?start={today}&end={today}&format=csv")
    assert csv.ok and code in csv.text()
    sign_out(page)

    # Y's desk sees it among the dossiers others took in for Y.
    sign_in(page, people.desk_y.username, password)
    page.goto("/notices/boundary-free/")
    expect(page.locator("#boundary-free tbody tr", has_text=code)).to_be_visible()
    context.close()

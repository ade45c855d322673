"""The back office in Chromium, with and without JavaScript, on the dossier tests' small
catalogue: a walk-in dossier received at the desk with a scan and its appointment time,
processed by the specialist, approved and issued by the leader, and handed back at the desk.
The same journey on the demo data, with its PDFs read back, scanned and validated, and the late
dossier with its apology letter, are in test_demo_journey.py."""

import pytest
from playwright.sync_api import expect

# The dossier tests' catalogue fixtures, imported and requested by name.
# ruff: noqa: F811
from motcua.dossiers.tests.conftest import (  # noqa: F401
    form_component,
    version,
)
from motcua.signatures.tests.helpers import simple_pdf

from .backoffice import act, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("browser_page", ["page", "page_without_js"])
def test_walk_in_dossier_from_desk_to_result(
    request, browser_page, people, password, version, form_component
):
    page = request.getfixturevalue(browser_page)
    # The desk officer takes the dossier in, with a scanned form.
    sign_in(page, people.desk_x.username, password)
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục (tên hoặc mã)").fill("thu nghiem")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục thử nghiệm").click()

    page.get_by_label("Họ tên chủ hồ sơ, tên tổ chức").fill("Trần Văn Bình")
    page.get_by_label("Số định danh cá nhân, mã số thuế").fill("068080999999")
    page.get_by_label("Số điện thoại", exact=True).fill("0911222333")
    page.locator(f"input[name=c{form_component.pk}_originals]").fill("1")
    page.locator(f"input[name=c{form_component.pk}_files]").set_input_files(
        [{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": simple_pdf("Tờ khai")}]
    )
    page.locator(f"input[name=c{form_component.pk}_digitized]").check()
    appointment = page.locator(".appointment")
    expect(appointment.get_by_role("heading")).to_have_text(
        "Ngày hẹn trả kết quả nếu tiếp nhận bây giờ"
    )
    expect(appointment.locator(".appointment-time")).to_contain_text("/")
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Hồ sơ")
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận")
    expect(page.get_by_role("link", name="to-khai.pdf")).to_be_visible()
    code = page.locator("h1 .code").inner_text()

    # Handed to the specialist.
    act(
        page,
        "Phân công xử lý",
        lambda form: form.get_by_label("Giao cho cán bộ").select_option(
            label="Hoàng Thị Dung – Chuyên viên xử lý"
        ),
    )
    expect(page.get_by_text("Đã thực hiện: Phân công xử lý.")).to_be_visible()
    sign_out(page)

    # The specialist finds it in their queue and completes the appraisal.
    sign_in(page, people.specialist_x.username, password)
    page.get_by_role("link", name="Hồ sơ cần xử lý").click()
    page.get_by_label("Phạm vi").select_option("mine")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=code).click()
    act(
        page,
        "Hoàn thành bước xử lý",
        lambda form: form.get_by_label("Ý kiến, ghi chú").fill("Đủ điều kiện"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Chờ lãnh đạo phê duyệt, ký")
    sign_out(page)

    # The leader finds it waiting for them from the start page, approves, then issues the result.
    sign_in(page, people.leader_x.username, password)
    waiting = page.get_by_role("region", name="Hồ sơ chờ bạn xử lý")
    waiting.get_by_role("link", name="1 Đang chờ xử lý").click()
    page.get_by_role("link", name=code, exact=True).click()
    act(page, "Phê duyệt kết quả")
    expect(page.get_by_text("Đã thực hiện: Phê duyệt kết quả.")).to_be_visible()
    act(
        page,
        "Ban hành, ghi nhận kết quả",
        lambda form: form.get_by_label("Số, ký hiệu văn bản").fill("15/GCN"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Đã có kết quả, chờ trả")
    expect(page.get_by_text(f"{code}-KQ1")).to_be_visible()
    sign_out(page)

    # The desk hands the result over to the applicant.
    sign_in(page, people.desk_x.username, password)
    page.goto(f"/backoffice/dossiers/{code}/")

    def recipient(form):
        form.get_by_label("Họ tên người nhận").fill("Trần Văn Bình")
        form.get_by_label("Số giấy tờ tùy thân người nhận").fill("068080999999")
        form.get_by_label("Đã trả lại bản gốc giấy tờ cho người nhận").check()

    act(page, "Trả kết quả", recipient)
    expect(page.locator("#dossier-status")).to_have_text("Đã trả kết quả")
    expect(page.get_by_role("cell", name="Trả kết quả")).to_be_visible()


def test_scans_dropped_on_the_field_are_received(page, people, password, version, form_component):
    """With JavaScript, files dropped on a component's field join those chosen with the button
    (dropzone.js); both are stored with the dossier."""
    sign_in(page, people.desk_x.username, password)
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục (tên hoặc mã)").fill("thu nghiem")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục thử nghiệm").click()
    page.get_by_label("Họ tên chủ hồ sơ, tên tổ chức").fill("Lê Thị Cúc")
    page.get_by_label("Số định danh cá nhân, mã số thuế").fill("068180999998")
    page.get_by_label("Số điện thoại", exact=True).fill("0911222444")
    page.locator(f"input[name=c{form_component.pk}_originals]").fill("1")
    field = page.locator(f"input[name=c{form_component.pk}_files]")
    field.set_input_files(
        [{"name": "trang-1.pdf", "mimeType": "application/pdf", "buffer": simple_pdf("Trang 1")}]
    )
    zone = page.locator(".dropzone", has=field)
    expect(zone.locator(".dropzone-hint")).to_have_text("Hoặc kéo thả tệp đã quét vào đây.")
    second = list(simple_pdf("Trang 2"))
    transfer = page.evaluate_handle(
        """bytes => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], "trang-2.pdf",
                                    {type: "application/pdf"}));
            return data;
        }""",
        second,
    )
    zone.dispatch_event("drop", {"dataTransfer": transfer})
    expect(zone.locator(".dropzone-hint")).to_have_text("Đã chọn: trang-1.pdf, trang-2.pdf")
    assert field.evaluate("input => input.files.length") == 2
    page.locator(f"input[name=c{form_component.pk}_digitized]").check()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.locator("#dossier-status")).to_have_text("Đã tiếp nhận")
    expect(page.get_by_role("link", name="trang-1.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="trang-2.pdf")).to_be_visible()

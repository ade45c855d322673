"""The back office in Chromium: a walk-in dossier received at the desk with a scan and its
appointment time, processed by the specialist, approved and issued by the leader, and handed
back at the desk; and a dossier running late, for which the leader apologises and re-appoints."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from motcua.dossiers import services

# The dossier tests' catalogue and walk-in fixtures, imported and requested by name.
# ruff: noqa: F811
from motcua.dossiers.tests.conftest import (  # noqa: F401
    applicant,
    form_component,
    version,
    walk_in,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign_in(page, user, password):
    page.goto("/backoffice/login/")
    page.locator("input[name=username]").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")


def _sign_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def _act(page, label, fill=None):
    """Open the action's panel, fill it and confirm."""
    page.locator("summary", has_text=label).click()
    form = page.locator("details[open] form")
    if fill:
        fill(form)
    form.get_by_role("button", name=f"Xác nhận: {label}").click()


@pytest.mark.parametrize("browser_page", ["page", "page_without_js"])
def test_walk_in_dossier_from_desk_to_result(
    request, browser_page, people, password, version, form_component
):
    page = request.getfixturevalue(browser_page)
    # The desk officer takes the dossier in, with a scanned form.
    _sign_in(page, people.desk_x, password)
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.get_by_label("Tìm thủ tục (tên hoặc mã)").fill("thu nghiem")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục thử nghiệm").click()

    page.get_by_label("Họ tên chủ hồ sơ, tên tổ chức").fill("Trần Văn Bình")
    page.get_by_label("Số định danh cá nhân, mã số doanh nghiệp").fill("068080999999")
    page.get_by_label("Số điện thoại", exact=True).fill("0911222333")
    page.locator(f"input[name=c{form_component.pk}_originals]").fill("1")
    page.locator(f"input[name=c{form_component.pk}_files]").set_input_files(
        [{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 scan"}]
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
    _act(
        page,
        "Phân công xử lý",
        lambda form: form.get_by_label("Giao cho cán bộ").select_option(label="Hoàng Thị Dung"),
    )
    expect(page.get_by_text("Đã thực hiện: Phân công xử lý.")).to_be_visible()
    _sign_out(page)

    # The specialist finds it in their queue and completes the appraisal.
    _sign_in(page, people.specialist_x, password)
    page.get_by_role("link", name="Hồ sơ cần xử lý").click()
    page.get_by_label("Phạm vi").select_option("mine")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=code).click()
    _act(
        page,
        "Hoàn thành bước xử lý",
        lambda form: form.get_by_label("Ý kiến, ghi chú").fill("Đủ điều kiện"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Chờ lãnh đạo phê duyệt, ký")
    _sign_out(page)

    # The leader approves, then issues the result with its number.
    _sign_in(page, people.leader_x, password)
    page.goto(f"/backoffice/dossiers/{code}/")
    _act(page, "Phê duyệt kết quả")
    expect(page.get_by_text("Đã thực hiện: Phê duyệt kết quả.")).to_be_visible()
    _act(
        page,
        "Ban hành, ghi nhận kết quả",
        lambda form: form.get_by_label("Số, ký hiệu văn bản").fill("15/GCN"),
    )
    expect(page.locator("#dossier-status")).to_have_text("Đã có kết quả, chờ trả")
    expect(page.get_by_text(f"{code}-KQ1")).to_be_visible()
    _sign_out(page)

    # The desk hands the result over to the applicant.
    _sign_in(page, people.desk_x, password)
    page.goto(f"/backoffice/dossiers/{code}/")

    def recipient(form):
        form.get_by_label("Họ tên người nhận").fill("Trần Văn Bình")
        form.get_by_label("Số giấy tờ tùy thân người nhận").fill("068080999999")

    _act(page, "Trả kết quả", recipient)
    expect(page.locator("#dossier-status")).to_have_text("Đã trả kết quả")
    expect(page.get_by_role("cell", name="Trả kết quả")).to_be_visible()


def test_late_dossier_gets_an_apology_and_a_new_appointment(page, people, password, walk_in):
    dossier = walk_in(at=timezone.now())
    dossier = services.assign(dossier, actor=people.desk_x, assignee=people.specialist_x)
    new_due = timezone.localtime(dossier.due_at) + datetime.timedelta(days=7)

    _sign_in(page, people.leader_x, password)
    page.goto(f"/backoffice/dossiers/{dossier.code}/")

    def apology(form):
        form.get_by_label("Ngày hẹn trả mới").fill(new_due.strftime("%Y-%m-%dT%H:%M"))
        form.get_by_label("Lý do chậm").fill("Chờ kết quả xác minh của cơ quan phối hợp")

    _act(page, "Xin lỗi và hẹn lại ngày trả kết quả", apology)
    expect(page.get_by_text("Đã thực hiện: Xin lỗi và hẹn lại ngày trả kết quả.")).to_be_visible()
    expect(page.get_by_text("Chờ kết quả xác minh của cơ quan phối hợp").first).to_be_visible()
    expect(page.locator(".facts").first).to_contain_text(new_due.strftime("%H:%M %d/%m/%Y"))
    expect(page.locator(".facts").first).to_contain_text("hạn ban đầu")

    # Once only: the action is still offered but the service refuses a second apology.
    _act(page, "Xin lỗi và hẹn lại ngày trả kết quả", apology)
    expect(page.get_by_role("alert")).to_contain_text("không được hẹn lại thêm")

"""A sender without an account finds the procedure by the words people use, sends a feedback
and follows it with the tracking link, in Chromium, with JavaScript (results while typing) and
without (type, submit, choose)."""

import pytest
from playwright.sync_api import expect

from motcua.agencies.constants import Level
from motcua.agencies.tests.factories import make_agency
from motcua.demo.catalogue import load_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_catalogue()
    province = make_agency("Tỉnh Thử Nghiệm", level=Level.PROVINCE)
    make_agency("Phường Thử Nghiệm", parent=province, runs_one_stop_desk=True)  # executes it


@pytest.mark.parametrize("browser_page", ["page", "page_without_js"])
def test_anonymous_feedback_about_a_procedure_found_by_its_common_name(
    request, browser_page, catalogue
):
    page = request.getfixturevalue(browser_page)
    page.goto("/feedback/submit/")
    page.get_by_label("Tên hoặc mã thủ tục").fill("xac nhan doc than")
    results = page.locator("#procedure-results")
    if browser_page == "page":
        # No click: the results come while typing, and the address stays the same.
        expect(results).to_contain_text("Cấp Giấy xác nhận tình trạng hôn nhân")
        assert "q=" not in page.url
    else:
        page.get_by_role("button", name="Tìm thủ tục").click()
    page.get_by_role("link", name="Cấp Giấy xác nhận tình trạng hôn nhân").click()

    expect(page.get_by_text("Về thủ tục 1.004873")).to_be_visible()
    page.get_by_label("Quy định, chính sách, thủ tục").check()
    page.get_by_label("Cơ quan được phản ánh").select_option(index=1)
    page.get_by_label("Tiêu đề").fill("Hẹn trả khác với thời hạn công bố")
    page.get_by_label("Nội dung").fill("Trang thủ tục ghi 3 ngày làm việc, cán bộ hẹn 5 ngày.")
    page.get_by_label("Họ và tên").fill("Trần Văn Khách")
    page.get_by_label("Số điện thoại").fill("0987654321")
    page.get_by_role("button", name="Gửi", exact=True).click()

    expect(page.get_by_role("heading", name="Đã gửi phản ánh, kiến nghị")).to_be_visible()
    code = page.locator(".tracking-code").inner_text()
    assert len(code) == 14 and code.count("-") == 2
    page.get_by_role("link", name="Mở trang theo dõi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Theo dõi phản ánh, kiến nghị")
    expect(page.get_by_text("Hẹn trả khác với thời hạn công bố")).to_be_visible()
    expect(page.get_by_text("Đã tiếp nhận")).to_be_visible()

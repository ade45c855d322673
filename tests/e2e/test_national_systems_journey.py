"""In the browser, every national system at once (issue #15 item 7): a VNeID-verified citizen
files online with their data filled from the population register, pays through the national
payment platform, the desk sends the result by public post, the post office reports it
delivered, and the demo national portal shows the dossier returned (status 10) with every step.
"""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier, Event
from motcua.integrations.models import (
    DemoPortalDossier,
    DemoPortalProgress,
    PostalOrder,
    RegisterLookup,
)
from motcua.integrations.portal import outbox
from motcua.integrations.postal.contrib.demo import operator
from motcua.integrations.postal.contrib.demo.tasks import push_event

from . import test_portal_journey
from .backoffice import sign_in

# The portal journey's catalogue, provider and data store, shared rather than copied.
portal = test_portal_journey.portal

NATIONAL = "Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia"
REGISTERED_ID = "068080001234"  # a person the demo population register knows


def test_one_dossier_through_every_national_system(
    page,
    portal,
    people,
    tree,
    password,
    settings,
    live_server,
):
    settings.SITE_URL = live_server.url  # where the payment platform sends the payer back
    citizen = people.citizen_a
    profile = citizen.citizen_profile
    profile.personal_id, profile.vneid_verified = REGISTERED_ID, True
    profile.save()

    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("0912345678")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()

    # File online; the applicant's data come from the population register, with consent.
    page.goto("/procedures/9.000001/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_label("Cơ quan giải quyết").select_option(str(tree.commune_x.pk))
    page.get_by_label("Nơi tiếp nhận hồ sơ (Bộ phận Một cửa)").select_option(str(tree.commune_x.pk))
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Người nộp và nội dung đề nghị")).to_be_visible()
    page.get_by_label(re.compile("Tôi đồng ý cho tra cứu")).check()
    page.get_by_role("button", name="Điền từ CSDL quốc gia về dân cư").click()
    expect(page.locator(".population-lookup .message-success")).to_be_visible()
    page.get_by_label("Nội dung đề nghị").fill("Cấp giấy chứng nhận lần đầu")
    page.get_by_role("button", name="Tiếp tục").click()
    form_component = portal["version"].components.get(name="Tờ khai")
    page.locator(f"select[name=pick_{form_component.pk}]").select_option(str(portal["earlier"].pk))
    page.get_by_role("button", name="Tiếp tục").click()
    # The result by public post.
    page.get_by_label("Nhận qua dịch vụ bưu chính công ích").check()
    page.get_by_label("Địa chỉ nhận kết quả qua bưu điện").fill(
        "12 Trần Phú, phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng"
    )
    page.get_by_label("Người nhận", exact=True).fill("Nguyễn Văn An")
    page.get_by_label("Số điện thoại người nhận").fill("0912345678")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp hồ sơ. Mã hồ sơ của bạn là")).to_be_visible()
    dossier = Dossier.objects.get(applicant=citizen, status=Status.SUBMITTED)
    assert dossier.applicant_data_source == "CSDLQGDC"
    assert RegisterLookup.objects.get(dossier=dossier).actor == citizen

    # Pay through the national payment platform.
    page.goto(f"/payments/dossiers/{dossier.code}/pay/")
    page.get_by_label(re.compile(NATIONAL)).check()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.get_by_label("Ví điện tử").check()
    page.get_by_role("button", name="Thanh toán 50.000 đồng").click()
    expect(page.get_by_text("Thanh toán thành công")).to_be_visible()

    # Processed to its result (the officers' pages are proven by the desk journeys).
    dossier = services.accept(dossier, actor=people.desk_x)
    dossier = services.assign(dossier, actor=people.desk_x, assignee=people.specialist_x)
    dossier = services.complete_step(dossier, actor=people.specialist_x)
    dossier = services.approve(dossier, actor=people.leader_x)
    dossier = services.record_result(dossier, actor=people.leader_x, document_number="7/GCN")
    assert dossier.status == Status.RESULT_READY

    # The desk officer sends the result by post from the dossier's page.
    page.context.clear_cookies()
    sign_in(page, people.desk_x.username, password)
    page.goto(f"/backoffice/dossiers/{dossier.code}/")
    page.get_by_role("button", name="Lập yêu cầu bưu chính").click()
    order = PostalOrder.objects.get(dossier=dossier)
    from motcua.integrations.postal import services as postal

    postal.send_order(order.pk)  # the task the request enqueued, run now
    order.refresh_from_db()
    assert order.tracking_code
    page.reload()
    expect(page.locator("#postal")).to_contain_text(order.tracking_code)

    # The postman delivers; the operator's signed push returns the result.
    operator.advance(order.tracking_code, "in_transit")
    delivered = operator.advance(order.tracking_code, "delivered")
    for event in delivered.shipment.events.order_by("sequence"):
        push_event.call(event.pk)
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    page.reload()
    expect(page.locator("#dossier-status")).to_have_text("Đã trả kết quả")

    # The national portal has every step and the dossier returned.
    outbox.drain()
    held = DemoPortalDossier.objects.get(code=dossier.code)
    assert held.status == 10 and held.out_of_order == 0
    assert held.record["TaiKhoanDuocXacThucVoiVNeID"] == 1
    assert held.record["MaCSDL"] == "CSDLQGDC"
    assert held.record["DuocThanhToanTrucTuyen"] == 1
    assert held.record["HinhThuc"] == 1
    assert DemoPortalProgress.objects.filter(code=dossier.code).count() == (
        Event.objects.filter(dossier=dossier).exclude(to_status=Status.DRAFT).count()
    )  # drafts are never sent
    page.reload()
    expect(page.locator("#portal-sync")).to_contain_text("trạng thái 10 trên Cổng")
    admin = get_user_model().objects.create_superuser(
        "quantri", "qt@example.vn", password, full_name="Quản trị"
    )
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(admin.username)
    page.locator("input[name=password]").fill(password)
    page.locator("input[type=submit]").click()
    page.goto(f"/integrations/demo/dvcqg/?q={dossier.code}")
    row = page.locator(f"tr[data-code='{dossier.code}']")
    expect(row.locator(".national-status")).to_have_attribute("data-status", "10")
    expect(row).to_contain_text("Đã trả kết quả")

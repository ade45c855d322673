"""The fully-online journey in Chromium at 360 px: sign in through the demo VNeID provider,
file a procedure online with one paper picked from the personal data store, answer a
supplement request online, download the electronic result — with axe-core on every main page.
The officers' side is driven through the dossier services."""

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.documents.services import store_file
from motcua.documents.tests import samples
from motcua.dossiers import services
from motcua.dossiers.constants import FileOrigin, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE
from motcua.feedback.models import Rating
from motcua.signatures.base import agency_key
from motcua.signatures.services import sign_pdf
from motcua.signatures.verification import verify_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
AXE = Axe()


def assert_accessible(page):
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def portal(settings, live_server, people, tree, tmp_path):
    """The catalogue, the demo provider registered for this live server, and an earlier
    document in citizen A's data store."""
    catalog_services.import_catalogue(CATALOGUE)
    base = f"{live_server.url}/idp"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks/"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"  # the demo signing keys of this test
    call_command(
        "demo_idp", redirect_uri=[f"{live_server.url}/oidc/callback/"], stdout=io.StringIO()
    )
    earlier = store_file(
        b"%PDF-1.4 to khai da co",
        name="to-khai-da-ky.pdf",
        content_type="application/pdf",
        uploaded_by=people.citizen_a,
        owner=people.citizen_a,
    )
    return {"earlier": earlier, "version": catalog.published_version_on("9.000001")}


def test_citizen_files_online_answers_a_supplement_and_downloads_the_result(
    page, portal, people, tree, password
):
    citizen = people.citizen_a
    # Sign in through the demo VNeID provider.
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử VNeID").click()
    expect(
        page.get_by_role("heading", name="Đăng nhập tài khoản định danh điện tử")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Số định danh cá nhân").fill(citizen.citizen_profile.personal_id)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Cho phép chia sẻ thông tin")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Đồng ý").click()
    expect(page.get_by_role("heading", name="Tài khoản của tôi")).to_be_visible()
    expect(page.get_by_text("Đã xác thực qua VNeID")).to_be_visible()

    # File the procedure online, the form picked from the data store.
    page.goto("/procedures/9.000001/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    assert_accessible(page)
    page.get_by_label("Cơ quan giải quyết").select_option(str(tree.commune_x.pk))
    page.get_by_label("Nơi tiếp nhận hồ sơ (Bộ phận Một cửa)").select_option(str(tree.commune_x.pk))
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Người nộp và nội dung đề nghị")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nội dung đề nghị").fill("Cấp giấy chứng nhận lần đầu")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Giấy tờ")).to_be_visible()
    assert_accessible(page)
    form_component = portal["version"].components.get(name="Tờ khai")
    page.locator(f"select[name=pick_{form_component.pk}]").select_option(str(portal["earlier"].pk))
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Nhận kết quả")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nhận trực tuyến (bản điện tử)").check()
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Xem lại và nộp hồ sơ")).to_be_visible()
    expect(page.get_by_text("to-khai-da-ky.pdf")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_text("Đã nộp hồ sơ. Mã hồ sơ của bạn là")).to_be_visible()
    assert_accessible(page)

    dossier = Dossier.objects.get(applicant=citizen, status=Status.SUBMITTED)
    assert dossier.vneid_verified
    component = dossier.components.get()
    assert component.origin == FileOrigin.DATA_STORE and component.reused

    # Pay the fee online through the demo gateway's signed redirect and return.
    page.goto(f"/my/dossiers/{dossier.code}/")
    page.get_by_role("link", name=re.compile(r"^Nộp .+ trực tuyến$")).click()
    expect(page.get_by_role("heading", name="Nộp phí, lệ phí")).to_be_visible()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(page.get_by_role("heading", name="Cổng thanh toán demo")).to_be_visible()
    page.get_by_role("button", name="Xác nhận thanh toán").click()
    expect(page.get_by_text("Thanh toán thành công")).to_be_visible()
    fee = dossier.fees.get()
    assert fee.paid_at is not None and fee.paid_online
    assert dossier.events.filter(action="record_payment").count() == 1

    # The desk accepts; the specialist asks for a supplement.
    dossier = services.accept(dossier, actor=people.desk_x)
    dossier = services.assign(dossier, actor=people.desk_x, assignee=people.specialist_x)
    services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "Bản sao giấy khai sinh", "reason": "Bản đã nộp bị mờ"}],
    )

    # The citizen answers online.
    page.goto(f"/my/dossiers/{dossier.code}/")
    expect(page.get_by_text("Bản đã nộp bị mờ")).to_be_visible()
    page.get_by_role("link", name="Bổ sung giấy tờ trực tuyến").click()
    assert_accessible(page)
    page.get_by_label("Tải lên: Bản sao giấy khai sinh").set_input_files(
        files=[
            {"name": "khai-sinh.pdf", "mimeType": "application/pdf", "buffer": samples.pdf("ks")}
        ]
    )
    page.get_by_role("button", name="Gửi giấy tờ bổ sung").click()
    expect(page.get_by_text("Đã gửi giấy tờ bổ sung")).to_be_visible()
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROGRESS

    # The result is issued with its electronic copy.
    dossier = services.complete_step(dossier, actor=people.specialist_x)
    dossier = services.approve(dossier, actor=people.leader_x)
    signed = store_file(
        _off_loop(
            sign_pdf,
            _pdf("Giay chung nhan"),
            signer_key=agency_key(tree.commune_x),
            reason="Ket qua",
            location="Xa Thu X",
            signer_name=tree.commune_x.name,
            organization=tree.commune_x.name,
        ),
        name="giay-chung-nhan.pdf",
        content_type="application/pdf",
    )
    services.record_result(dossier, actor=people.leader_x, document_number="7/GCN", file=signed)

    page.reload()
    expect(page.get_by_text("Đã có kết quả. Bạn có thể tải kết quả điện tử")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải kết quả điện tử").click()
    # Named for what it is, not for the file the registry happened to upload.
    assert download.value.suggested_filename == (
        f"{dossier.code}-KQ1-giay-chung-nhan-thu-nghiem.pdf"
    )
    with open(download.value.path(), "rb") as handle:
        assert _off_loop(verify_pdf, handle.read()).verdict == "valid"

    page.goto("/my/dossiers/")
    assert_accessible(page)
    page.goto("/my/store/")
    expect(page.get_by_text(f"Kết quả {dossier.code}-KQ1")).to_be_visible()
    assert_accessible(page)

    # Rate the dossier, once.
    page.goto(f"/feedback/rate/{dossier.code}/")
    assert_accessible(page)
    names = page.eval_on_selector_all(
        "input[type=radio]", "els => [...new Set(els.map(e => e.name))]"
    )
    for name in names:
        page.locator(f"input[type=radio][name='{name}']").first.check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá.")).to_be_visible()
    assert Rating.objects.filter(dossier=dossier).count() == 1


def _off_loop(function, *args, **kwargs):
    """pyHanko runs its own event loop; Playwright's sync API already runs one in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, text)
    sheet.save()
    return buffer.getvalue()


def test_public_tracking_from_the_qr_without_javascript(page_without_js, portal, people, tree):
    version = portal["version"]
    dossier = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[
            services.ComponentInput(
                name="Tờ khai",
                component=version.components.get(name="Tờ khai"),
                files=[portal["earlier"]],
            )
        ],
    )
    page = page_without_js
    page.goto(f"/track/?code={dossier.code}")
    expect(page.get_by_label("Mã hồ sơ")).to_have_value(dossier.code)
    page.get_by_label("4 số cuối số điện thoại hoặc số định danh của người nộp").fill("5678")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text("Mới đăng ký")).to_be_visible()
    expect(page.get_by_text(people.citizen_a.full_name)).to_have_count(0)


@pytest.mark.parametrize(
    "path",
    ["/", "/track/", "/accounts/register/", "/accounts/password-reset/", "/procedures/9.000001/"],
)
def test_public_pages_have_no_axe_violations(page, portal, path):
    page.goto(path)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px)"


def test_the_portal_pages_fit_360_px_without_sideways_scrolling(page, portal, people, password):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("0912345678")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    for path in ("/my/dossiers/", "/my/store/", "/apply/9.000001/"):
        page.goto(path)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path

"""In the browser: a citizen pays a dossier's fee through the demo national payment platform
(choosing it, choosing a method at the platform, back to motcua) and gets the signed receipt;
then the platform fails and the citizen is told so, with the order kept to try again."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from motcua.dossiers.tests.conftest import (  # noqa: F401 - fixtures
    applicant,
    form_component,
    version,
    walk_in,
)
from motcua.payments import selectors
from motcua.payments.constants import TransactionStatus
from motcua.payments.contrib.dvcqg.models import PaygovBill
from motcua.payments.contrib.dvcqg.tasks import send_callback
from motcua.payments.tasks import issue_receipt
from motcua.signatures.verification import Verdict, verify_pdf

NATIONAL = "Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia"


@pytest.fixture
def owing(settings, live_server, tmp_path, signing_dir, walk_in):  # noqa: F811
    """A walk-in dossier of citizen A whose 50,000 đ receipt fee is unpaid, on the live site."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = signing_dir
    return walk_in()


def _off_loop(function, *args):
    """pyHanko runs its own event loop; Playwright's sync API already runs one in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _sign_in(page, password):
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("0912345678")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def test_citizen_pays_through_the_national_platform(page, owing, password):
    _sign_in(page, password)
    page.goto(f"/payments/dossiers/{owing.code}/pay/")
    page.get_by_label(re.compile(NATIONAL)).check()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(page.get_by_role("heading", name="Thanh toán phí, lệ phí trực tuyến")).to_be_visible()
    expect(page.get_by_text("Không có tiền thật được chuyển")).to_be_visible()
    page.get_by_label("Ví điện tử").check()
    page.get_by_role("button", name="Thanh toán 50.000 đồng").click()
    expect(page.get_by_text("Thanh toán thành công")).to_be_visible()

    txn = owing.payment_transactions.get()
    assert txn.gateway == "dvcqg" and txn.status == TransactionStatus.PAID
    assert PaygovBill.objects.get(lookup_code=txn.lookup_code).method == "wallet"
    assert selectors.online_payment_channel(owing) == 1
    assert send_callback.call(PaygovBill.objects.get().pk) == "02"  # the return came first
    _off_loop(issue_receipt.call, txn.pk)
    receipt = page.request.get(f"/payments/transactions/{txn.pk}/receipt.pdf")
    assert receipt.headers["content-type"] == "application/pdf"
    assert _off_loop(verify_pdf, receipt.body()).verdict == Verdict.VALID


def test_a_failing_platform_is_explained_and_the_order_kept(page, owing, password, monkeypatch):
    monkeypatch.setenv("DEMO_PAYGOV_FAIL", "500")
    _sign_in(page, password)
    page.goto(f"/payments/dossiers/{owing.code}/pay/")
    page.get_by_label(re.compile(NATIONAL)).check()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(page.get_by_text("đang không phản hồi")).to_be_visible()
    # The choice is kept for the retry.
    expect(page.get_by_label(re.compile(NATIONAL))).to_be_checked()
    monkeypatch.delenv("DEMO_PAYGOV_FAIL")
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(page.get_by_role("heading", name="Thanh toán phí, lệ phí trực tuyến")).to_be_visible()
    assert owing.payment_transactions.count() == 1

"""The monthly remittance to the treasury in Chromium, at 1280 and 360 px: the demo accountant
of Phường Xuân Hương - Đà Lạt opens the month's report (fees taken in cash at the desk this
month), records a remittance with its date, amount and voucher, sees it in the month and the
month still balance (opening + collected = remitted + outstanding), and downloads the PDF and
the XLSX, which carry the voucher."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.catalog.constants import Channel
from motcua.dossiers.errors import DossierError
from motcua.dossiers.services.inputs import Applicant
from motcua.dossiers.simulation import Simulator
from motcua.payments import services as payments
from motcua.payments.errors import PaymentError
from motcua.payments.models import Transaction, TreasuryAccount

from .backoffice import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WANTED = 2  # cash receipts at the ward this month


@pytest.fixture
def cash_this_month(demo):
    """The ward's budget account, and fees taken in cash at its desk this month for a few
    walk-in dossiers of the demo catalogue (the simulation's answers and documents)."""
    TreasuryAccount.objects.get_or_create(
        agency=demo.ward,
        account_number="7111",
        defaults={
            "treasury": "Kho bạc Nhà nước khu vực XV – Lâm Đồng",
            "budget_chapter": "599",
            "valid_from": demo.ward.valid_from,
        },
    )
    today = timezone.localdate()
    simulator = Simulator(seed=20, start=today - datetime.timedelta(days=1), end=today)
    at = timezone.now()  # this month, whatever the day
    taken = 0
    for version, agency, desk, channels in simulator.catalogue:
        if taken >= WANTED:
            break
        if agency != demo.ward or Channel.DIRECT not in channels:
            continue
        who = Applicant.from_account(simulator.citizen())
        before = Transaction.objects.filter(collecting_unit=demo.ward).count()
        try:
            payments.receive_with_cash_payment(
                actor=demo.desk,
                note="E2E",
                at=at,
                procedure_version=version,
                receiving_unit=desk,
                resolving_agency=agency,
                applicant=who,
                components=simulator._components(version),
                form_data=simulator._form_data(version, at, who),
                fee_quantities=simulator._quantities(),
            )
        except (DossierError, PaymentError, ValidationError):
            continue  # a procedure this applicant cannot file as drawn: the next one
        taken += Transaction.objects.filter(collecting_unit=demo.ward).count() > before
    assert taken, "no demo procedure of the ward takes a fee in cash at the desk"
    demo.accountant = User.objects.get(username="xuanhuong.ketoan")
    return demo


def _amount(page, label: str) -> int:
    row = page.locator(".remittance-summary tr", has_text=label).first
    return int(re.sub(r"\D", "", row.locator("td").inner_text()) or 0)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_accountant_records_a_remittance_and_the_month_balances(
    browser, live_server, width, cash_this_month
):
    demo = cash_this_month
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}, locale="vi-VN"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, demo.accountant.username, demo.password)
    page.goto("/reports/nop-ngan-sach/")
    month = timezone.localdate()
    page.get_by_role("link", name=f"{month:%m/%Y}").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    collected = _amount(page, "Số đã thu trong kỳ")
    opening = _amount(page, "Số còn phải nộp đầu kỳ")
    assert collected > 0
    to_remit = (opening + collected) // 2 or 1

    form = page.locator("form", has=page.get_by_role("button", name="Ghi khoản nộp"))
    form.get_by_label("Ngày nộp (ngày trên chứng từ)").fill(month.isoformat())
    form.get_by_label("Số tiền (đồng)").fill(str(to_remit))
    form.get_by_label("Số chứng từ").fill("GNT-E2E-01")
    form.get_by_role("button", name="Ghi khoản nộp").click()
    expect(page.get_by_text("Đã ghi khoản nộp ngân sách.")).to_be_visible()
    expect(page.get_by_text("GNT-E2E-01")).to_be_visible()

    remitted = _amount(page, "Số đã nộp ngân sách trong kỳ")
    closing = _amount(page, "Số còn phải nộp cuối kỳ")
    assert remitted == to_remit
    assert opening + collected == remitted + closing
    expect(page.get_by_text(re.compile(r"Cân đối: .*: đúng"))).to_be_visible()
    width_now, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width_now <= window, f"the month scrolls sideways at {window} px"

    pdf = page.request.get(page.get_by_role("link", name="Tải PDF").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    xlsx = page.request.get(page.get_by_role("link", name="Tải XLSX").get_attribute("href"))
    assert xlsx.ok
    book = load_workbook(io.BytesIO(xlsx.body()), read_only=True)
    cells = {
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    assert "GNT-E2E-01" in cells
    context.close()

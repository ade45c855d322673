"""The remittance pages: who reaches which unit's month (the accountant their own unit only,
managers their subtree, nobody else), the accountant's form and sign-off through the page, and
the PDF and XLSX holding the page's numbers."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from motcua.payments import treasury
from motcua.payments.models import MonthSignOff, Remittance
from motcua.payments.tests.treasury_fixtures import noon, settled

MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def today():
    """5 April 2026: March has ended and may be signed."""
    with time_machine.travel(noon(datetime.date(2026, 4, 5)), tick=False) as traveller:
        yield traveller


@pytest.fixture
def ledger_x(walk_in, tree, accountants, account_x, today):
    """Commune X in March 2026: 120,000 đ cash, 80,000 đ online reconciled, 40,000 đ online
    not reconciled, and 150,000 đ remitted (voucher GNT 01)."""
    dossier = walk_in(at=noon(datetime.date(2026, 3, 2)))
    settled(dossier, 120000, datetime.date(2026, 3, 3))
    reconciled = settled(dossier, 80000, datetime.date(2026, 3, 9), online=True)
    settled(dossier, 40000, datetime.date(2026, 3, 30), online=True, gateway="dvcqg")
    treasury.record_reconciled([reconciled], day=datetime.date(2026, 3, 9))
    treasury.record_remittance(
        tree.commune_x,
        actor=accountants.x,
        account=account_x,
        amount=150000,
        remitted_on=datetime.date(2026, 3, 20),
        voucher_number="GNT 01",
    )
    return tree.commune_x


def _month_url(unit, name="reports:remittance_month", **extra):
    return reverse(name, kwargs={"unit": unit.code, "year": 2026, "month": 3, **extra})


def test_the_accountant_sees_the_balanced_month(client, ledger_x, accountants):
    client.force_login(accountants.x)
    page = client.get(_month_url(ledger_x)).content.decode()
    assert "GNT 01" in page and "7111 – Kho bạc Nhà nước khu vực XV" in page
    # opening 0 + collected 200,000 = remitted 150,000 + closing 50,000; 40,000 not counted.
    assert "Cân đối: đầu kỳ 0 + thu 200.000 = đã nộp 150.000 + cuối kỳ 50.000: đúng" in page
    assert "40.000" in page and "chưa đối soát" in page
    assert "Ghi khoản nộp" in page and "Ký xác nhận" in page
    index = client.get(reverse("reports:remittance_index")).content.decode()
    assert ledger_x.name in index and "Xã Thử Y" not in index


def test_the_pdf_and_the_xlsx_hold_the_same_numbers(client, ledger_x, accountants):
    client.force_login(accountants.x)
    pdf = client.get(_month_url(ledger_x, "reports:remittance_export", fmt="pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    for figure in ("200.000", "150.000", "50.000", "40.000", "GNT 01"):
        assert figure in text, figure
    assert "NỘP PHÍ, LỆ PHÍ VÀO NGÂN SÁCH NHÀ NƯỚC THÁNG 03/2026" in text

    xlsx = client.get(_month_url(ledger_x, "reports:remittance_export", fmt="xlsx"))
    assert "attachment" in xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = {
        row[0].strip(): row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row[0]
    }
    assert summary["Số còn phải nộp đầu kỳ (chuyển từ tháng trước)"] == 0
    assert summary["Số đã thu trong kỳ (được tính nộp)"] == 200000
    assert summary["– Tiền mặt tại Bộ phận Một cửa"] == 120000
    assert summary["Số đã nộp ngân sách trong kỳ"] == 150000
    assert summary["Số còn phải nộp cuối kỳ (chuyển sang tháng sau)"] == 50000
    assert summary["Thu trực tuyến trong tháng chưa đối soát (chưa tính nộp)"] == 40000
    remitted = list(book["Nộp ngân sách"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[4]) for r in remitted] == [("GNT 01", 150000)]
    assert sum(r[4] for r in book["Chi tiết thu"].iter_rows(min_row=2, values_only=True)) == 200000


def test_recording_and_signing_through_the_page(client, ledger_x, accountants, account_x):
    client.force_login(accountants.x)
    refused = client.post(
        _month_url(ledger_x, "reports:remittance_record"),
        {
            "remitted_on": "2026-03-31",
            "account": account_x.pk,
            "amount": "50001",
            "voucher_number": "GNT 02",
        },
    )
    assert refused.status_code == 400
    assert "vượt số còn phải nộp" in refused.content.decode()
    done = client.post(
        _month_url(ledger_x, "reports:remittance_record"),
        {
            "remitted_on": "2026-03-31",
            "account": account_x.pk,
            "amount": "50000",
            "voucher_number": "GNT 02",
        },
    )
    assert done.status_code == 302 and Remittance.objects.count() == 2
    client.post(_month_url(ledger_x, "reports:remittance_sign"))
    signed = MonthSignOff.objects.get(agency=ledger_x, month=MARCH)
    assert signed.closing == 0 and signed.signed_by == accountants.x
    page = client.get(_month_url(ledger_x)).content.decode()
    assert "đã ký xác nhận" in page and "Ghi khoản nộp" not in page
    late = client.post(
        _month_url(ledger_x, "reports:remittance_record"),
        {
            "remitted_on": "2026-03-31",
            "account": account_x.pk,
            "amount": "1",
            "voucher_number": "X",
        },
    )
    assert late.status_code == 400  # the form is gone and the service refuses the locked month
    assert Remittance.objects.count() == 2


def test_a_manager_reads_but_does_not_record(client, ledger_x, people, account_x):
    client.force_login(people.manager)
    page = client.get(_month_url(ledger_x))
    assert page.status_code == 200 and "Ghi khoản nộp" not in page.content.decode()
    data = {
        "remitted_on": "2026-03-31",
        "account": account_x.pk,
        "amount": "1",
        "voucher_number": "M",
    }
    assert client.post(_month_url(ledger_x, "reports:remittance_record"), data).status_code == 403
    assert client.post(_month_url(ledger_x, "reports:remittance_sign")).status_code == 403
    assert Remittance.objects.count() == 1 and not MonthSignOff.objects.exists()


@pytest.mark.parametrize(
    "name", ["reports:remittance_month", "reports:remittance_record", "reports:remittance_sign"]
)
def test_another_units_accountant_finds_nothing(client, ledger_x, accountants, name):
    client.force_login(accountants.y)
    response = (
        client.post(_month_url(ledger_x, name))
        if name != "reports:remittance_month"
        else (client.get(_month_url(ledger_x, name)))
    )
    assert response.status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_exports_of_another_unit_are_missing(client, ledger_x, accountants, people, fmt):
    for user in (accountants.y, people.desk_x, people.specialist_x):
        client.force_login(user)
        url = _month_url(ledger_x, "reports:remittance_export", fmt=fmt)
        assert client.get(url).status_code == 404


def test_officers_without_a_ledger_role_citizens_and_anonymous_are_refused(
    client, ledger_x, people
):
    assert client.get(reverse("reports:remittance_index")).status_code == 302
    assert "/backoffice/login/" in client.get(_month_url(ledger_x))["Location"]
    client.force_login(people.citizen_a)
    assert client.get(_month_url(ledger_x)).status_code == 403
    client.force_login(people.desk_x)
    assert client.get(reverse("reports:remittance_index")).status_code == 403
    assert client.get(_month_url(ledger_x)).status_code == 404


def test_a_future_month_and_a_bad_format_are_missing(client, ledger_x, accountants):
    client.force_login(accountants.x)
    url = reverse(
        "reports:remittance_month", kwargs={"unit": ledger_x.code, "year": 2026, "month": 5}
    )
    assert client.get(url).status_code == 404
    bad = reverse(
        "reports:remittance_month", kwargs={"unit": ledger_x.code, "year": 2026, "month": 13}
    )
    assert client.get(bad).status_code == 404
    assert (
        client.get(_month_url(ledger_x, "reports:remittance_export", fmt="csv")).status_code == 404
    )

"""The applicant's whole journey through the national platform with the test client: choosing
it, the platform's page, the return, the callback, the signed receipt; the platform failing
(HTTP 500, no answer, nonsense) leaves a clear message and the same order to pay again; the
daily reconciliation by MaTraCuuTT catches a payment whose callback and return were both lost."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.constants import Status
from motcua.payments import selectors, services
from motcua.payments.constants import Outcome, TransactionStatus
from motcua.payments.contrib.dvcqg.models import PaygovBill, PaygovSwitch
from motcua.payments.contrib.dvcqg.tasks import send_callback
from motcua.payments.models import GatewayMessage
from motcua.payments.tasks import issue_receipt
from motcua.signatures.verification import Verdict, verify_pdf

from .conftest import platform_decides

UNAVAILABLE = "Nền tảng thanh toán của Cổng Dịch vụ công quốc gia đang không phản hồi"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_pay_through_the_national_platform_end_to_end(awaiting, people, as_user):
    client = as_user(people.citizen_a)
    page = client.get(f"/payments/dossiers/{awaiting.code}/pay/")
    assert page.status_code == 200
    assert 'name="gateway" value="dvcqg"' in page.text and 'value="demo"' in page.text
    assert "Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia" in page.text

    to_platform = client.post(f"/payments/dossiers/{awaiting.code}/pay/", {"gateway": "dvcqg"})
    assert to_platform.status_code == 302
    txn = awaiting.payment_transactions.get()
    assert txn.gateway == "dvcqg" and to_platform.url.endswith(
        f"/demo-paygov/pay/{txn.lookup_code}/"
    )

    platform_page = client.get(path_of(to_platform.url))
    assert platform_page.status_code == 200
    for shown in (txn.lookup_code, awaiting.code, "Nguyễn Văn An", "150.000", "Không có tiền thật"):
        assert shown in platform_page.text, shown
    refused = client.post(path_of(to_platform.url), {"choice": "pay", "method": "gold"})
    assert refused.status_code == 400 and "Hãy chọn một phương thức" in refused.text

    back = client.post(path_of(to_platform.url), {"choice": "pay", "method": "qr"})
    assert back.status_code == 302 and back.url.startswith(
        "http://testserver/payments/return/dvcqg/?"
    )
    result = client.get(path_of(back.url))
    assert result.status_code == 200 and result.context["paid"]
    awaiting.refresh_from_db()
    txn.refresh_from_db()
    assert awaiting.status == Status.IN_PROGRESS and txn.status == TransactionStatus.PAID
    assert PaygovBill.objects.get().method == "qr"
    # The platform's callback comes after the return: acknowledged as already recorded.
    assert send_callback.call(PaygovBill.objects.get().pk) == "02"
    # Opening the platform's page again shows the same result, never a second charge.
    again = client.get(path_of(to_platform.url))
    assert again.status_code == 302 and "MaLoi=00" in again.url

    assert selectors.online_payment_channel(awaiting) == 1
    receipt_url = f"/payments/transactions/{txn.pk}/receipt.pdf"
    assert "đang được lập" in client.get(receipt_url).text
    issue_receipt.call(txn.pk)
    pdf = client.get(receipt_url)
    assert pdf["Content-Type"] == "application/pdf"
    assert verify_pdf(pdf.content).verdict == Verdict.VALID


def test_cancelling_at_the_platform_returns_to_a_payable_dossier(awaiting, people, as_user):
    client = as_user(people.citizen_a)
    to_platform = client.post(f"/payments/dossiers/{awaiting.code}/pay/", {"gateway": "dvcqg"})
    back = client.post(path_of(to_platform.url), {"choice": "cancel"})
    result = client.get(path_of(back.url))
    assert result.status_code == 200 and not result.context["paid"]
    assert "Bạn có thể thanh toán lại" in result.text
    # The same return with the code changed to "paid" is refused: the signature no longer holds.
    forged = client.get(path_of(back.url).replace("MaLoi=24", "MaLoi=00"))
    assert forged.status_code == 400 and "Không xác thực được" in forged.text
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_PAYMENT
    assert selectors.online_payment_channel(awaiting) is None


def _fail_by_env(monkeypatch, mode):
    monkeypatch.setenv("DEMO_PAYGOV_FAIL", mode)
    return lambda: monkeypatch.delenv("DEMO_PAYGOV_FAIL")


def _fail_by_switch(monkeypatch, mode):
    PaygovSwitch.objects.create(failure=mode)
    return lambda: PaygovSwitch.objects.update(failure="")


@pytest.mark.parametrize("switch", [_fail_by_env, _fail_by_switch], ids=["env", "admin"])
@pytest.mark.parametrize("mode", ["500", "timeout", "malformed"])
def test_a_failing_platform_gives_a_clear_message_and_the_payment_can_be_retried(
    awaiting, people, as_user, monkeypatch, switch, mode
):
    client = as_user(people.citizen_a)
    pay = f"/payments/dossiers/{awaiting.code}/pay/"
    restore = switch(monkeypatch, mode)
    response = client.post(pay, {"gateway": "dvcqg"}, follow=True)
    assert response.status_code == 200 and UNAVAILABLE in response.text
    assert "Chưa có khoản nào bị trừ tiền" in response.text
    txn = awaiting.payment_transactions.get()
    assert txn.status == TransactionStatus.PENDING and not PaygovBill.objects.exists()
    restore()
    retry = client.post(pay, {"gateway": "dvcqg"})
    assert retry.status_code == 302 and retry.url.endswith(f"/pay/{txn.lookup_code}/")
    assert awaiting.payment_transactions.count() == 1  # the same order, asked again


def test_only_offered_gateways_may_be_used(awaiting, people, as_user, monkeypatch):
    monkeypatch.setenv("PAYMENT_GATEWAYS", "dvcqg")
    client = as_user(people.citizen_a)
    page = client.get(f"/payments/dossiers/{awaiting.code}/pay/")
    assert 'type="radio"' not in page.text and 'value="dvcqg"' in page.text
    refused = client.post(
        f"/payments/dossiers/{awaiting.code}/pay/", {"gateway": "demo"}, follow=True
    )
    assert "Cổng thanh toán không được hỗ trợ" in refused.text
    assert not awaiting.payment_transactions.exists()


def _reconcile(*args):
    out = io.StringIO()
    call_command("reconcile_payments", "--gateway", "dvcqg", *args, stdout=out)
    return out.getvalue()


def test_reconciliation_looks_up_each_order_by_its_lookup_code(awaiting, people, monkeypatch):
    txn = services.start_payment(awaiting, actor=people.citizen_a, gateway="dvcqg")
    bill = platform_decides(txn)  # paid; neither the return nor the callback ever arrives
    output = _reconcile("--date", "2026-03-02")
    assert f"CHỈ CÓ Ở CỔNG: đơn {txn.pk} mã GD {bill.platform_reference} 150.000 đ" in output
    output = _reconcile("--date", "2026-03-02", "--apply")
    assert f"ĐÃ GHI NHẬN BỔ SUNG: đơn {txn.pk} → applied" in output
    txn.refresh_from_db()
    assert txn.status == TransactionStatus.PAID
    assert GatewayMessage.objects.get().outcome == Outcome.APPLIED
    assert "Khớp: 1" in _reconcile("--date", "2026-03-02") and send_callback.call(bill.pk) == "02"
    monkeypatch.setenv("DEMO_PAYGOV_FAIL", "500")
    with pytest.raises(CommandError, match="không phản hồi"):
        _reconcile("--date", "2026-03-02")

"""The e-receipt as issued: signed PAdES with the collecting unit's seal (validated with
pyHanko), the legal content of ND 123/2020 (symbols, the unit's series number, unit, payer,
lines, amount in figures and in words, date), a QR code to its verification page, issued once;
the series runs per unit and per year; and DuocThanhToanTrucTuyen for the national sync."""

import datetime
import io

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from motcua.documents import services as documents
from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.conftest import vn
from motcua.notices.tests.helpers import flat, pdf_text
from motcua.payments import selectors, services
from motcua.payments.contrib.demo.tasks import send_notification
from motcua.payments.contrib.dvcqg.tasks import send_callback
from motcua.payments.models import ReceiptSeries
from motcua.payments.receipts import issue_receipt
from motcua.signatures.models import PAYMENT_RECEIPT
from motcua.signatures.verification import trust_roots

from .conftest import bank_pays, platform_decides


def test_the_receipt_is_signed_by_the_collecting_unit_and_validates(awaiting, people, client):
    txn = services.start_payment(awaiting, actor=people.citizen_a, gateway="dvcqg")
    send_callback.call(platform_decides(txn).pk)
    issued = issue_receipt(txn.pk)
    assert issued.kind == PAYMENT_RECEIPT and issued.agency == awaiting.receiving_unit
    assert issue_receipt(txn.pk).pk == issued.pk  # issued once
    pdf = documents.read_bytes(issued.file)
    (embedded,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Xã Thử X"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    txn.refresh_from_db()
    text = flat(pdf_text(pdf))
    paid_at = txn.paid_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    for wanted in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ",
        "Ký hiệu mẫu: 01BLP0-001",
        "Ký hiệu: AA-26E",
        "Số: 0000001",
        "Đơn vị thu: Xã Thử X",
        "Người nộp: Nguyễn Văn An",
        f"Số định danh: {awaiting.applicant_id_number}",
        "Lệ phí cấp giấy chứng nhận 100.000 đồng",
        "Tổng cộng 150.000 đồng",
        "Số tiền bằng chữ: Một trăm năm mươi nghìn đồng.",
        f"mã tra cứu thanh toán {txn.lookup_code}",
        "Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia",
        f"Ngày {paid_at:%d} tháng {paid_at:%m} năm {paid_at:%Y}",
        "ĐƠN VỊ THU",
    ):
        assert wanted in text, wanted
    # The QR code opens the public verification page, which finds the receipt valid.
    page = client.get(f"/signatures/verify/{issued.token}/")
    assert page.status_code == 200 and "Văn bản hợp lệ" in page.text
    assert "thay thế" not in page.text


def test_a_cash_receipt_is_signed_too_and_the_unit_numbers_in_one_series_a_year(
    awaiting, people, tree, walk_in, clock
):
    cash = services.record_cash_payment(awaiting, actor=people.desk_x)
    online = services.start_payment(walk_in(), actor=people.citizen_a)
    send_notification.call(bank_pays(online)[0].pk)
    online.refresh_from_db()
    assert (cash.receipt_sequence, online.receipt_sequence) == (1, 2)  # one series for X
    issued = issue_receipt(cash.pk)
    text = flat(pdf_text(documents.read_bytes(issued.file)))
    assert "Tiền mặt tại Bộ phận Một cửa" in text and "Số: 0000001" in text
    series = ReceiptSeries.objects.get(agency=tree.commune_x)
    assert (series.year, series.symbol, series.last_number) == (2026, "AA-26E", 2)
    # A new year starts a new series with its own symbol.
    clock.move_to(vn(2027, 1, 4, 9, 0))
    next_year = services.record_cash_payment(walk_in(at=vn(2027, 1, 4, 8, 0)), actor=people.desk_x)
    assert (next_year.receipt_symbol, next_year.receipt_sequence) == ("AA-27E", 1)
    assert next_year.receipt_number == "AA-27E-0000001"


def test_the_selector_says_which_platform_collected_online(awaiting, people, walk_in):
    assert selectors.online_payment_channel(awaiting) is None
    in_cash = walk_in()
    services.record_cash_payment(in_cash, actor=people.desk_x)
    assert selectors.online_payment_channel(in_cash) is None  # cash is not online
    txn = services.start_payment(awaiting, actor=people.citizen_a, gateway="demo")
    send_notification.call(bank_pays(txn)[0].pk)
    assert selectors.online_payment_channel(awaiting) == 2


def test_a_dossier_paid_through_the_national_platform_is_channel_1(received, people):
    txn = services.start_payment(received, actor=people.citizen_a, gateway="dvcqg")
    bill = platform_decides(txn)
    assert selectors.online_payment_channel(received) is None  # not yet recorded here
    send_callback.call(bill.pk)
    assert selectors.online_payment_channel(received) == 1


def test_the_national_platform_wins_when_both_collected(received, people):
    first = services.start_payment(received, actor=people.citizen_a, gateway="demo")
    send_notification.call(bank_pays(first)[0].pk)  # the fee at receipt, province gateway
    assert selectors.online_payment_channel(received) == 2
    dossier = dossier_services.assign(received, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    dossier = dossier_services.request_payment(
        dossier,
        actor=people.specialist_x,
        lines=[{"name": "Lệ phí cấp giấy chứng nhận", "amount": 100000}],
        at=vn(2026, 3, 2, 13, 0),
    )
    second = services.start_payment(dossier, actor=people.citizen_a, gateway="dvcqg")
    send_callback.call(platform_decides(second).pk)
    assert selectors.online_payment_channel(dossier) == 1


def test_receipts_never_issued_are_issued_by_the_command(awaiting, people):
    import io

    from django.core.management import call_command

    txn = services.record_cash_payment(awaiting, actor=people.desk_x)
    out = io.StringIO()
    call_command("issue_receipts", stdout=out)
    assert "Đã phát hành 1 biên lai điện tử." in out.getvalue()
    txn.refresh_from_db()
    assert txn.receipt_document is not None
    call_command("issue_receipts", stdout=out)  # nothing left: issued once
    assert "Đã phát hành 0 biên lai điện tử." in out.getvalue()

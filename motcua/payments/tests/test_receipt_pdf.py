"""The e-receipt PDF as printed: nothing prints over anything, however long the collecting unit,
the procedure or a line's name (read back with poppler's word boxes); nothing is cut; a line
counted per page shows what was asked; its download name says what it is."""

from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import copy_component, copy_version, vn  # noqa: F401
from motcua.notices.tests.helpers import flat, page_sizes, pdf_text, word_boxes
from motcua.payments import services
from motcua.payments.receipts import render_receipt
from motcua.payments.tasks import issue_receipt

MM = 72 / 25.4
LONG_UNIT = (
    "Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính "
    "phường Nguyễn Thái Bình thành phố Hồ Chí Minh"
)
LONG_PROCEDURE = (
    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của "
    "Việt Nam cấp hoặc chứng nhận, kể cả giấy tờ do cơ quan có thẩm quyền của nước ngoài cấp"
)
LONG_ADDRESS = "Số 12, ngõ 34, ngách 56, đường Nguyễn Thị Minh Khai, khu phố 7, phường Bến Thành"


def _overlap(a, b, slack=0.5) -> bool:
    page_a, _wa, ax0, ay0, ax1, ay1 = a
    page_b, _wb, bx0, by0, bx1, by1 = b
    return (
        page_a == page_b
        and ax0 < bx1 - slack
        and bx0 < ax1 - slack
        and ay0 < by1 - slack
        and by0 < ay1 - slack
    )


def _assert_laid_out(pdf: bytes) -> list:
    boxes = word_boxes(pdf)
    width, _height = page_sizes(pdf)[0]
    for index, first in enumerate(boxes):
        assert first[2] >= 20 * MM - 0.5 and first[4] <= width - 20 * MM + 0.5, first
        for second in boxes[index + 1 :]:
            assert not _overlap(first, second), (first, second)
    return boxes


def test_long_names_wrap_in_their_columns_and_nothing_overlaps(awaiting, people):
    txn = services.record_cash_payment(awaiting, actor=people.desk_x)
    # How long real names print (in memory only; the stored unit and procedure are untouched).
    txn.collecting_unit.name = LONG_UNIT
    txn.dossier.procedure_version.name = LONG_PROCEDURE
    txn.dossier.applicant_address = LONG_ADDRESS
    pdf = render_receipt(txn)
    words = [box[1] for box in _assert_laid_out(pdf)]
    for text in (LONG_UNIT.upper(), LONG_PROCEDURE, LONG_ADDRESS):
        for word in text.split():
            assert word in words, word  # wrapped, never cut
    text = flat(pdf_text(pdf))
    for wanted in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ"):
        assert wanted in text
    assert "Tổng cộng 150.000 đồng" in text


def test_a_line_counted_per_page_shows_what_was_asked(
    copy_version,  # noqa: F811
    copy_component,  # noqa: F811
    tree,
    people,
    applicant,
    as_user,
):
    dossier = services.receive_with_cash_payment(
        actor=people.desk_x,
        procedure_version=copy_version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=applicant,
        components=[ComponentInput(name="Tờ khai", component=copy_component, paper_originals=1)],
        form_data={"fields": {"so_trang": 5, "so_ban": 2}},
        at=vn(2026, 3, 2, 9, 0),
    )
    (txn,) = dossier.payment_transactions.all()
    issue_receipt.call(txn.pk)
    assert txn.amount == Decimal(14000)  # the waived line is never collected
    assert [line.name for line in txn.lines.all()] == ["Phí chứng thực bản sao"]
    response = as_user(people.citizen_a).get(reverse("payments:receipt", args=[txn.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'inline; filename="{dossier.code}-bien-lai-{txn.receipt_number}.pdf"'
    )
    _assert_laid_out(response.content)
    text = flat(pdf_text(response.content))
    assert "Phí chứng thực bản sao (5 trang × 2 bản) 14.000 đồng" in text


@pytest.mark.parametrize("who", ["citizen_b", "desk_y"])
def test_another_person_cannot_open_the_receipt(awaiting, people, as_user, who):
    txn = services.record_cash_payment(awaiting, actor=people.desk_x)
    url = reverse("payments:receipt", args=[txn.pk])
    assert as_user(getattr(people, who)).get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in_for_a_receipt(awaiting, people, client):
    txn = services.record_cash_payment(awaiting, actor=people.desk_x)
    response = client.get(reverse("payments:receipt", args=[txn.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_qr_code_sits_top_left_above_every_word(awaiting, people):
    txn = services.record_cash_payment(awaiting, actor=people.desk_x)
    txn.collecting_unit.name = LONG_UNIT
    pdf = render_receipt(txn, qr_text="http://127.0.0.1:8000/signatures/verify/abc/")
    boxes = _assert_laid_out(pdf)
    qr_bottom = (20 - 6 + 20) * MM  # from the top: margin − inset + the code's side
    assert min(box[3] for box in boxes) >= qr_bottom, "a word under the QR code"
    text = flat(pdf_text(pdf))
    assert "Số tiền bằng chữ: Một trăm năm mươi nghìn đồng." in text

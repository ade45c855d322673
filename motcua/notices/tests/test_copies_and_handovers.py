"""The receipt in its two copies (liên), the fees with their e-receipts, and the control slip's
hand-over rows signed by the giver and the receiver (TT 01/2018 Forms 01 and 05)."""

import itertools

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import RuleSet
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import copy_component, copy_version, vn  # noqa: F401
from motcua.notices import services as notices
from motcua.notices.constants import FormKey
from motcua.notices.formsets import FORM_SETS, HANDOVER_COLUMNS, template_for
from motcua.payments import services as payments
from motcua.payments.contrib.demo.tasks import send_notification
from motcua.payments.tests.conftest import bank_pays

from .helpers import flat, page_sizes, page_texts, pdf_text, qr_codes, word_boxes

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)
MM = 72 / 25.4
COPY_1 = "Liên 1: Lưu tại Bộ phận Một cửa (kèm Phiếu kiểm soát quá trình giải quyết hồ sơ)"
COPY_2 = "Liên 2: Giao người nộp hồ sơ"


def _use_form_set(dossier, form_set: str):
    RuleSet.objects.filter(pk=dossier.rules_id).update(form_set=form_set)
    dossier.refresh_from_db()
    return dossier


def test_the_receipt_has_two_copies_in_both_form_sets_and_the_other_forms_one():
    for form_set, forms in FORM_SETS.items():
        assert template_for(form_set, FormKey.RECEIPT).copies == (COPY_1, COPY_2), form_set
        for key, template in forms.items():
            if key != FormKey.RECEIPT:
                assert template.copies == (), (form_set, key)


@pytest.mark.parametrize("form_set", ["2018", "2025"])
def test_each_copy_is_a_labelled_page_with_its_qr_code_and_the_same_content(walk_in, form_set):
    dossier = _use_form_set(walk_in(at=vn(2026, 3, 2, 9, 0)), form_set)
    pdf = notices.render_notice(dossier, FormKey.RECEIPT)
    assert page_sizes(pdf) == [A4, A4]
    first, second = (flat(text) for text in page_texts(pdf))
    assert COPY_1 in first and COPY_2 not in first
    assert COPY_2 in second and COPY_1 not in second
    # Only the label differs: its line under the title and its name in the footer.
    assert first.replace(COPY_1, "").replace("Liên 1", "") == second.replace(COPY_2, "").replace(
        "Liên 2", ""
    )
    for wanted in (f"Mã hồ sơ: {dossier.code}", "NGƯỜI NỘP HỒ SƠ", "Lệ phí: 50.000 đồng"):
        assert wanted in first and wanted in second
    assert qr_codes(pdf, page=1) == qr_codes(pdf, page=2) != []
    # The QR code top-left (A4: 24 mm from 9 mm off each edge), clear of every word.
    near, far = 9 * MM, 33 * MM
    for page, word, x_min, y_min, x_max, y_max in word_boxes(pdf):
        assert x_min > far or y_min > far or x_max < near or y_max < near, (page, word)


def test_a_fee_paid_in_cash_at_intake_names_its_e_receipt_on_both_copies(
    version, tree, people, applicant, form_component
):
    dossier = payments.receive_with_cash_payment(
        actor=people.desk_x,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=applicant,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
        at=vn(2026, 3, 2, 9, 0),
    )
    (receipt,) = dossier.payment_transactions.all()
    wanted = (
        "Lệ phí: 50.000 đồng (đã nộp) – Tiền mặt tại Bộ phận Một cửa, "
        f"biên lai điện tử số {receipt.receipt_number}"
    )
    pages = [flat(text) for text in page_texts(notices.render_notice(dossier, FormKey.RECEIPT))]
    assert len(pages) == 2
    for text in pages:
        assert wanted in text and "chưa nộp" not in text


def test_a_fee_paid_online_names_the_way_and_its_e_receipt(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    txn = payments.start_payment(dossier, actor=people.citizen_a)  # the demo bank's clock
    entry, _result = bank_pays(txn)
    send_notification.call(entry.pk)
    txn.refresh_from_db()
    assert txn.receipt_number
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.RECEIPT)))
    assert (
        "Lệ phí: 50.000 đồng (đã nộp) – Thanh toán trực tuyến, "
        f"biên lai điện tử số {txn.receipt_number}"
    ) in text


def test_a_fee_paid_without_an_e_receipt_shows_the_number_recorded_and_unpaid_says_so(
    walk_in, people
):
    unpaid = walk_in(at=vn(2026, 3, 2, 9, 0))
    text = flat(pdf_text(notices.render_notice(unpaid, FormKey.RECEIPT)))
    assert "Lệ phí: 50.000 đồng (chưa nộp)" in text and "biên lai" not in text
    dossier = walk_in(at=vn(2026, 3, 2, 10, 0))
    dossier = services.record_fee_payment(
        dossier,
        actor=people.desk_x,
        fee_ids=[dossier.fees.get().pk],
        reference="BL giấy 0012",
        at=vn(2026, 3, 2, 10, 5),
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.RECEIPT)))
    assert "Lệ phí: 50.000 đồng (đã nộp) – số biên lai, mã giao dịch BL giấy 0012" in text
    assert "biên lai điện tử" not in text


def _walk_through(walk_in, people, *, thorough_until=None):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(
        dossier, actor=people.desk_x, assignee=people.specialist_x, at=vn(2026, 3, 2, 9, 30)
    )
    return services.complete_step(
        dossier, actor=people.specialist_x, at=thorough_until or vn(2026, 3, 3, 10, 0)
    )


HANDOVERS = [
    "1. Giao: Bộ phận Một cửa 2. Nhận: Công chức, phòng chuyên môn",
    "1. Giao: Công chức, phòng chuyên môn 2. Nhận: Lãnh đạo cơ quan",
    "1. Giao: Lãnh đạo cơ quan 2. Nhận: Văn thư",
    "1. Giao: Văn thư 2. Nhận: Bộ phận Một cửa",
    "1. Giao: Bộ phận Một cửa 2. Nhận: Tổ chức, cá nhân",
]


def _positions(text: str, wanted: list[str]) -> list[int]:
    found = [text.find(w) for w in wanted]
    assert -1 not in found, [w for w, at in zip(wanted, found, strict=True) if at == -1]
    return found


@pytest.mark.parametrize("form_set", ["2018", "2025"])
def test_the_control_slip_has_one_signed_row_per_hand_over_desk_first_applicant_last(
    walk_in, people, form_set
):
    # The specialist takes 24 working hours against a quota of 16: late.
    dossier = _walk_through(walk_in, people, thorough_until=vn(2026, 3, 5, 9, 30))
    dossier = services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 5, 14, 0))
    dossier = services.record_result(dossier, actor=people.leader_x, at=vn(2026, 3, 5, 15, 0))
    dossier = services.return_result(
        dossier,
        actor=people.desk_x,
        recipient_name="Trần Văn Bình",
        recipient_id_number="068080001234",
        at=vn(2026, 3, 6, 8, 0),
    )
    dossier = _use_form_set(dossier, form_set)
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.CONTROL_SLIP)))
    headings = [
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)",
        "GHI CHÚ",
    ]
    assert [title for title, _width in HANDOVER_COLUMNS] == headings
    body = text[_positions(text, headings)[-1] :]
    rows = _positions(body, HANDOVERS)
    assert rows == sorted(rows)
    assert body.count("Người giao Người nhận") == len(HANDOVERS)
    rows.append(len(body))
    cells = [body[start:end] for start, end in itertools.pairwise(rows)]
    # Each row: the time of the hand-over, who gave and who took, the giver's result.
    expected = [
        ("09 giờ 30 phút, ngày 02/03/2026", "Phạm Văn Cường", "Hoàng Thị Dung", "Trước hạn"),
        ("09 giờ 30 phút, ngày 05/03/2026", "Hoàng Thị Dung", "Vũ Văn Em", "Quá hạn"),
        ("14 giờ 00 phút, ngày 05/03/2026", "Vũ Văn Em", "Vũ Văn Em", "Trước hạn"),
        ("15 giờ 00 phút, ngày 05/03/2026", "Vũ Văn Em", "Phạm Văn Cường", "Trước hạn"),
        # Returned on Friday 08:00 against Thursday 09:00: late against the appointment.
        ("08 giờ 00 phút, ngày 06/03/2026", "Phạm Văn Cường", "Trần Văn Bình", "Quá hạn"),
    ]
    for cell, (moment, giver, receiver, result) in zip(cells, expected, strict=True):
        assert moment in cell, (cell, moment)
        assert cell.index(giver) < cell.rindex(receiver), cell
        assert result in cell, (cell, result)
    assert "Bên giao: Thẩm định (24/16 giờ làm việc)" in cells[1]
    assert "Bên nhận: Phê duyệt" in cells[1]


def test_hand_overs_still_to_come_are_printed_blank_to_be_filled_in_by_hand(walk_in, people):
    dossier = _use_form_set(_walk_through(walk_in, people), "2018")
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.CONTROL_SLIP)))
    rows = _positions(text, HANDOVERS)
    assert rows == sorted(rows)
    # Specialist → leader happened; leader → registry onwards not yet.
    assert "10 giờ 00 phút, ngày 03/03/2026" in text[rows[1] : rows[2]]
    for start, end in zip(rows[2:], [*rows[3:], len(text)], strict=True):
        assert "… giờ … phút, ngày …/…/……" in text[start:end]
    assert "Bên nhận: Phê duyệt (đang xử lý)" in text
    assert "Chưa trả kết quả cho cá nhân, tổ chức." in text


def test_a_waived_line_reads_mien_on_the_receipt_never_a_debt_of_0_dong(
    copy_version,  # noqa: F811
    copy_component,  # noqa: F811
    tree,
    people,
    applicant,
):
    dossier = services.receive(
        actor=people.desk_x,
        procedure_version=copy_version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=applicant,
        components=[ComponentInput(name="Tờ khai", component=copy_component, paper_originals=1)],
        form_data={"fields": {"so_trang": 2, "so_ban": 1}},
        at=vn(2026, 3, 2, 9, 0),
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.RECEIPT)))
    assert "Lệ phí: miễn" in text
    assert "Lệ phí: 0" not in text
    assert "Phí chứng thực bản sao: 4.000 đồng (chưa nộp)" in text

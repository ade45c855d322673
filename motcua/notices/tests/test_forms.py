"""The forms' content: the right Vietnamese words, times to the minute, the QR code."""

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import RuleSet
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.notices.builders import NoticeUnavailable, tracking_url
from motcua.notices.constants import FormKey

from .helpers import flat, pdf_text, qr_codes

pytestmark = pytest.mark.django_db


def test_receipt_carries_code_applicant_and_appointment_to_the_minute(walk_in, settings):
    settings.SITE_URL = "https://dichvucong.example.vn"
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    pdf = notices.render_notice(dossier, FormKey.RECEIPT)
    text = flat(pdf_text(pdf))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Nguyễn Văn An" in text
    assert "Thủ tục thử nghiệm" in text
    assert "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026" in text
    # 3 working days from Monday 09:00.
    assert (
        "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 05 tháng 03 năm 2026" in text
    )
    assert "3 ngày làm việc" in text
    assert "Tờ khai" in text
    assert "Lệ phí: 50.000 đồng" in text
    assert "Phạm Văn Cường" in text  # the desk officer who received it
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert qr_codes(pdf) == [f"https://dichvucong.example.vn/track/?code={dossier.code}"]


def test_the_qr_code_encodes_the_public_tracking_url(walk_in):
    dossier = walk_in()
    assert tracking_url(dossier.code).endswith(f"/track/?code={dossier.code}")
    for key in (FormKey.RECEIPT, FormKey.CONTROL_SLIP):
        assert qr_codes(notices.render_notice(dossier, key)) == [tracking_url(dossier.code)]


def test_supplement_request_lists_every_item_with_its_reason(walk_in, people):
    dossier = services.assign(walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x)
    dossier = services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[
            {"name": "Bản sao giấy khai sinh", "reason": "Bản sao chưa chứng thực"},
            {"name": "Giấy ủy quyền", "reason": "Thiếu chữ ký của người ủy quyền"},
        ],
        reason="Hồ sơ chưa đầy đủ",
        at=vn(2026, 3, 3, 10, 15),
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.SUPPLEMENT)))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert dossier.code in text
    assert "Bản sao giấy khai sinh" in text and "Bản sao chưa chứng thực" in text
    assert "Thiếu chữ ký của người ủy quyền" in text
    assert "10 giờ 15 phút, ngày 03 tháng 03 năm 2026" in text
    assert "Hoàng Thị Dung" in text


def test_refusal_states_the_reason_from_the_history(version, tree, people, applicant):
    dossier = services.refuse_intake(
        None,
        actor=people.desk_x,
        reason="Thủ tục không thuộc thẩm quyền giải quyết của UBND cấp xã",
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        applicant=applicant,
        at=vn(2026, 3, 2, 14, 30),
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.REFUSAL)))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền giải quyết của UBND cấp xã" in text
    assert "Nguyễn Văn An" in text and dossier.code in text


def test_apology_gives_the_old_and_the_new_appointment(walk_in, people):
    dossier = services.assign(walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x)
    dossier = services.reappoint(
        dossier,
        actor=people.leader_x,
        new_due_at=vn(2026, 3, 9, 16, 30),
        reason="Chờ kết quả xác minh của cơ quan phối hợp",
        at=vn(2026, 3, 3, 9, 0),
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.APOLOGY)))
    assert "XIN LỖI" in text  # the title differs between the form sets
    assert "09 giờ 00 phút, ngày 05 tháng 03 năm 2026" in text
    assert "16 giờ 30 phút, ngày 09 tháng 03 năm 2026" in text
    assert "Chờ kết quả xác minh của cơ quan phối hợp" in text
    assert "Vũ Văn Em" in text


def test_stop_notice_gives_the_reason(walk_in, people):
    dossier = services.assign(walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x)
    dossier = services.stop(
        dossier, actor=people.leader_x, reason="Người nộp đề nghị dừng", at=vn(2026, 3, 3, 8, 0)
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.STOP)))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Người nộp đề nghị dừng" in text and dossier.code in text


def test_control_slip_has_every_step_with_times_and_punctuality(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(
        dossier, actor=people.desk_x, assignee=people.specialist_x, at=vn(2026, 3, 2, 9, 30)
    )
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 10, 0))
    dossier = services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 14, 0))
    dossier = services.record_result(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 15, 0))
    dossier = services.return_result(
        dossier,
        actor=people.desk_x,
        recipient_name="Nguyễn Văn An",
        recipient_id_number="068080001234",
        at=vn(2026, 3, 4, 8, 0),
    )
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.CONTROL_SLIP)))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    for step in (
        "Tiếp nhận, chuyển xử lý",
        "Thẩm định",
        "Phê duyệt",
        "Vào sổ, phát hành",
        "Trả kết quả",
    ):
        assert step in text
    assert "1. Giao: Bộ phận Một cửa 2. Nhận: Công chức, phòng chuyên môn" in text
    assert "1. Giao: Bộ phận Một cửa 2. Nhận: Tổ chức, cá nhân" in text
    assert "Trước hạn" in text
    assert "09 giờ 30 phút" in text and "10 giờ 00 phút" in text
    assert "Trả kết quả cho cá nhân, tổ chức: 08 giờ 00 phút, ngày 04 tháng 03 năm 2026" in text


def test_a_form_without_its_event_is_unavailable(walk_in):
    dossier = walk_in()
    for key in (FormKey.SUPPLEMENT, FormKey.REFUSAL, FormKey.APOLOGY, FormKey.STOP):
        with pytest.raises(NoticeUnavailable):
            notices.render_notice(dossier, key)


def test_the_form_set_follows_the_dossier_rule_set(walk_in, people):
    dossier = services.assign(walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x)
    dossier = services.reappoint(
        dossier,
        actor=people.leader_x,
        new_due_at=vn(2026, 3, 9, 9, 0),
        reason="Chờ xác minh",
        at=vn(2026, 3, 3, 9, 0),
    )
    assert dossier.rules.form_set == "2025"
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.APOLOGY)))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "03/2025/TT-VPCP" in text
    RuleSet.objects.filter(pk=dossier.rules_id).update(form_set="2018")
    dossier.refresh_from_db()
    text = flat(pdf_text(notices.render_notice(dossier, FormKey.APOLOGY)))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Mẫu số 04 – Ban hành kèm theo Thông tư số 01/2018/TT-VPCP" in text


def test_register_lists_the_unit_dossiers_of_the_period(walk_in, people, tree):
    import datetime

    first = walk_in(at=vn(2026, 3, 2, 9, 0))
    second = walk_in(at=vn(2026, 3, 3, 9, 0))
    later = walk_in(at=vn(2026, 4, 1, 9, 0))
    other = walk_in(
        at=vn(2026, 3, 2, 10, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    pdf = notices.render_register(
        people.desk_x, tree.commune_x, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    )
    text = flat(pdf_text(pdf))
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert first.code in text and second.code in text
    assert later.code not in text and other.code not in text
    assert "Tổng số: 2 hồ sơ." in text


def test_register_queries_do_not_grow_with_the_dossiers(walk_in, people, tree):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            notices.render_register(
                people.desk_x, tree.commune_x, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
            )
        return len(queries)

    walk_in(at=vn(2026, 3, 2, 9, 0))
    few = count()
    for hour in (10, 11, 14):
        walk_in(at=vn(2026, 3, 2, hour, 0))
    assert count() == few

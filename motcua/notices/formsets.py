"""The form sets as data: each form's number, title, wording, tables and signature blocks, per
legal regime. A dossier uses the set named by its rule set (``RuleSet.form_set``).

The wording is that of the official forms, so it is kept here verbatim in Vietnamese rather
than as translatable interface text. The 2018 set follows TT 01/2018/TT-VPCP (Mẫu 01–06); the
field contents of the 2025 set (TT 03/2025/TT-VPCP, Phụ lục I) are NOT confirmed by the domain
reference (domain.md §7.2): its titles and numbering are as listed there and its wording repeats
the 2018 forms until the appendix text is checked. Changing a form means editing this data.

Lines are ``str.format`` templates over the context that ``builders`` makes for a dossier.

Paper: TT 01/2018 prints its forms on A5 except the register (Mẫu 06, A4; domain.md §7.1), so
2018 Forms 02–05 are A5. The receipt (Form 01) is printed on A4, each copy on one page: with the
component table, the applicant's answers to the procedure's own form and the fee lines, one A5
page cannot hold a copy at a readable size (issue #14). The system's stop notice (no 2018 form)
stays on A4. The domain reference gives no paper for the 2025 set; our reading keeps A5 for the
short notices it carries over (supplement request, refusal, apology), the receipt as in 2018,
and A4 for the rest.

Copies (liên): TT 01/2018 prints the receipt (Mẫu 01) in two copies, one kept at the desk with
the control slip, one handed to the applicant (domain.md §7.1); both are in the one PDF. The
2025 set's receipt keeps the two copies: our reading, since domain.md §7.2 does not confirm its
fields and the desk still needs a copy to travel with the control slip (docs/notices.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .constants import REGISTER, FormKey, Reissue


@dataclass(frozen=True)
class Table:
    """A table the builder fills: ``name`` is the key of its rows in the context."""

    name: str
    columns: tuple[tuple[str, float], ...]
    font_size: float = 9.5


@dataclass(frozen=True)
class FormTemplate:
    key: str
    form_number: str
    basis: str
    title: str
    number_suffix: str = ""
    page: str = "A4"  # "A4", "A5" or "A4-landscape" (render.PAGE_SIZES)
    body: tuple = ()
    signers: tuple[tuple[str, str], ...] = ()
    signing_agency: str = "desk"  # whose seal signs it: "desk" (receiving unit) or "resolver"
    confirmed: bool = True  # False: wording not checked against the legal text (2025 set)
    reissue: str = Reissue.ON_CHANGE  # when a signed copy is issued again (constants.Reissue)
    # The copies (liên) printed, each from a new page and labelled: empty for a single copy.
    copies: tuple[str, ...] = ()
    # Each copy on one page: the type is made smaller, step by step, until it fits
    # (render.FIT_SCALES); a copy longer than that at the smallest size continues overleaf.
    copy_on_one_page: bool = False


SIGN_HINT = "(Ký, ghi rõ họ tên)"

# The name column takes what the counts leave: long component names wrap on fewer lines.
COMPONENT_COLUMNS = (("STT", 0.5), ("Tên giấy tờ", 5.9), ("Bản chính", 0.8), ("Bản sao", 0.8))
ITEM_COLUMNS = (("STT", 0.6), ("Giấy tờ cần bổ sung, hoàn thiện", 3.6), ("Lý do", 3.6))
# Form 05 (2018) / 06 (2025): one row per hand-over; the time cell is signed by the giver and
# the receiver (render.SignedCell), the result is that of the giver's part (domain.md §7.1).
HANDOVER_COLUMNS = (
    ("TÊN CƠ QUAN", 2.1),
    ("THỜI GIAN GIAO, NHẬN HỒ SƠ", 3.3),
    ("KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)", 1.5),
    ("GHI CHÚ", 2.1),
)
HANDOVER_SIGNERS = ("Người giao", "Người nhận")
RECEIPT_COPIES = (
    "Liên 1: Lưu tại Bộ phận Một cửa (kèm Phiếu kiểm soát quá trình giải quyết hồ sơ)",
    "Liên 2: Giao người nộp hồ sơ",
)
REGISTER_COLUMNS = (
    ("STT", 0.65),
    ("Mã hồ sơ", 3.0),
    ("Tên thủ tục hành chính", 2.0),
    ("Số lượng hồ sơ (bộ)", 0.85),
    ("Tên cá nhân, tổ chức", 1.4),
    ("Địa chỉ, số điện thoại", 1.5),
    ("Cơ quan chủ trì giải quyết", 1.3),
    ("Nhận hồ sơ", 1.4),
    ("Hẹn trả kết quả", 1.4),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 1.4),
    ("Nhận kết quả từ cơ quan giải quyết", 1.4),
    ("Trả kết quả cho cá nhân, tổ chức", 1.4),
    ("Ghi chú", 1.1),
)

BASIS_2018 = "Ban hành kèm theo Thông tư số 01/2018/TT-VPCP"
BASIS_2025 = "Phụ lục I, Thông tư số 03/2025/TT-VPCP (nội dung chưa đối chiếu)"

_RECEIPT = FormTemplate(
    key=FormKey.RECEIPT,
    form_number="Mẫu số 01",
    basis=BASIS_2018,
    title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    number_suffix="TNHS",
    page="A4",
    reissue=Reissue.ONCE,
    copies=RECEIPT_COPIES,
    copy_on_one_page=True,
    body=(
        "Mã hồ sơ: {code}",
        "{receiving_unit} tiếp nhận hồ sơ của: {applicant_title} {applicant_name}",
        "Địa chỉ: {applicant_address}",
        "Số điện thoại: {applicant_phone}        Email: {applicant_email}",
        # Not in the 2018 wording: who handed the dossier in for the applicant, and under what
        # authorisation (empty, so not printed, when the applicant filed in person).
        "{representative}",
        "Nội dung yêu cầu giải quyết: {procedure_name}{summary_suffix}",
        "{answers}",
        "1. Thành phần hồ sơ nộp gồm:",
        Table("components", COMPONENT_COLUMNS),
        "2. Số lượng hồ sơ: {sets} (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định là: {processing_time}",
        "4. Thời gian nhận hồ sơ: {received_time}",
        "5. Thời gian trả kết quả giải quyết hồ sơ: {due_time}",
        "6. Đăng ký nhận kết quả tại: {delivery_place}",
        "Phí, lệ phí (nếu có): {fees}",
        "Vào Sổ theo dõi hồ sơ, Số thứ tự: {code}",
    ),
    signers=(("Người nộp hồ sơ", "filer_name"), ("Người tiếp nhận hồ sơ", "officer_name")),
)

_SUPPLEMENT = FormTemplate(
    key=FormKey.SUPPLEMENT,
    form_number="Mẫu số 02",
    basis=BASIS_2018,
    title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    page="A5",
    number_suffix="HDHS",
    body=(
        "Mã hồ sơ: {code}",
        "Hồ sơ của: {applicant_title} {applicant_name}",
        "Nội dung yêu cầu giải quyết: {procedure_name}",
        "Địa chỉ: {applicant_address}",
        "Số điện thoại: {applicant_phone}        Email: {applicant_email}",
        "Ngày yêu cầu: {requested_time}",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        Table("items", ITEM_COLUMNS),
        "{request_note}",
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với {contact} "
        "để được hướng dẫn.",
    ),
    signers=(("Người hướng dẫn", "requested_by"),),
)

_REFUSAL = FormTemplate(
    key=FormKey.REFUSAL,
    form_number="Mẫu số 03",
    basis=BASIS_2018,
    title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    page="A5",
    number_suffix="TCHS",
    body=(
        "Mã hồ sơ: {code}",
        "{receiving_unit} tiếp nhận hồ sơ của: {applicant_title} {applicant_name}",
        "Địa chỉ: {applicant_address}",
        "Số điện thoại: {applicant_phone}        Email: {applicant_email}",
        "Nội dung yêu cầu giải quyết: {procedure_name}",
        "Thời điểm: {refused_time}",
        "Sau khi xem xét, đối chiếu với quy định hiện hành, {receiving_unit} từ chối tiếp nhận, "
        "giải quyết hồ sơ này vì hồ sơ không đủ điều kiện giải quyết với lý do cụ thể như sau:",
        "{refusal_reason}",
        "Xin thông báo để ông/bà được biết và thực hiện./.",
    ),
    signers=(("Người tiếp nhận hồ sơ", "officer_name"),),
)

_APOLOGY = FormTemplate(
    key=FormKey.APOLOGY,
    form_number="Mẫu số 04",
    basis=BASIS_2018,
    title="PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    page="A5",
    signing_agency="resolver",
    body=(
        "Kính gửi: {applicant_title} {applicant_name}",
        "Ngày {received_date}, {receiving_unit} tiếp nhận giải quyết hồ sơ đề nghị "
        "{procedure_name} của ông/bà.",
        "Mã hồ sơ: {code}",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: {original_due_time}",
        "Tuy nhiên đến nay, {responsible_agency} chưa trả kết quả giải quyết hồ sơ cho ông/bà. "
        "Lý do: {delay_reason}",
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ông/bà. "
        "{responsible_agency} xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào "
        "{new_due_time}.",
        "Xin trân trọng cảm ơn sự hợp tác của ông/bà./.",
    ),
    signers=(("Thủ trưởng cơ quan giải quyết", "leader_name"),),
)

_STOP = FormTemplate(
    key=FormKey.STOP,
    form_number="",
    basis="Mẫu của hệ thống (TT 01/2018/TT-VPCP không quy định mẫu này)",
    title="THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    signing_agency="resolver",
    body=(
        "Kính gửi: {applicant_title} {applicant_name}",
        "Mã hồ sơ: {code}",
        "Nội dung yêu cầu giải quyết: {procedure_name}",
        "Ngày tiếp nhận: {received_date}",
        "{resolving_agency} thông báo dừng giải quyết hồ sơ nêu trên kể từ {stopped_time}.",
        "Giai đoạn xử lý khi dừng: {stage}",
        "Lý do: {stop_reason}",
        "Tình trạng nghĩa vụ tài chính: {financial_status}",
        "Xin thông báo để ông/bà được biết./.",
    ),
    signers=(("Thủ trưởng cơ quan giải quyết", "leader_name"),),
)

_CONTROL_SLIP = FormTemplate(
    key=FormKey.CONTROL_SLIP,
    form_number="Mẫu số 05",
    basis=BASIS_2018,
    title="PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    page="A5",
    body=(
        "Mã hồ sơ: {code}",
        "(Kèm theo hồ sơ của: {applicant_title} {applicant_name})",
        "Nội dung yêu cầu giải quyết: {procedure_name}",
        "Số điện thoại: {applicant_phone}",
        "Ngày hẹn trả kết quả: {due_time}",
        Table("steps", HANDOVER_COLUMNS),
        "{returned_line}",
    ),
)

_REGISTER = FormTemplate(
    key=REGISTER,
    form_number="Mẫu số 06",
    basis=BASIS_2018,
    title="SỔ THEO DÕI HỒ SƠ",
    page="A4-landscape",
    body=(
        "Đơn vị tiếp nhận: {unit_name}",
        "Thời gian: từ ngày {period_start} đến ngày {period_end}",
        Table("rows", REGISTER_COLUMNS, font_size=7.5),
        "Tổng số: {count} hồ sơ.",
    ),
)

FORM_SETS: dict[str, dict[str, FormTemplate]] = {
    "2018": {
        t.key: t
        for t in (_RECEIPT, _SUPPLEMENT, _REFUSAL, _APOLOGY, _STOP, _CONTROL_SLIP, _REGISTER)
    },
    "2025": {
        t.key: t
        for t in (
            # Two copies kept: our reading (module docstring).
            replace(_RECEIPT, basis=BASIS_2025, confirmed=False, copies=RECEIPT_COPIES),
            replace(_SUPPLEMENT, basis=BASIS_2025, confirmed=False),
            replace(_REFUSAL, basis=BASIS_2025, confirmed=False),
            replace(
                _APOLOGY,
                basis=BASIS_2025,
                title="VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
                confirmed=False,
            ),
            replace(_STOP, form_number="Mẫu số 05", basis=BASIS_2025, confirmed=False),
            replace(
                _CONTROL_SLIP,
                form_number="Mẫu số 06",
                basis=BASIS_2025,
                page="A4",
                confirmed=False,
            ),
            replace(_REGISTER, form_number="Mẫu số 07", basis=BASIS_2025, confirmed=False),
        )
    },
}


class UnknownForm(LookupError):
    pass


def template_for(form_set: str, key: str) -> FormTemplate:
    try:
        return FORM_SETS[form_set][key]
    except KeyError:
        raise UnknownForm(f"No form {key!r} in form set {form_set!r}.") from None

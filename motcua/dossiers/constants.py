"""The dossier's vocabulary: internal states, the one table of allowed transitions, and the
other choices. The national status codes are mapped in `national.py`, nowhere else."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Internal state of a dossier (trạng thái hồ sơ). Richer than the 10 national codes."""

    DRAFT = "draft", _("Đang soạn (chưa nộp)")
    SUBMITTED = "submitted", _("Đã nộp trực tuyến, chờ kiểm tra")
    INTAKE_SUPPLEMENT = "intake_supplement", _("Chờ bổ sung trước khi tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    TRANSFERRED = "transferred", _("Đang xử lý tại cơ quan phối hợp")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo phê duyệt, ký")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Chờ bổ sung, hoàn thiện hồ sơ")
    AWAITING_PAYMENT = "awaiting_payment", _("Chờ thực hiện nghĩa vụ tài chính")
    RESULT_READY = "result_ready", _("Đã có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    REFUSED_AT_INTAKE = "refused_at_intake", _("Từ chối tiếp nhận")
    STOPPED = "stopped", _("Dừng xử lý")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


TERMINAL = frozenset({Status.RETURNED, Status.REFUSED_AT_INTAKE, Status.STOPPED, Status.WITHDRAWN})
# States in which the legal clock runs against the applicant's appointment time.
PROCESSING = frozenset(
    {Status.RECEIVED, Status.IN_PROGRESS, Status.TRANSFERRED, Status.AWAITING_APPROVAL}
)
# States in which the clock is paused for the applicant (domain.md §4.5).
PAUSED = frozenset({Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT})
# Accepted dossiers: those that count as received in every statistic.
NOT_YET_ACCEPTED = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.INTAKE_SUPPLEMENT, Status.REFUSED_AT_INTAKE}
)


class Action(models.TextChoices):
    """What was done to a dossier; each is one service function in `services/`."""

    SAVE_DRAFT = "save_draft", _("Lưu nháp")
    SUBMIT = "submit", _("Nộp hồ sơ trực tuyến")
    RECEIVE = "receive", _("Tiếp nhận hồ sơ trực tiếp, qua bưu chính")
    REQUEST_INTAKE_SUPPLEMENT = "request_intake_supplement", _("Hướng dẫn bổ sung trước tiếp nhận")
    RESUBMIT = "resubmit", _("Nộp lại sau khi bổ sung")
    ACCEPT = "accept", _("Tiếp nhận hồ sơ")
    REFUSE_INTAKE = "refuse_intake", _("Từ chối tiếp nhận")
    ASSIGN = "assign", _("Phân công xử lý")
    COMPLETE_STEP = "complete_step", _("Hoàn thành bước xử lý")
    RETURN_STEP = "return_step", _("Trả lại bước trước")
    TRANSFER = "transfer", _("Chuyển cơ quan phối hợp (liên thông)")
    RETURN_TRANSFER = "return_transfer", _("Cơ quan phối hợp trả hồ sơ")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    COMPLETE_SUPPLEMENT = "complete_supplement", _("Nhận hồ sơ bổ sung")
    REQUEST_PAYMENT = "request_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    CONFIRM_PAYMENT = "confirm_payment", _("Xác nhận hoàn thành nghĩa vụ tài chính")
    RECORD_PAYMENT = "record_payment", _("Ghi nhận nộp phí, lệ phí")
    CORRECT_ANSWERS = "correct_answers", _("Sửa thông tin tờ khai")
    REAPPOINT = "reappoint", _("Xin lỗi và hẹn lại ngày trả kết quả")
    APPROVE = "approve", _("Phê duyệt kết quả")
    RECORD_RESULT = "record_result", _("Ban hành, ghi nhận kết quả")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    STOP = "stop", _("Dừng xử lý")
    WITHDRAW = "withdraw", _("Rút hồ sơ theo yêu cầu")
    REORGANISE = "reorganise", _("Chuyển do sắp xếp tổ chức (sáp nhập, chia tách, giải thể)")


S, A = Status, Action
# Every state a dossier is not finished in (what a reorganisation moves).
OPEN_STATES = frozenset(set(Status) - TERMINAL)
_ACTIVE = {S.RECEIVED, S.IN_PROGRESS, S.TRANSFERRED, S.AWAITING_APPROVAL}
_PAYABLE = frozenset(
    _ACTIVE | {S.SUBMITTED, S.INTAKE_SUPPLEMENT, S.AWAITING_SUPPLEMENT, S.RESULT_READY}
)

# The one table of allowed transitions: action -> states it may start from (None: the dossier does
# not exist yet, as for a walk-in dossier received, refused or sent back at the desk). Where an
# action can end in more than one state (completing a step may lead to the next step, to approval
# or to the result), the service picks the target among TARGETS[action].
NEW = None
ALLOWED_FROM: dict[str, frozenset[str | None]] = {
    A.SAVE_DRAFT: frozenset({NEW, S.DRAFT}),
    A.SUBMIT: frozenset({NEW, S.DRAFT}),
    A.RECEIVE: frozenset({NEW}),
    A.REQUEST_INTAKE_SUPPLEMENT: frozenset({NEW, S.SUBMITTED}),
    A.RESUBMIT: frozenset({S.INTAKE_SUPPLEMENT}),
    A.ACCEPT: frozenset({S.SUBMITTED, S.INTAKE_SUPPLEMENT}),
    A.REFUSE_INTAKE: frozenset({NEW, S.SUBMITTED, S.INTAKE_SUPPLEMENT}),
    A.ASSIGN: frozenset({S.RECEIVED, S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.COMPLETE_STEP: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.RETURN_STEP: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.TRANSFER: frozenset({S.IN_PROGRESS}),
    A.RETURN_TRANSFER: frozenset({S.TRANSFERRED}),
    A.REQUEST_SUPPLEMENT: frozenset(_ACTIVE),
    A.COMPLETE_SUPPLEMENT: frozenset({S.AWAITING_SUPPLEMENT}),
    A.REQUEST_PAYMENT: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.CONFIRM_PAYMENT: frozenset({S.AWAITING_PAYMENT}),
    # Fees paid outside a financial-obligation pause (at receipt, at a supplement, at return):
    # the state does not change; the history records the payment.
    A.RECORD_PAYMENT: _PAYABLE,
    # The desk corrects the form's answers while it checks the dossier, before acceptance
    # (services/answers.py says why not later); the state does not change.
    A.CORRECT_ANSWERS: frozenset({S.SUBMITTED, S.INTAKE_SUPPLEMENT}),
    A.REAPPOINT: frozenset(_ACTIVE),
    A.APPROVE: frozenset({S.AWAITING_APPROVAL}),
    A.RECORD_RESULT: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.RETURN_RESULT: frozenset({S.RESULT_READY}),
    A.STOP: frozenset(_ACTIVE | {S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT}),
    A.WITHDRAW: frozenset(
        _ACTIVE | {S.SUBMITTED, S.INTAKE_SUPPLEMENT, S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT}
    ),
    # A reorganisation re-homes every open dossier, drafts included; the state does not change.
    A.REORGANISE: OPEN_STATES,
}

TARGETS: dict[str, frozenset[str]] = {
    A.SAVE_DRAFT: frozenset({S.DRAFT}),
    A.SUBMIT: frozenset({S.SUBMITTED}),
    A.RECEIVE: frozenset({S.RECEIVED}),
    A.REQUEST_INTAKE_SUPPLEMENT: frozenset({S.INTAKE_SUPPLEMENT}),
    A.RESUBMIT: frozenset({S.SUBMITTED}),
    A.ACCEPT: frozenset({S.RECEIVED}),
    A.REFUSE_INTAKE: frozenset({S.REFUSED_AT_INTAKE}),
    A.ASSIGN: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.COMPLETE_STEP: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.RETURN_STEP: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.TRANSFER: frozenset({S.TRANSFERRED}),
    A.RETURN_TRANSFER: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.REQUEST_SUPPLEMENT: frozenset({S.AWAITING_SUPPLEMENT}),
    A.COMPLETE_SUPPLEMENT: frozenset(_ACTIVE),
    A.REQUEST_PAYMENT: frozenset({S.AWAITING_PAYMENT}),
    A.CONFIRM_PAYMENT: frozenset({S.IN_PROGRESS, S.AWAITING_APPROVAL}),
    A.RECORD_PAYMENT: _PAYABLE,
    A.CORRECT_ANSWERS: frozenset({S.SUBMITTED, S.INTAKE_SUPPLEMENT}),
    A.REAPPOINT: frozenset(_ACTIVE),
    A.APPROVE: frozenset({S.IN_PROGRESS, S.RESULT_READY}),
    A.RECORD_RESULT: frozenset({S.RESULT_READY}),
    A.RETURN_RESULT: frozenset({S.RETURNED}),
    A.STOP: frozenset({S.STOPPED}),
    A.WITHDRAW: frozenset({S.WITHDRAWN}),
    A.REORGANISE: OPEN_STATES,
}


class Outcome(models.TextChoices):
    """How the case ended (kết quả giải quyết)."""

    NONE = "", _("Chưa có")
    GRANTED = "granted", _("Giải quyết theo đề nghị")
    REFUSED = "refused", _("Từ chối giải quyết")
    STOPPED = "stopped", _("Dừng giải quyết")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")


class ApplicantKind(models.TextChoices):
    """Who the applicant is (LoaiDoiTuong)."""

    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Doanh nghiệp, tổ chức")
    HOUSEHOLD_BUSINESS = "household_business", _("Hộ kinh doanh")
    STATE_AGENCY = "state_agency", _("Cơ quan nhà nước")


# Applicants that are organisations (tổ chức): a paperless-day rule may require them to file
# online on every day (catalog.paperless names the same kinds). A household business is a
# household, not an organisation (it has no legal personality).
ORGANISATION_KINDS = frozenset({ApplicantKind.BUSINESS, ApplicantKind.STATE_AGENCY})
# Applicants that are not a person: whoever files for them, other than the applicant's own
# account, is a representative holding an authorisation (giấy ủy quyền, văn bản ủy quyền).
AUTHORISATION_REQUIRED_KINDS = ORGANISATION_KINDS | {ApplicantKind.HOUSEHOLD_BUSINESS}


class Delivery(models.TextChoices):
    """How the applicant takes the result (hình thức nhận kết quả)."""

    DESK = "desk", _("Nhận trực tiếp tại Bộ phận Một cửa")
    POST = "post", _("Nhận qua dịch vụ bưu chính công ích")
    ONLINE = "online", _("Nhận trực tuyến (bản điện tử)")


class SourceDatabase(models.TextChoices):
    """The national database the applicant's data were taken from (MaCSDL; 766 indicators
    4.5a/b). The code of the population database is [unconfirmed]: the national portal's list of
    MaCSDL codes is not published; change it here when the integration contract names it."""

    POPULATION = "CSDLQGDC", _("CSDL quốc gia về dân cư")


class FileOrigin(models.TextChoices):
    """How a component's file came in (nguồn giấy tờ) — drives the 766 digitisation indicators."""

    UPLOADED = "uploaded", _("Người nộp tải lên")
    SCANNED = "scanned", _("Số hóa tại Bộ phận Một cửa")
    DATA_STORE = "data_store", _("Lấy từ kho dữ liệu cá nhân, tổ chức")
    NATIONAL_DATABASE = "national_database", _("Lấy từ cơ sở dữ liệu quốc gia, chuyên ngành")
    PAPER_ONLY = "paper_only", _("Chỉ có bản giấy")

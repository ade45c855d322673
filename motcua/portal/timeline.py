"""The dossier's history told in plain Vietnamese for the applicant: what happened, what
happens next and by when. Built from the Event rows; officers' names are not shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers.constants import Action, Delivery, Status
from motcua.dossiers.selectors import answer_changes, assisted_note

# What each action means for the applicant, in words an elderly person understands.
HAPPENED = {
    Action.SAVE_DRAFT: gettext_lazy("Bạn đã lưu bản nháp."),
    Action.SUBMIT: gettext_lazy("Bạn đã nộp hồ sơ trực tuyến."),
    Action.RECEIVE: gettext_lazy("Bộ phận Một cửa đã nhận hồ sơ của bạn."),
    Action.REQUEST_INTAKE_SUPPLEMENT: gettext_lazy("Bộ phận Một cửa đề nghị bạn bổ sung giấy tờ."),
    Action.RESUBMIT: gettext_lazy("Bạn đã gửi giấy tờ bổ sung."),
    Action.ACCEPT: gettext_lazy("Hồ sơ đã được tiếp nhận, có ngày hẹn trả kết quả."),
    Action.REFUSE_INTAKE: gettext_lazy("Hồ sơ không được tiếp nhận."),
    Action.ASSIGN: gettext_lazy("Hồ sơ đã được chuyển cho cán bộ giải quyết."),
    Action.COMPLETE_STEP: gettext_lazy("Hồ sơ đã qua một bước xử lý."),
    Action.RETURN_STEP: gettext_lazy("Hồ sơ được chuyển lại để xem xét thêm."),
    Action.TRANSFER: gettext_lazy("Hồ sơ được gửi xin ý kiến cơ quan phối hợp."),
    Action.RETURN_TRANSFER: gettext_lazy("Cơ quan phối hợp đã trả lời."),
    Action.REQUEST_SUPPLEMENT: gettext_lazy(
        "Cơ quan giải quyết đề nghị bạn bổ sung, hoàn thiện hồ sơ."
    ),
    Action.COMPLETE_SUPPLEMENT: gettext_lazy(
        "Giấy tờ bổ sung đã được nhận, hồ sơ tiếp tục được giải quyết."
    ),
    Action.REQUEST_PAYMENT: gettext_lazy(
        "Bạn cần nộp phí, lệ phí hoặc thực hiện nghĩa vụ tài chính."
    ),
    Action.CONFIRM_PAYMENT: gettext_lazy("Khoản phải nộp đã được ghi nhận."),
    Action.REAPPOINT: gettext_lazy(
        "Cơ quan giải quyết xin lỗi vì chậm và hẹn lại ngày trả kết quả."
    ),
    Action.APPROVE: gettext_lazy("Lãnh đạo đã xem xét, ký duyệt."),
    Action.RECORD_RESULT: gettext_lazy("Đã có kết quả giải quyết."),
    Action.RETURN_RESULT: gettext_lazy("Kết quả đã được trao cho bạn."),
    Action.STOP: gettext_lazy("Hồ sơ đã dừng xử lý."),
    Action.WITHDRAW: gettext_lazy("Hồ sơ đã được rút theo yêu cầu."),
    Action.CORRECT_ANSWERS: gettext_lazy(
        "Bộ phận Một cửa đã sửa thông tin trong tờ khai của bạn khi kiểm tra hồ sơ."
    ),
}
# Officers' working notes are shown only where they are addressed to the applicant.
REASON_SHOWN = frozenset(
    {
        Action.REQUEST_INTAKE_SUPPLEMENT,
        Action.REFUSE_INTAKE,
        Action.REQUEST_SUPPLEMENT,
        Action.REQUEST_PAYMENT,
        Action.REAPPOINT,
        Action.STOP,
        Action.WITHDRAW,
        Action.CORRECT_ANSWERS,
    }
)
PROCESSING = frozenset(
    {Status.RECEIVED, Status.IN_PROGRESS, Status.TRANSFERRED, Status.AWAITING_APPROVAL}
)


@dataclass(frozen=True)
class Entry:
    at: object
    text: str
    reason: str
    details: tuple[str, ...] = ()  # what changed (a corrected answer: old → new)


def when(moment) -> str:
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "H:i \\n\\g\\à\\y d/m/Y")


def entries(dossier) -> list[Entry]:
    """What happened, oldest first; internal steps are folded into one plain line each."""
    return [
        Entry(
            at=event.at,
            text=HAPPENED.get(event.action, event.get_action_display()),
            reason=event.reason if event.action in REASON_SHOWN else "",
            details=tuple(answer_changes(event))
            + tuple(filter(None, [assisted_note(event, for_applicant=True)])),
        )
        for event in dossier.events.all()
    ]


def next_step(dossier) -> str:
    """What happens next and by when, for the dossier's current state."""
    status = dossier.status
    if status == Status.DRAFT:
        return _("Hồ sơ chưa được nộp. Bạn hãy làm tiếp và bấm “Nộp hồ sơ”.")
    if status == Status.SUBMITTED:
        return _("Bộ phận Một cửa sẽ kiểm tra hồ sơ và trả lời bạn trước %(when)s.") % {
            "when": when(dossier.intake_due_at)
        }
    if status in (Status.INTAKE_SUPPLEMENT, Status.AWAITING_SUPPLEMENT):
        return _(
            "Bạn cần bổ sung giấy tờ theo yêu cầu bên dưới. Thời gian giải quyết tạm dừng "
            "cho đến khi bạn gửi bổ sung."
        )
    if status == Status.AWAITING_PAYMENT:
        return _(
            "Bạn cần nộp các khoản phí, lệ phí bên dưới. Sau khi nộp, hồ sơ tiếp tục được giải quyết."
        )
    if status in PROCESSING:
        return _("Hồ sơ đang được giải quyết. Ngày hẹn trả kết quả: %(when)s.") % {
            "when": when(dossier.due_at)
        }
    if status == Status.RESULT_READY:
        if dossier.delivery == Delivery.ONLINE:
            return _("Đã có kết quả. Bạn có thể tải kết quả điện tử ở mục “Kết quả” bên dưới.")
        if dossier.delivery == Delivery.POST:
            return _("Đã có kết quả. Kết quả sẽ được gửi qua bưu điện đến địa chỉ bạn đã đăng ký.")
        return _("Đã có kết quả. Mời bạn mang giấy tờ tùy thân đến Bộ phận Một cửa để nhận.")
    if status == Status.RETURNED:
        return _("Hồ sơ đã hoàn thành.")
    return _("Hồ sơ đã kết thúc.")

"""The vocabulary of ratings and feedback (PAKN): states, the one table of allowed transitions,
classifications, channels and the punctuality of handling."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RatingChannel(models.TextChoices):
    """How a satisfaction rating was collected (TT 01/2018 Art. 14; ND 61/2018 Art. 29 b)."""

    ONLINE = "online", _("Trực tuyến trên Cổng dịch vụ công")
    DESK_DEVICE = "desk_device", _("Thiết bị đánh giá tại Bộ phận Một cửa")
    SLIP = "slip", _("Phiếu đánh giá giấy")
    # Counter equipment (#20 item 3): the tablet bound to a counter, rated right after service.
    COUNTER_TABLET = "counter_tablet", _("Máy tính bảng đánh giá tại quầy")


class Scale(models.TextChoices):
    """The overall answer a criteria set asks for. The three levels are common practice, not a
    confirmed national standard (domain.md §12.2), so each criteria set chooses its reading."""

    TWO_LEVELS = "two_levels", _("Hài lòng / Không hài lòng")
    THREE_LEVELS = "three_levels", _("Rất hài lòng / Hài lòng / Không hài lòng")


class Level(models.TextChoices):
    """Overall satisfaction with one dossier (mức độ hài lòng)."""

    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    NOT_SATISFIED = "not_satisfied", _("Không hài lòng")


LEVELS_OF_SCALE = {
    Scale.TWO_LEVELS: (Level.SATISFIED, Level.NOT_SATISFIED),
    Scale.THREE_LEVELS: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NOT_SATISFIED),
}
SATISFIED_LEVELS = frozenset({Level.VERY_SATISFIED, Level.SATISFIED})


class Classification(models.TextChoices):
    """What a feedback is about (phân loại PAKN, 766 indicator 5.1)."""

    POLICY = "policy", _("Quy định, chính sách, thủ tục")
    CONDUCT = "conduct", _("Hành vi cán bộ")


class Status(models.TextChoices):
    """State of a feedback (trạng thái PAKN)."""

    RECEIVED = "received", _("Đã tiếp nhận")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan khác xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời")
    REFUSED = "refused", _("Từ chối tiếp nhận xử lý")
    PUBLISHED = "published", _("Đã công khai trả lời")


TERMINAL = frozenset({Status.REFUSED, Status.PUBLISHED})
# States in which the officers owe an answer and the answer limit runs.
OPEN = frozenset({Status.RECEIVED, Status.TRANSFERRED})


class Action(models.TextChoices):
    """What was done to a feedback; each is one service function."""

    SUBMIT = "submit", _("Gửi phản ánh, kiến nghị")
    TRANSFER = "transfer", _("Chuyển cơ quan có thẩm quyền")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung thông tin")
    RECORD_SUPPLEMENT = "record_supplement", _("Nhận thông tin bổ sung")
    REFUSE = "refuse", _("Từ chối tiếp nhận xử lý")
    ANSWER = "answer", _("Trả lời phản ánh, kiến nghị")
    PUBLISH = "publish", _("Công khai trả lời")
    MARK_REPEAT = "mark_repeat", _("Ghi nhận phản ánh lại về kết quả")
    VOTE = "vote", _("Bày tỏ hài lòng với trả lời")


NEW = None
S, A = Status, Action
# The one table of allowed transitions: action -> states it may start from.
ALLOWED_FROM: dict[str, frozenset[str | None]] = {
    A.SUBMIT: frozenset({NEW}),
    A.TRANSFER: frozenset(OPEN),
    A.REQUEST_SUPPLEMENT: frozenset(OPEN),
    A.RECORD_SUPPLEMENT: frozenset({S.SUPPLEMENT_REQUESTED}),
    A.REFUSE: frozenset(OPEN),
    A.ANSWER: frozenset(OPEN),
    A.PUBLISH: frozenset({S.ANSWERED}),
    A.MARK_REPEAT: frozenset(set(Status.values)),
    A.VOTE: frozenset({S.PUBLISHED}),
}
# Where each action leads; None keeps the state.
TARGET: dict[str, str | None] = {
    A.SUBMIT: S.RECEIVED,
    A.TRANSFER: S.TRANSFERRED,
    A.REQUEST_SUPPLEMENT: S.SUPPLEMENT_REQUESTED,
    A.RECORD_SUPPLEMENT: S.RECEIVED,
    A.REFUSE: S.REFUSED,
    A.ANSWER: S.ANSWERED,
    A.PUBLISH: S.PUBLISHED,
    A.MARK_REPEAT: None,
    A.VOTE: None,
}


class Punctuality(models.TextChoices):
    """Handling status of a feedback at an instant (766 indicator 5.2)."""

    ON_TIME = "on_time", _("Xử lý đúng hạn")
    WITHIN_TIME = "within_time", _("Đang xử lý trong hạn")
    OVERDUE = "overdue", _("Quá hạn")


class Vote(models.TextChoices):
    """A reader's opinion of a published answer (DVCQG like/dislike, 766 indicator 5.3)."""

    LIKE = "like", _("Hài lòng")
    DISLIKE = "dislike", _("Không hài lòng")


class Source(models.TextChoices):
    """Where a feedback came in."""

    PORTAL = "portal", _("Cổng dịch vụ công")
    DESK = "desk", _("Bộ phận Một cửa ghi nhận")
    NATIONAL = "national", _("Hệ thống PAKN quốc gia")

"""Units, kinds and labels of the working-time calendar and clock."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# One working day is eight working hours (domain.md §5.2).
HOURS_PER_WORKING_DAY = 8

# Every local date and time of the clock is read in this zone (stored instants stay in UTC).
TIME_ZONE_NAME = "Asia/Ho_Chi_Minh"


class DurationUnit(models.TextChoices):
    """Unit of a processing time or step quota (đơn vị tính thời hạn)."""

    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    CALENDAR_MONTHS = "calendar_months", _("tháng")


class Weekday(models.IntegerChoices):
    """Day of the week, numbered as Python's ``date.weekday()`` (thứ trong tuần)."""

    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ Nhật")


class DayKind(models.TextChoices):
    """What a calendar entry does to its date (loại ngày đặc biệt)."""

    # Labour Code 45/2019 art. 112: public holidays and Tết.
    HOLIDAY = "holiday", _("nghỉ lễ, tết")
    # Labour Code 45/2019 art. 111 §3: a holiday on the weekly rest day is taken on the next day.
    COMPENSATORY = "compensatory", _("nghỉ bù")
    # A working day given off in exchange for a make-up working day (hoán đổi ngày làm việc).
    SWAPPED = "swapped", _("nghỉ do hoán đổi ngày làm việc")
    # Any other day off decided by a competent authority (storm, local event …).
    OTHER_DAY_OFF = "other_day_off", _("ngày nghỉ khác")
    # A weekend day worked in exchange for a swapped day off.
    MAKEUP = "makeup", _("ngày làm bù")


DAY_OFF_KINDS = frozenset(
    {DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED, DayKind.OTHER_DAY_OFF}
)


class EntrySource(models.TextChoices):
    """Where a calendar entry came from (nguồn dữ liệu)."""

    PACKAGE = "package", _("thư viện holidays")
    ANNOUNCEMENT = "announcement", _("thông báo của Chính phủ")
    MANUAL = "manual", _("quản trị viên nhập")


class Punctuality(models.TextChoices):
    """A finish time against its due time (trước hạn / đúng hạn / quá hạn)."""

    EARLY = "early", _("trước hạn")
    ON_TIME = "on_time", _("đúng hạn")
    LATE = "late", _("quá hạn")


class PauseReason(models.TextChoices):
    """Why the clock of a dossier stopped (lý do tạm dừng)."""

    SUPPLEMENT = "supplement", _("yêu cầu bổ sung, hoàn thiện hồ sơ")
    FINANCIAL_OBLIGATION = "financial_obligation", _("thực hiện nghĩa vụ tài chính")
    OTHER = "other", _("lý do khác")


class ExplanationKind(models.TextChoices):
    """One reason why a due time is where it is (giải trình cách tính thời hạn)."""

    AMOUNT = "amount", _("thời hạn")
    SAME_DAY = "same_day", _("giải quyết trong ngày")
    CUTOFF = "cutoff", _("tiếp nhận sau giờ chốt")
    ROLL_FORWARD = "roll_forward", _("tiếp nhận ngoài giờ làm việc")
    WEEKEND = "weekend", _("nghỉ cuối tuần")
    DAY_OFF = "day_off", _("ngày nghỉ")
    MAKEUP = "makeup", _("ngày làm bù")
    LUNCH_BREAK = "lunch_break", _("nghỉ trưa")
    OVERNIGHT = "overnight", _("ngoài giờ làm việc")
    SESSION_END = "session_end", _("cuối buổi làm việc")
    CALENDAR_END = "calendar_end", _("thời hạn tính theo ngày, tháng")
    UNCOVERED_YEAR = "uncovered_year", _("chưa có lịch nghỉ lễ")
    PAUSE = "pause", _("tạm dừng")
    RESTART = "restart", _("tính lại từ đầu")


class RollForwardReason(models.TextChoices):
    """Where a receipt outside working time fell."""

    DAY_OFF = "day_off", _("vào ngày nghỉ")
    BEFORE_HOURS = "before_hours", _("trước giờ làm việc")
    BETWEEN_SESSIONS = "between_sessions", _("trong giờ nghỉ giữa hai buổi")
    AFTER_HOURS = "after_hours", _("sau giờ làm việc")

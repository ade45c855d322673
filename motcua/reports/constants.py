"""The vocabulary of the reports: the 766 indicator groups and the columns of the periodic
resolution report (domain.md §8.1, §9)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """Indicator groups of Decision 766/QĐ-TTg. The live dashboard splits group 3 in two."""

    TRANSPARENCY = "1", _("Công khai, minh bạch")
    PROGRESS = "2", _("Tiến độ, kết quả giải quyết")
    ONLINE = "3", _("Cung cấp dịch vụ trực tuyến")
    ONLINE_SERVICES = "3a", _("Dịch vụ công trực tuyến")
    ONLINE_PAYMENT = "3b", _("Thanh toán trực tuyến")
    DIGITISATION = "4", _("Số hóa hồ sơ")
    SATISFACTION = "5", _("Mức độ hài lòng")


class Bucket(models.TextChoices):
    """Where a received dossier stands at the end of the period (766 dashboard groups)."""

    PROCESSED = "processed", _("Đã xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    PAUSED = "paused", _("Tạm dừng xử lý")


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung")
    FINANCIAL = "financial_obligation", _("Thực hiện nghĩa vụ tài chính")
    STOPPED = "stopped", _("Dừng xử lý")


# The columns of the periodic report, in the order of the VPCP form (domain.md §8.1).
PERIODIC_COLUMNS = [
    ("received_total", _("Tổng số tiếp nhận")),
    ("carried_over", _("Kỳ trước chuyển sang")),
    ("new_total", _("Mới tiếp nhận trong kỳ")),
    ("new_online", _("Trực tuyến")),
    ("new_direct", _("Trực tiếp")),
    ("new_postal", _("Bưu chính công ích")),
    ("processed_total", _("Đã xử lý")),
    ("processed_early", _("Trước hạn")),
    ("processed_on_time", _("Đúng hạn")),
    ("processed_late", _("Quá hạn")),
    ("in_progress_total", _("Đang xử lý")),
    ("in_progress_within_time", _("Trong hạn")),
    ("in_progress_overdue", _("Quá hạn")),
    ("paused_total", _("Tạm dừng")),
    ("paused_within_time", _("Tạm dừng, trong hạn")),
    ("paused_overdue", _("Tạm dừng, quá hạn")),
    ("paused_supplement", _("Chờ bổ sung")),
    ("paused_financial_obligation", _("Chờ nghĩa vụ tài chính")),
    ("paused_stopped", _("Dừng xử lý")),
]
PERIODIC_KEYS = [key for key, _label in PERIODIC_COLUMNS]

# Working hours in a working day (domain.md §5.2).
HOURS_PER_DAY = 8


class ExportStatus(models.TextChoices):
    """Where a background export (tệp báo cáo xuất) stands; done and failed are terminal."""

    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"

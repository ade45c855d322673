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


# The columns of the periodic report under their blocks, the two header rows of the VPCP form
# (domain.md §8.1): each sub-column's label is read under its block's.
PERIODIC_BLOCKS = [
    (
        _("Tiếp nhận"),
        [
            ("received_total", _("Tổng số")),
            ("carried_over", _("Kỳ trước chuyển sang")),
            ("new_total", _("Trong kỳ")),
            ("new_online", _("Trong kỳ: trực tuyến")),
            ("new_direct", _("Trong kỳ: trực tiếp")),
            ("new_postal", _("Trong kỳ: bưu chính công ích")),
        ],
    ),
    (
        _("Đã xử lý"),
        [
            ("processed_total", _("Tổng số")),
            ("processed_early", _("Trước hạn")),
            ("processed_on_time", _("Đúng hạn")),
            ("processed_late", _("Quá hạn")),
        ],
    ),
    (
        _("Đang xử lý"),
        [
            ("in_progress_total", _("Tổng số")),
            ("in_progress_within_time", _("Trong hạn")),
            ("in_progress_overdue", _("Quá hạn")),
        ],
    ),
    (
        _("Tạm dừng xử lý"),
        [
            ("paused_total", _("Tổng số")),
            ("paused_within_time", _("Trong hạn")),
            ("paused_overdue", _("Quá hạn")),
            ("paused_supplement", _("Chờ bổ sung")),
            ("paused_financial_obligation", _("Chờ nghĩa vụ tài chính")),
            ("paused_stopped", _("Dừng xử lý")),
        ],
    ),
]
PERIODIC_KEYS = [key for _block, columns in PERIODIC_BLOCKS for key, _label in columns]

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

"""Indicator definitions of Decision 766 as dated data: which indicators are scored, their
targets and points change with the configuration in force (domain.md §9)."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The aggregate tables live in their own module; imported here so Django registers them.
from .aggregates.models import DossierContribution, FlowCount, StockChange  # noqa: F401
from .constants import ExportFormat, ExportStatus, Group


class IndicatorSetQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> IndicatorSet | None:
        return (
            self.filter(valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )


class IndicatorSet(models.Model):
    """One configuration of the 766 index (bộ chỉ số): the 2022 split of the Decision, or the
    split of the live DVCQG dashboard."""

    name = models.CharField(
        _("tên"), max_length=100, unique=True, help_text=_("Ví dụ “QĐ 766/2022”.")
    )
    source = models.CharField(
        _("nguồn"), max_length=500, blank=True, help_text=_("Văn bản, trang công bố cấu hình này.")
    )
    valid_from = models.DateField(_("áp dụng từ"), help_text=_("Ngày bắt đầu áp dụng."))
    valid_to = models.DateField(
        _("áp dụng đến"), null=True, blank=True, help_text=_("Ngày cuối cùng áp dụng.")
    )

    objects = IndicatorSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ chỉ số 766")
        verbose_name_plural = _("bộ chỉ số 766")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class IndicatorWeight(models.Model):
    """One indicator of a configuration: its group, points and target."""

    indicator_set = models.ForeignKey(
        IndicatorSet,
        verbose_name=_("bộ chỉ số"),
        on_delete=models.CASCADE,
        related_name="weights",
        help_text=_("Cấu hình chứa chỉ số này."),
    )
    indicator = models.CharField(
        _("mã chỉ số"), max_length=10, help_text=_("Mã chỉ số theo QĐ 766, ví dụ “2.1”, “3.5a”.")
    )
    group = models.CharField(
        _("nhóm"), max_length=4, choices=Group.choices, help_text=_("Nhóm chỉ số.")
    )
    name = models.CharField(_("tên chỉ số"), max_length=300, help_text=_("Tên chỉ số."))
    max_points = models.DecimalField(
        _("điểm tối đa"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Điểm tối đa (Pmax); 0 với chỉ số chỉ theo dõi, không tính điểm."),
    )
    target = models.DecimalField(
        _("chỉ tiêu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Chỉ tiêu T (%): đạt T thì được đủ điểm; trống thì tính tuyến tính đến 100%."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự hiển thị."))

    class Meta:
        verbose_name = _("chỉ số 766")
        verbose_name_plural = _("chỉ số 766")
        ordering = ["indicator_set", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "indicator"], name="reports_weight_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.max_points})"


def export_file_path(instance: ReportExport, filename: str) -> str:
    # The name on disk cannot be guessed; the readable name is given at download.
    return f"reports/exports/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}"


class ReportExportQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportExportQuerySet:
        """The exports ``user`` may see: their own; a superuser sees every one."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self if user.is_superuser else self.filter(requester=user)


class ReportExport(models.Model):
    """A report file built in the background (tệp báo cáo xuất): who asked for which report,
    how far the build is, and the file with its SHA-256 once done. Only the requester (and
    superusers) may see or download it."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="report_exports",
        help_text=_("Cán bộ đã yêu cầu xuất tệp; chỉ người này tải được tệp."),
    )
    report = models.CharField(
        _("báo cáo"),
        max_length=20,
        help_text=_("“index” (chỉ số 766), “periodic” (tình hình giải quyết) hoặc mã một chỉ số."),
    )
    format = models.CharField(
        _("định dạng"), max_length=4, choices=ExportFormat.choices, help_text=_("Định dạng tệp.")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan mà báo cáo tính trên cả cây đơn vị trực thuộc."),
    )
    period_start = models.DateField(_("từ ngày"), help_text=_("Ngày đầu kỳ báo cáo."))
    period_end = models.DateField(_("đến ngày"), help_text=_("Ngày cuối kỳ báo cáo (tính cả)."))
    field_code = models.CharField(
        _("mã lĩnh vực"),
        max_length=50,
        blank=True,
        help_text=_("Chỉ tính hồ sơ của lĩnh vực này; trống: mọi lĩnh vực."),
    )
    compare_prior_year = models.BooleanField(
        _("so với cùng kỳ năm trước"),
        default=False,
        help_text=_(
            "Báo cáo tình hình giải quyết (CSV, XLSX): thêm cột số liệu cùng kỳ năm trước và "
            "chênh lệch bên cạnh từng cột."
        ),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ExportStatus.choices,
        default=ExportStatus.QUEUED,
        help_text=_("Đang chờ, đang tạo tệp, đã xong hoặc không thành công."),
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, help_text=_("Phần việc đã làm, từ 0 đến 100.")
    )
    step = models.CharField(
        _("bước"), max_length=200, blank=True, help_text=_("Việc đang làm, để hiển thị.")
    )
    error = models.TextField(
        _("lỗi"), blank=True, help_text=_("Lý do không tạo được tệp, cho người yêu cầu đọc.")
    )
    file = models.FileField(
        _("tệp"),
        upload_to=export_file_path,
        max_length=255,
        blank=True,
        help_text=_("Tệp kết quả, lưu qua kho lưu trữ của hệ thống."),
    )
    file_name = models.CharField(
        _("tên tệp"), max_length=200, blank=True, help_text=_("Tên tệp khi tải về.")
    )
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, blank=True, help_text=_("Mã băm của tệp, kiểm tra khi tải.")
    )
    size = models.PositiveBigIntegerField(
        _("dung lượng (byte)"), null=True, blank=True, help_text=_("Dung lượng tệp.")
    )
    created_at = models.DateTimeField(_("lúc yêu cầu"), help_text=_("Lúc yêu cầu xuất tệp."))
    started_at = models.DateTimeField(
        _("lúc bắt đầu"), null=True, blank=True, help_text=_("Lúc bắt đầu tạo tệp (lần gần nhất).")
    )
    finished_at = models.DateTimeField(
        _("lúc kết thúc"), null=True, blank=True, help_text=_("Lúc tạo xong hoặc thất bại.")
    )

    objects = ReportExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp báo cáo xuất")
        verbose_name_plural = _("tệp báo cáo xuất")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requester", "-created_at"], name="reports_export_mine")]

    def __str__(self) -> str:
        return f"{self.report}.{self.format} {self.agency_id} {self.period_start}–{self.period_end}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

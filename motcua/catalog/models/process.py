"""The internal process of a version (quy trình nội bộ, TT 01/2018 Art. 8): ordered steps, each
with who does it, a time quota and its output. Steps in the same stage run in parallel."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.constants import Level, Role
from motcua.worktime.constants import DurationUnit

from ..constants import Channel, Coordination, StepOutput, StepUnit


class InternalProcess(models.Model):
    """The approved step table for a version, for every agency applying it or for one agency
    (and for every channel or one channel). The dossier engine runs it as data."""

    version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="processes",
        help_text=_("Phiên bản thủ tục."),
    )
    name = models.CharField(
        _("tên quy trình"),
        max_length=255,
        blank=True,
        help_text=_("Tên quy trình nội bộ, điện tử như trong quyết định phê duyệt."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan có quy trình riêng; trống nếu áp dụng cho mọi cơ quan thực hiện."),
    )
    channel = models.CharField(
        _("kênh áp dụng"),
        max_length=20,
        choices=Channel.choices,
        blank=True,
        help_text=_("Kênh có quy trình riêng; trống nếu áp dụng cho mọi kênh."),
    )
    coordination = models.CharField(
        _("hình thức phối hợp"),
        max_length=20,
        choices=Coordination.choices,
        default=Coordination.SINGLE,
        help_text=_("Một cơ quan, liên thông tuần tự, hoặc song song có cơ quan chủ trì."),
    )
    lead_agency_name = models.CharField(
        _("cơ quan chủ trì"),
        max_length=255,
        blank=True,
        help_text=_("Cơ quan chủ trì hồ sơ liên thông (ND 61/2018 Điều 19 §6)."),
    )
    decision_number = models.CharField(
        _("quyết định phê duyệt"),
        max_length=100,
        blank=True,
        help_text=_("Số quyết định phê duyệt quy trình nội bộ (TT 01/2018 Điều 8), nếu có."),
    )

    class Meta:
        verbose_name = _("quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return self.name or str(_("Quy trình nội bộ"))


class ProcessStep(models.Model):
    """One row of the step table: Bước | Nội dung | Trách nhiệm | Thời gian | Biểu mẫu, kết quả."""

    process = models.ForeignKey(
        InternalProcess,
        verbose_name=_("quy trình nội bộ"),
        on_delete=models.CASCADE,
        related_name="steps",
        help_text=_("Quy trình nội bộ."),
    )
    order = models.PositiveSmallIntegerField(_("bước"), help_text=_("Số thứ tự bước, từ 1."))
    stage = models.PositiveSmallIntegerField(
        _("giai đoạn"),
        help_text=_(
            "Các bước cùng giai đoạn chạy song song (liên thông song song); các giai đoạn nối "
            "tiếp nhau theo số tăng dần."
        ),
    )
    name = models.CharField(
        _("nội dung công việc"), max_length=500, help_text=_("Việc phải làm ở bước này.")
    )
    unit = models.CharField(
        _("đơn vị thực hiện"),
        max_length=20,
        choices=StepUnit.choices,
        help_text=_("Bộ phận Một cửa, phòng chuyên môn, lãnh đạo, văn thư, hoặc cơ quan phối hợp."),
    )
    role = models.CharField(
        _("vai trò"),
        max_length=30,
        choices=Role.choices,
        blank=True,
        help_text=_("Vai trò cán bộ thực hiện bước (trống với bước của người dân)."),
    )
    agency_level = models.CharField(
        _("cấp cơ quan phối hợp"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("Với bước liên thông: cấp của cơ quan thực hiện bước."),
    )
    agency_name = models.CharField(
        _("cơ quan thực hiện bước"),
        max_length=255,
        blank=True,
        help_text=_("Với bước liên thông: tên cơ quan, ví dụ “Công an cấp xã”, “Bảo hiểm xã hội”."),
    )
    quota_amount = models.DecimalField(
        _("thời gian"),
        max_digits=7,
        decimal_places=2,
        help_text=_("Thời gian giải quyết của bước (số)."),
    )
    quota_unit = models.CharField(
        _("đơn vị thời gian"),
        max_length=20,
        choices=DurationUnit.choices,
        default=DurationUnit.WORKING_HOURS,
        help_text=_("Đơn vị thời gian của bước; 1 ngày làm việc = 8 giờ làm việc."),
    )
    output_kind = models.CharField(
        _("loại kết quả bước"),
        max_length=20,
        choices=StepOutput.choices,
        default=StepOutput.NONE,
        help_text=_("Bước tạo ra biểu mẫu, dự thảo kết quả hay kết quả."),
    )
    output_name = models.CharField(
        _("biểu mẫu, kết quả"),
        max_length=255,
        blank=True,
        help_text=_("Tên biểu mẫu hoặc kết quả của bước, ví dụ “Mẫu 01 – Giấy tiếp nhận”."),
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["process", "order"]
        constraints = [
            models.UniqueConstraint(fields=["process", "order"], name="catalog_step_order"),
            models.CheckConstraint(
                condition=models.Q(quota_amount__gte=0), name="catalog_step_quota_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

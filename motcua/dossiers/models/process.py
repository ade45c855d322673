"""How a dossier moves: steps of the internal process, inter-agency transfers, pauses,
supplement requests and re-appointments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.constants import Role
from motcua.catalog.constants import StepUnit
from motcua.worktime.constants import PauseReason

from .labels import ChoiceLabels


class DossierStep(ChoiceLabels, models.Model):
    """One step of the internal process as run for this dossier (bước xử lý), with its quota
    copied at receipt so later process changes never rewrite history."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="steps", verbose_name=_("hồ sơ")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự bước trong hồ sơ."))
    stage = models.PositiveSmallIntegerField(
        _("giai đoạn"), help_text=_("Các bước cùng giai đoạn chạy song song.")
    )
    process_step = models.ForeignKey(
        "catalog.ProcessStep",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bước của quy trình nội bộ đã phê duyệt."),
        verbose_name=_("bước quy trình"),
    )
    name = models.CharField(_("nội dung công việc"), max_length=500)
    unit_kind = models.CharField(
        _("đơn vị thực hiện"), max_length=20, choices=StepUnit.choices, help_text=_("Trách nhiệm.")
    )
    role = models.CharField(
        _("vai trò"),
        max_length=30,
        choices=Role.choices,
        blank=True,
        help_text=_("Vai trò thực hiện."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan thực hiện bước (cơ quan phối hợp khi liên thông)."),
        verbose_name=_("cơ quan thực hiện"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cán bộ thực hiện."),
        verbose_name=_("cán bộ thực hiện"),
    )
    quota_hours = models.DecimalField(
        _("thời gian quy định (giờ làm việc)"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Thời gian cho bước, đổi ra giờ làm việc (1 ngày = 8 giờ)."),
    )
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn hoàn thành"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành"), null=True, blank=True)
    worked_hours = models.DecimalField(
        _("thời gian thực tế (giờ làm việc)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Thời gian làm việc thực tế, không kể thời gian tạm dừng."),
    )

    class Meta:
        verbose_name = _("bước xử lý của hồ sơ")
        verbose_name_plural = _("bước xử lý của hồ sơ")
        ordering = ["dossier", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "order"], name="dossier_step_order")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    @property
    def is_open(self) -> bool:
        return self.started_at is not None and self.finished_at is None


class Transfer(models.Model):
    """A hand-over to another agency or level and back (liên thông, chuyển xử lý). The working
    time it is away is attributed to the agency that holds it."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("hồ sơ"),
    )
    from_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan chuyển"),
    )
    to_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan nhận"),
    )
    step = models.ForeignKey(
        DossierStep,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bước liên thông của quy trình mà lần chuyển này thực hiện."),
        verbose_name=_("bước liên thông"),
    )
    task = models.TextField(
        _("nội dung đề nghị"), help_text=_("Nhiệm vụ của cơ quan nhận (Phiếu chuyển xử lý).")
    )
    sent_at = models.DateTimeField(_("thời điểm chuyển"))
    due_at = models.DateTimeField(_("hạn trả lại"), help_text=_("Hạn cơ quan nhận phải trả lại."))
    returned_at = models.DateTimeField(_("thời điểm trả lại"), null=True, blank=True)
    reply = models.TextField(_("ý kiến, kết quả"), blank=True)

    class Meta:
        verbose_name = _("chuyển liên thông")
        verbose_name_plural = _("chuyển liên thông")
        ordering = ["dossier", "sent_at"]

    def __str__(self) -> str:
        return f"{self.from_agency} → {self.to_agency}"


class Pause(ChoiceLabels, models.Model):
    """An interval during which the clock stopped for the applicant (tạm dừng): a supplement
    request after appraisal or a financial obligation. Kept for the statistical rule even when
    the legal rule restarts the deadline."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="pauses", verbose_name=_("hồ sơ")
    )
    reason = models.CharField(_("lý do"), max_length=30, choices=PauseReason.choices)
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    note = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("thời gian tạm dừng")
        verbose_name_plural = _("thời gian tạm dừng")
        ordering = ["dossier", "started_at"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.started_at:%d/%m/%Y}"


class SupplementStage(models.TextChoices):
    BEFORE_ACCEPTANCE = "before_acceptance", _("Trước khi tiếp nhận")
    AFTER_APPRAISAL = "after_appraisal", _("Sau khi thẩm định")


class SupplementRequest(ChoiceLabels, models.Model):
    """A request to complete the dossier, listing everything at once ("một lần đầy đủ", ND 61/2018
    Art. 15 §3) — Form 02."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="supplement_requests",
        verbose_name=_("hồ sơ"),
    )
    stage = models.CharField(_("giai đoạn"), max_length=30, choices=SupplementStage.choices)
    items = models.JSONField(
        _("nội dung yêu cầu"),
        help_text=_("Danh sách giấy tờ cần bổ sung, mỗi mục có tên và lý do."),
    )
    requested_at = models.DateTimeField(_("thời điểm yêu cầu"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    answered_at = models.DateTimeField(_("thời điểm bổ sung"), null=True, blank=True)
    answer_note = models.TextField(_("ghi chú khi bổ sung"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")
        ordering = ["dossier", "requested_at"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.requested_at:%d/%m/%Y}"


class Reappointment(models.Model):
    """An apology with a new appointment time (xin lỗi, hẹn lại; Form 04), at most once."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="reappointments",
        verbose_name=_("hồ sơ"),
    )
    previous_due_at = models.DateTimeField(_("hạn cũ"))
    new_due_at = models.DateTimeField(_("hạn mới"))
    reason = models.TextField(_("lý do chậm"))
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cơ quan để chậm, chịu trách nhiệm xin lỗi."),
        verbose_name=_("cơ quan chịu trách nhiệm"),
    )
    requested_at = models.DateTimeField(_("thời điểm xin lỗi, hẹn lại"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )

    class Meta:
        verbose_name = _("xin lỗi, hẹn lại")
        verbose_name_plural = _("xin lỗi, hẹn lại")
        ordering = ["dossier", "requested_at"]

    def __str__(self) -> str:
        return f"{self.previous_due_at:%d/%m/%Y} → {self.new_due_at:%d/%m/%Y}"

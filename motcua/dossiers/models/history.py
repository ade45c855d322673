"""The dossier's append-only history and the idempotency keys of repeated requests."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.constants import Role

from ..constants import Action, Status
from .labels import ChoiceLabels


class ReturnedSequenceField(models.PositiveIntegerField):
    """A number the INSERT itself may compute (an expression given as the value) and gives back
    with ``RETURNING``, so the instance knows it without reading it again. The same column as a
    plain ``PositiveIntegerField`` (migrations see no difference)."""

    @property
    def db_returning(self):
        return connection.features.can_return_columns_from_insert

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveIntegerField", args, kwargs


class Event(ChoiceLabels, models.Model):
    """One thing done to a dossier: who, in which unit and role, from which state to which,
    when and why (lịch sử xử lý). Never updated or deleted; replaying the events of a dossier
    gives its current state."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="events", verbose_name=_("hồ sơ")
    )
    sequence = ReturnedSequenceField(
        _("số thứ tự"), help_text=_("Thứ tự sự kiện trong hồ sơ, bắt đầu từ 1.")
    )
    action = models.CharField(_("thao tác"), max_length=40, choices=Action.choices)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=30, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=30, choices=Status.choices)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người thực hiện; trống nếu do hệ thống."),
        verbose_name=_("người thực hiện"),
    )
    actor_unit = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đơn vị của người thực hiện khi thực hiện."),
        verbose_name=_("đơn vị thực hiện"),
    )
    actor_role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices, blank=True)
    reason = models.TextField(_("lý do, ý kiến"), blank=True)
    step = models.ForeignKey(
        "dossiers.DossierStep",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bước xử lý liên quan."),
        verbose_name=_("bước xử lý"),
    )
    step_quota_hours = models.DecimalField(
        _("thời gian quy định của bước"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    step_worked_hours = models.DecimalField(
        _("thời gian thực tế của bước"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    due_at = models.DateTimeField(
        _("hạn trả sau sự kiện"),
        null=True,
        blank=True,
        help_text=_("Hạn trả hiện tại sau sự kiện."),
    )
    data = models.JSONField(
        _("chi tiết"),
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text=_("Chi tiết của thao tác (mục yêu cầu bổ sung, cơ quan nhận, mã kết quả …)."),
    )
    attachments = models.ManyToManyField(
        "documents.StoredFile", blank=True, related_name="+", verbose_name=_("tệp đính kèm")
    )

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["dossier", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="dossier_event_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.sequence} {self.get_action_display()}"


class IdempotencyKey(models.Model):
    """A request key already acted on: the same key again returns the first outcome and does
    nothing (double clicks, retried form posts, duplicate API calls)."""

    key = models.CharField(max_length=100, unique=True, verbose_name=_("khóa chống gửi lặp"))
    action = models.CharField(max_length=40, choices=Action.choices, verbose_name=_("thao tác"))
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="+", verbose_name=_("hồ sơ")
    )
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="+", verbose_name=_("sự kiện")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("khóa chống gửi lặp")
        verbose_name_plural = _("khóa chống gửi lặp")

    def __str__(self) -> str:
        return self.key

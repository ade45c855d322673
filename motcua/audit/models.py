"""The audit trail: who did or viewed what, when, and why (nhật ký hệ thống). Append-only."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CHANGE = "change", _("Thay đổi dữ liệu")
    VIEW = "view", _("Xem dữ liệu cá nhân")
    LOOKUP = "lookup", _("Tra cứu cơ sở dữ liệu quốc gia")
    EXPORT = "export", _("Xuất dữ liệu")


class AuditEntry(models.Model):
    """One audited act. Rows are only ever inserted."""

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
    action = models.CharField(_("loại"), max_length=20, choices=AuditAction.choices)
    verb = models.CharField(
        _("thao tác"),
        max_length=60,
        help_text=_("Tên nghiệp vụ, ví dụ accept, request_supplement."),
    )
    object_type = models.CharField(_("loại đối tượng"), max_length=60)
    object_id = models.CharField(_("mã đối tượng"), max_length=60, db_index=True)
    reason = models.TextField(_("lý do"), blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_type}:{self.object_id}"

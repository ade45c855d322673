"""The register of personal data breaches (sự cố vi phạm dữ liệu cá nhân), Decree 13/2023
art. 23. Written only by motcua.privacy.services (history in the audit trail)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import URGENT_WITHIN, Standing


class BreachIncident(models.Model):
    discovered_at = models.DateTimeField(
        _("thời điểm phát hiện"),
        help_text=_("Khi sự cố được phát hiện; hạn thông báo tính từ thời điểm này."),
    )
    nature = models.TextField(
        _("mô tả sự cố"),
        help_text=_("Tính chất của vi phạm: điều gì xảy ra, ở đâu, ai phát hiện, thời gian."),
    )
    data_categories = models.TextField(
        _("loại dữ liệu bị ảnh hưởng"),
        help_text=_("Các loại dữ liệu cá nhân liên quan, ví dụ số định danh, hồ sơ, ảnh giấy tờ."),
    )
    sensitive = models.BooleanField(
        _("có dữ liệu cá nhân nhạy cảm"),
        default=False,
        help_text=_(
            "Dữ liệu nhạy cảm theo Điều 2 khoản 4 Nghị định 13/2023 (sức khỏe, tài chính…)."
        ),
    )
    subjects_affected = models.PositiveIntegerField(
        _("số chủ thể bị ảnh hưởng"),
        null=True,
        blank=True,
        help_text=_("Số người có dữ liệu liên quan; để trống nếu chưa xác định."),
    )
    measures = models.TextField(
        _("biện pháp đã và sẽ thực hiện"),
        help_text=_("Biện pháp ngăn chặn, khắc phục, giảm thiểu tác hại."),
    )
    notify_by = models.DateTimeField(
        _("hạn thông báo"),
        db_index=True,
        editable=False,
        help_text=_("72 giờ sau khi phát hiện (Điều 23 Nghị định 13/2023)."),
    )
    authority_notified_at = models.DateTimeField(
        _("thời điểm thông báo Bộ Công an"),
        null=True,
        blank=True,
        help_text=_("Khi đã gửi thông báo tới Cục A05 - Bộ Công an."),
    )
    authority_reference = models.CharField(
        _("số văn bản thông báo"),
        max_length=100,
        blank=True,
        help_text=_("Số, ký hiệu văn bản hoặc mã tiếp nhận của thông báo."),
    )
    late_reason = models.TextField(
        _("lý do thông báo chậm"),
        blank=True,
        help_text=_("Bắt buộc khi thông báo sau hạn 72 giờ (Điều 23 khoản 1)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi nhận"),
        help_text=_("Người ghi sự cố vào sổ."),
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi sổ"), default=timezone.now)

    class Meta:
        verbose_name = _("sự cố vi phạm dữ liệu cá nhân")
        verbose_name_plural = _("sự cố vi phạm dữ liệu cá nhân")
        ordering = ["-discovered_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {timezone.localtime(self.discovered_at):%d/%m/%Y %H:%M}"

    def standing(self, now=None) -> str:
        now = now or timezone.now()
        if self.authority_notified_at is not None:
            return (
                Standing.ON_TIME if self.authority_notified_at <= self.notify_by else Standing.LATE
            )
        if now > self.notify_by:
            return Standing.OVERDUE
        return Standing.URGENT if self.notify_by - now <= URGENT_WITHIN else Standing.OPEN

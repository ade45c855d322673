"""Files kept by the system, each with its SHA-256 so that integrity can be checked at any time."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def stored_file_path(instance: StoredFile, filename: str) -> str:
    # The name on disk is not the uploader's: it cannot collide or be guessed.
    return f"files/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}"


class StoredFile(models.Model):
    """One stored file (tệp tin): an upload, a scan made at the desk, a generated form or a
    signed result."""

    file = models.FileField(_("tệp"), upload_to=stored_file_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255, help_text=_("Tên tệp gốc, để tải về."))
    content_type = models.CharField(
        _("kiểu nội dung"), max_length=100, help_text=_("Kiểu MIME, xác định từ nội dung tệp.")
    )
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, db_index=True, help_text=_("Mã băm để kiểm tra toàn vẹn.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Người tải lên; trống nếu do hệ thống tạo."),
        verbose_name=_("người tải lên"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stored_files",
        help_text=_("Chủ sở hữu trong kho dữ liệu cá nhân, tổ chức (nếu có)."),
        verbose_name=_("chủ sở hữu"),
    )
    created_at = models.DateTimeField(_("thời điểm lưu"))

    class Meta:
        verbose_name = _("tệp tin")
        verbose_name_plural = _("tệp tin")

    def __str__(self) -> str:
        return self.name

"""The audit trail: who did or viewed what, when, from where, and why (nhật ký hệ thống).

Append-only: the application only inserts rows. On PostgreSQL a trigger refuses any UPDATE or
DELETE, and every row is sealed into one hash chain when its transaction commits (``chain.py``):
``hash = sha256(prev_hash + digest)``, where ``digest`` is the SHA-256 of the row's own content,
so ``manage.py audit verify`` finds an edited, removed or reordered row."""

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
    SIGN_IN = "sign_in", _("Đăng nhập")
    SIGN_IN_FAILED = "sign_in_failed", _("Đăng nhập không thành công")
    SIGN_OUT = "sign_out", _("Đăng xuất")
    DENIED = "denied", _("Truy cập bị từ chối")


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
    dossier_code = models.CharField(
        _("mã hồ sơ"),
        max_length=40,
        blank=True,
        help_text=_("Mã của hồ sơ mà thao tác liên quan, nếu có (để tra theo hồ sơ)."),
    )
    reason = models.TextField(_("lý do"), blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip = models.CharField(
        _("địa chỉ IP"), max_length=45, blank=True, help_text=_("Địa chỉ của máy gửi yêu cầu.")
    )
    user_agent = models.CharField(
        _("trình duyệt"),
        max_length=200,
        blank=True,
        help_text=_("Tiêu đề User-Agent của yêu cầu, cắt ở 200 ký tự."),
    )
    digest = models.CharField(
        _("mã băm nội dung"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 của nội dung dòng nhật ký, tính khi ghi."),
    )
    seq = models.BigIntegerField(
        _("số thứ tự chuỗi"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Vị trí trong chuỗi băm; cơ sở dữ liệu gán khi giao dịch được xác nhận."),
    )
    prev_hash = models.CharField(_("mã băm dòng trước"), max_length=64, blank=True)
    hash = models.CharField(
        _("mã băm chuỗi"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 của mã băm dòng trước nối với mã băm nội dung."),
    )

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["dossier_code", "action", "at"], name="audit_dossier_reads")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_type}:{self.object_id}"

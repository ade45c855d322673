"""API clients (hệ thống kết nối): a system calling API v1 with OAuth2 client credentials, bound
to the agencies whose dossiers it may see and to the scopes it was granted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oauth2_provider.settings import oauth2_settings


class ApiClient(models.Model):
    """One connected system (LGSP, a ministry's sector software, a QLVB, a dashboard). Its OAuth2
    identity is a django-oauth-toolkit Application of grant type client-credentials; this row
    says what it may see. Changed only through ``motcua.api.services``."""

    application = models.OneToOneField(
        oauth2_settings.APPLICATION_MODEL,
        on_delete=models.PROTECT,
        related_name="api_client",
        verbose_name=_("ứng dụng OAuth2"),
        help_text=_("Định danh OAuth2 (client_id, client_secret đã băm) của hệ thống."),
    )
    agencies = models.ManyToManyField(
        "agencies.Agency",
        related_name="+",
        blank=True,
        verbose_name=_("cơ quan, đơn vị"),
        help_text=_("Hệ thống thấy hồ sơ, báo cáo của các cơ quan này và đơn vị trực thuộc."),
    )
    officer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_client",
        verbose_name=_("tài khoản nghiệp vụ"),
        help_text=_(
            "Tài khoản cán bộ mà hệ thống đứng tên khi xử lý hồ sơ (dossiers:write): các vai trò "
            "được phân công cho tài khoản này quyết định thao tác nào được làm; không đăng nhập "
            "được."
        ),
    )
    scopes = models.JSONField(
        _("phạm vi quyền"),
        default=list,
        help_text=_("Các phạm vi được cấp, ví dụ dossiers:read, reports:read."),
    )
    contact = models.CharField(
        _("đầu mối liên hệ"),
        max_length=255,
        blank=True,
        help_text=_("Đơn vị vận hành hệ thống kết nối, người và cách liên hệ."),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    revoked_at = models.DateTimeField(
        _("thời điểm thu hồi"),
        null=True,
        blank=True,
        help_text=_("Đã thu hồi: mọi mã truy cập bị hủy, không cấp mã mới."),
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thu hồi"),
    )
    revoke_reason = models.TextField(_("lý do thu hồi"), blank=True)

    class Meta:
        verbose_name = _("hệ thống kết nối API")
        verbose_name_plural = _("hệ thống kết nối API")
        ordering = ["application__name", "id"]

    def __str__(self) -> str:
        return self.application.name

    @property
    def client_id(self) -> str:
        return self.application.client_id

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


from .models_webhooks import (  # noqa: E402, F401 (models of the app)
    DeliveryState,
    DemoReceipt,
    DemoReceiver,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscriber,
)

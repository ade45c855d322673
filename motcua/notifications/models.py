"""Messages to applicants about their dossiers: one ``Delivery`` per event, channel and
recipient (so nothing is sent twice), with every attempt recorded."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Channel, DeliveryStatus, Topic

# The demo SMS provider's log lives in this app (plugins cannot add apps to settings).
from .contrib.demo_sms.models import DemoSmsMessage  # noqa: F401


class Delivery(models.Model):
    """One message to one recipient on one channel about one dossier event."""

    event = models.ForeignKey(
        "dossiers.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
        help_text=_(
            "Sự kiện của hồ sơ được thông báo; trống với tin không gắn sự kiện (mời khảo sát)."
        ),
        verbose_name=_("sự kiện"),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="deliveries",
        help_text=_("Hồ sơ (để xem nhanh các thông báo của một hồ sơ)."),
        verbose_name=_("hồ sơ"),
    )
    topic = models.CharField(
        _("nội dung"), max_length=30, choices=Topic.choices, help_text=_("Loại thông báo.")
    )
    channel = models.CharField(
        _("kênh"), max_length=10, choices=Channel.choices, help_text=_("Thư điện tử hoặc SMS.")
    )
    provider = models.CharField(
        _("nhà cung cấp"), max_length=30, help_text=_("Mã plugin gửi thông báo.")
    )
    recipient = models.CharField(
        _("người nhận"), max_length=255, help_text=_("Địa chỉ thư điện tử hoặc số điện thoại.")
    )
    subject = models.CharField(
        _("tiêu đề"), max_length=255, blank=True, help_text=_("Tiêu đề thư (trống với SMS).")
    )
    body = models.TextField(_("nội dung"), help_text=_("Nội dung gửi đi, đã điền thông tin."))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        help_text=_("Chờ gửi, đang gửi, đã gửi hoặc không thành công."),
    )
    attempts = models.PositiveSmallIntegerField(
        _("số lần gửi"), default=0, help_text=_("Số lần đã thử gửi.")
    )
    next_attempt_at = models.DateTimeField(
        _("lần gửi tiếp theo"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Thời điểm sớm nhất gửi (lại); trống khi đã xong."),
    )
    claimed_at = models.DateTimeField(
        _("bắt đầu gửi lúc"),
        null=True,
        blank=True,
        help_text=_("Lúc một tiến trình nhận gửi thông báo này."),
    )
    last_error = models.TextField(
        _("lỗi gần nhất"), blank=True, help_text=_("Lỗi nhà cung cấp báo ở lần thử gần nhất.")
    )
    sent_at = models.DateTimeField(
        _("thời điểm gửi"), null=True, blank=True, help_text=_("Lúc nhà cung cấp nhận gửi.")
    )
    provider_reference = models.CharField(
        _("mã tin của nhà cung cấp"),
        max_length=100,
        blank=True,
        help_text=_("Mã do nhà cung cấp trả về."),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), help_text=_("Lúc tạo thông báo."))

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel", "recipient"], name="notifications_once_per_event"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} → {self.recipient}"


class DeliveryAttempt(models.Model):
    """One try to hand a delivery to its provider."""

    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("lần gửi thông báo"),
    )
    at = models.DateTimeField(_("thời điểm"), help_text=_("Lúc thử gửi."))
    succeeded = models.BooleanField(_("thành công"), help_text=_("Nhà cung cấp đã nhận tin."))
    error = models.TextField(_("lỗi"), blank=True, help_text=_("Lỗi khi không thành công."))

    class Meta:
        verbose_name = _("lần gửi")
        verbose_name_plural = _("lần gửi")
        ordering = ["delivery", "at", "id"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'lỗi'}"

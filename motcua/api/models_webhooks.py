"""Webhooks (thông báo sự kiện đến hệ thống kết nối): who is told of which dossier events, the
outbox of what must reach them, the log of every attempt, and the demo receiver's records.
Written only through ``motcua.api.webhooks``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """What a subscriber may ask to be told of (loại sự kiện)."""

    DOSSIER_RECEIVED = "dossier.received", _("Hồ sơ được tiếp nhận")
    STATUS_CHANGED = "dossier.status_changed", _("Hồ sơ chuyển trạng thái")
    RESULT_READY = "dossier.result_ready", _("Hồ sơ đã có kết quả, chờ trả")
    PAYMENT_RECORDED = "payment.recorded", _("Ghi nhận nộp phí, lệ phí")


class WebhookSubscriber(models.Model):
    """A URL of an API client's system told of the events it chose, for the dossiers of the
    client's agencies only (đăng ký nhận thông báo). Its secret signs every delivery."""

    client = models.ForeignKey(
        "api.ApiClient",
        on_delete=models.PROTECT,
        related_name="webhook_subscribers",
        verbose_name=_("hệ thống kết nối"),
        help_text=_("Chỉ nhận sự kiện của hồ sơ thuộc các cơ quan gắn với hệ thống này."),
    )
    name = models.CharField(_("tên"), max_length=255)
    url = models.URLField(
        _("địa chỉ nhận"), max_length=500, help_text=_("Nhận yêu cầu POST, JSON, có chữ ký.")
    )
    events = models.JSONField(
        _("sự kiện đăng ký"), default=list, help_text=_("Ví dụ dossier.received, payment.recorded.")
    )
    secret = models.CharField(
        _("khóa ký"),
        max_length=100,
        help_text=_("Khóa bí mật dùng chung để ký HMAC-SHA256; chỉ hiển thị một lần khi tạo."),
    )
    active = models.BooleanField(_("đang nhận"), default=True)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    last_sequence = models.PositiveIntegerField(_("số thứ tự đã cấp"), default=0)
    lease_until = models.DateTimeField(_("đang gửi đến"), null=True, blank=True)
    last_delivered_at = models.DateTimeField(_("gửi thành công gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký nhận thông báo (webhook)")
        verbose_name_plural = _("đăng ký nhận thông báo (webhook)")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "delivered", _("Đã gửi")
    DEAD = "dead", _("Gửi không thành công (chờ xử lý)")


class WebhookDelivery(models.Model):
    """One event for one subscriber (thông báo cần gửi), written in the transaction of the
    dossier event, so it exists if and only if the event does; sent in ``sequence`` order
    with the same body and id at every attempt."""

    subscriber = models.ForeignKey(
        WebhookSubscriber,
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("nơi nhận"),
    )
    event = models.ForeignKey(
        "dossiers.Event",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sự kiện của hồ sơ"),
    )
    event_type = models.CharField(_("loại sự kiện"), max_length=40, choices=WebhookEvent.choices)
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    key = models.CharField(
        _("mã thông báo"),
        max_length=80,
        unique=True,
        help_text=_("Gửi trong tiêu đề Motcua-Webhook-Id; bên nhận bỏ qua mã đã nhận."),
    )
    payload = models.JSONField(_("nội dung"))
    state = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=DeliveryState.choices,
        default=DeliveryState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"))
    last_attempt_at = models.DateTimeField(_("lần thử gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    delivered_at = models.DateTimeField(_("thời điểm gửi thành công"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo webhook")
        verbose_name_plural = _("thông báo webhook")
        ordering = ["subscriber", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "sequence"], name="webhook_order"),
            models.UniqueConstraint(
                fields=["subscriber", "event", "event_type"], name="webhook_once_per_event"
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_due")]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_event_type_display()})"


class WebhookAttempt(models.Model):
    """One try of a delivery (nhật ký gửi): when, what the receiver answered, how long."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="log", verbose_name=_("thông báo")
    )
    at = models.DateTimeField(_("thời điểm"))
    status_code = models.PositiveSmallIntegerField(_("mã trả lời HTTP"), null=True, blank=True)
    ok = models.BooleanField(_("thành công"), default=False)
    error = models.TextField(_("lỗi"), blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["delivery", "at", "id"]

    def __str__(self) -> str:
        return f"HTTP {self.status_code}" if self.status_code else str(_("Không kết nối được"))


class DemoReceiver(models.Model):
    """The demo receiver of webhooks (nơi nhận thử), served by this site at
    ``/api/v1/demo/webhooks/<name>/``: checks each request's signature with its secret and keeps
    what it got. ``failing`` (or ``DEMO_WEBHOOK_RECEIVER_FAIL=1``) makes it answer 503."""

    name = models.SlugField(_("tên"), max_length=60, unique=True)
    secret = models.CharField(_("khóa ký"), max_length=100)
    failing = models.BooleanField(
        _("giả lập sự cố"), default=False, help_text=_("Trả lời 503 cho mọi yêu cầu.")
    )

    class Meta:
        verbose_name = _("nơi nhận webhook thử nghiệm")
        verbose_name_plural = _("nơi nhận webhook thử nghiệm")

    def __str__(self) -> str:
        return self.name


class DemoReceipt(models.Model):
    """What the demo receiver got (bản ghi nhận), refused ones included."""

    receiver = models.ForeignKey(
        DemoReceiver, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("nơi nhận")
    )
    received_at = models.DateTimeField(_("thời điểm nhận"))
    delivery_key = models.CharField(_("mã thông báo"), max_length=80, blank=True)
    event_type = models.CharField(_("loại sự kiện"), max_length=40, blank=True)
    body = models.TextField(_("nội dung"))
    accepted = models.BooleanField(_("chấp nhận"), default=False)
    duplicate = models.BooleanField(_("trùng mã đã nhận"), default=False)
    error = models.CharField(_("lý do từ chối"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thông báo đã nhận (thử nghiệm)")
        verbose_name_plural = _("thông báo đã nhận (thử nghiệm)")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.receiver_id} {self.delivery_key or '-'}"

"""The demo postal operator's own books (bưu điện demo): the shipments it accepted, the events of
each, whether each was pushed to the customer, and the administrator's failure switch. Nothing
here is read by motcua's own postal code: it learns only what the operator's HTTP API says."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .postal import PostalDirection, PostalStatus


class DemoPostFailure(models.TextChoices):
    NONE = "", _("Hoạt động bình thường")
    ERROR = "500", _("Lỗi máy chủ (HTTP 500)")
    TIMEOUT = "timeout", _("Không trả lời (quá thời gian chờ)")
    MALFORMED = "malformed", _("Trả lời sai định dạng")


class DemoPostSwitch(models.Model):
    """The demo operator's failure switch, for administrators (one row). ``DEMO_POST_FAIL`` in the
    environment takes precedence."""

    failure = models.CharField(
        _("giả lập sự cố"),
        max_length=10,
        blank=True,
        choices=DemoPostFailure.choices,
        help_text=_("Cách bưu điện demo trả lời mọi yêu cầu API."),
    )
    push_enabled = models.BooleanField(
        _("đẩy trạng thái sang motcua"),
        default=True,
        help_text=_("Tắt để giả lập mất tin đẩy: motcua chỉ còn biết qua tra cứu."),
    )

    class Meta:
        app_label = "integrations"
        verbose_name = _("công tắc bưu điện demo")
        verbose_name_plural = _("công tắc bưu điện demo")

    def __str__(self) -> str:
        return str(self.get_failure_display())


class DemoShipment(models.Model):
    """A shipment as the demo operator recorded it."""

    client_id = models.CharField(_("khách hàng"), max_length=40, help_text=_("Mã khách hàng."))
    client_reference = models.CharField(
        _("mã yêu cầu của khách hàng"), max_length=40, help_text=_("Chống tạo trùng.")
    )
    tracking_code = models.CharField(
        _("mã bưu gửi"), max_length=40, unique=True, help_text=_("Do bưu điện demo cấp.")
    )
    direction = models.CharField(
        _("chiều"), max_length=10, choices=PostalDirection.choices, help_text=_("Thu gom/phát.")
    )
    recipient_name = models.CharField(_("người nhận"), max_length=255, help_text=_("Họ tên."))
    phone = models.CharField(_("điện thoại"), max_length=20, help_text=_("Số điện thoại."))
    address = models.CharField(_("địa chỉ"), max_length=255, help_text=_("Địa chỉ."))
    item = models.CharField(_("nội dung"), max_length=255, help_text=_("Nội dung khai báo."))
    cod_amount = models.DecimalField(
        _("thu hộ"), max_digits=14, decimal_places=0, default=0, help_text=_("Đồng.")
    )
    zone = models.CharField(_("vùng cước"), max_length=10, help_text=_("urban, rural, island."))
    fee = models.DecimalField(_("cước"), max_digits=14, decimal_places=0, help_text=_("Đồng."))
    callback_url = models.URLField(
        _("địa chỉ nhận tin đẩy"), max_length=500, blank=True, help_text=_("Của khách hàng.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PostalStatus.choices, help_text=_("Hiện tại.")
    )
    created_at = models.DateTimeField(_("nhận lúc"), help_text=_("Lúc nhận yêu cầu."))

    class Meta:
        app_label = "integrations"
        verbose_name = _("bưu gửi (bưu điện demo)")
        verbose_name_plural = _("bưu gửi (bưu điện demo)")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_id", "client_reference"], name="demo_post_reference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.status}"


class DemoShipmentEvent(models.Model):
    """One step of a shipment's journey, and whether the customer was told of it."""

    shipment = models.ForeignKey(
        DemoShipment, on_delete=models.CASCADE, related_name="events", verbose_name=_("bưu gửi")
    )
    sequence = models.PositiveIntegerField(_("thứ tự"), help_text=_("1, 2, 3 … trong bưu gửi."))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PostalStatus.choices, help_text=_("Trạng thái.")
    )
    at = models.DateTimeField(_("thời điểm"), help_text=_("Lúc xảy ra."))
    place = models.CharField(_("nơi"), max_length=255, blank=True, help_text=_("Bưu cục."))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True, help_text=_("Lý do."))
    pushed_at = models.DateTimeField(
        _("đã đẩy lúc"), null=True, blank=True, help_text=_("Lúc khách hàng xác nhận tin đẩy.")
    )
    push_error = models.CharField(
        _("lỗi đẩy"), max_length=500, blank=True, help_text=_("Lỗi lần đẩy gần nhất.")
    )

    class Meta:
        app_label = "integrations"
        verbose_name = _("hành trình (bưu điện demo)")
        verbose_name_plural = _("hành trình (bưu điện demo)")
        ordering = ["shipment", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "sequence"], name="demo_post_event_seq")
        ]

    def __str__(self) -> str:
        return f"{self.shipment.tracking_code}-{self.sequence} {self.status}"

    @property
    def event_id(self) -> str:
        return f"{self.shipment.tracking_code}-{self.sequence}"

"""The public postal service (dịch vụ bưu chính công ích, QĐ 45/2016/QĐ-TTg): orders placed with
the postal operator for a dossier (pick-up of the application from the applicant, delivery of the
result to the recipient), and the status events the operator reported (pushed or pulled).

The demo operator's own records live in ``models/postal_demo.py``: two independent sources, as in
real life."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PostalDirection(models.TextChoices):
    """What the postman does (chiều bưu gửi)."""

    PICKUP = "pickup", _("Thu gom hồ sơ tại nhà người nộp")
    DELIVERY = "delivery", _("Phát kết quả đến người nhận")


class PostalStatus(models.TextChoices):
    """The order's state (trạng thái bưu gửi). ``pending`` is ours alone: the order is written but
    the operator has not confirmed it yet (being sent, or the operator was unreachable)."""

    PENDING = "pending", _("Chờ gửi sang bưu điện")
    ACCEPTED = "accepted", _("Bưu điện đã nhận yêu cầu")
    IN_TRANSIT = "in_transit", _("Đang vận chuyển")
    DELIVERED = "delivered", _("Đã phát thành công")
    FAILED = "failed", _("Phát không thành công")
    CANCELLED = "cancelled", _("Đã hủy")


# A status never goes back: an event ranked below the order's current status is kept in the
# history but changes nothing (out-of-order pushes). Ranks 3 are final.
STATUS_RANK = {
    PostalStatus.PENDING: 0,
    PostalStatus.ACCEPTED: 1,
    PostalStatus.IN_TRANSIT: 2,
    PostalStatus.DELIVERED: 3,
    PostalStatus.FAILED: 3,
    PostalStatus.CANCELLED: 3,
}
FINAL_STATUSES = frozenset(s for s, rank in STATUS_RANK.items() if rank == 3)


class EventSource(models.TextChoices):
    """How we learnt of a status (nguồn cập nhật)."""

    PUSH = "push", _("Bưu điện gửi sang")
    PULL = "pull", _("motcua tra cứu")
    LOCAL = "local", _("Ghi nhận tại motcua")


class PostalOrder(models.Model):
    """One order with the postal operator (yêu cầu dịch vụ bưu chính công ích) for a dossier."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="postal_orders",
        verbose_name=_("hồ sơ"),
        help_text=_("Hồ sơ được thu gom hoặc có kết quả được phát qua bưu chính."),
    )
    direction = models.CharField(
        _("chiều bưu gửi"),
        max_length=10,
        choices=PostalDirection.choices,
        default=PostalDirection.DELIVERY,
        help_text=_("Thu gom hồ sơ hay phát kết quả."),
    )
    operator = models.CharField(
        _("doanh nghiệp bưu chính"),
        max_length=30,
        help_text=_("Mã plugin của doanh nghiệp bưu chính (POSTAL_OPERATOR)."),
    )
    reference = models.CharField(
        _("mã yêu cầu của motcua"),
        max_length=40,
        unique=True,
        help_text=_("Mã motcua gửi kèm yêu cầu; bưu điện dùng nó để không tạo trùng bưu gửi."),
    )
    recipient_name = models.CharField(
        _("người nhận"), max_length=255, help_text=_("Họ tên người nhận (hoặc người giao hồ sơ).")
    )
    phone = models.CharField(
        _("số điện thoại"), max_length=20, help_text=_("Điện thoại người nhận.")
    )
    address = models.CharField(
        _("địa chỉ"), max_length=255, help_text=_("Địa chỉ phát hoặc thu gom.")
    )
    item = models.CharField(
        _("nội dung bưu gửi"), max_length=255, help_text=_("Nội dung khai báo của bưu gửi.")
    )
    cod_amount = models.DecimalField(
        _("tiền thu hộ (đồng)"),
        max_digits=14,
        decimal_places=0,
        default=0,
        help_text=_("Số tiền bưu điện thu hộ khi phát (COD), nếu có."),
    )
    fee = models.DecimalField(
        _("cước bưu chính (đồng)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Cước do bưu điện báo khi nhận yêu cầu."),
    )
    tracking_code = models.CharField(
        _("mã bưu gửi"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("Số hiệu bưu gửi do bưu điện cấp, dùng để tra cứu."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=PostalStatus.choices,
        default=PostalStatus.PENDING,
        db_index=True,
        help_text=_("Không bao giờ lùi lại."),
    )
    failure_reason = models.CharField(
        _("lý do phát không thành công"), max_length=500, blank=True, help_text=_("Theo bưu điện.")
    )
    last_error = models.CharField(
        _("lỗi kết nối gần nhất"),
        max_length=500,
        blank=True,
        help_text=_("Lỗi lần gửi yêu cầu hoặc tra cứu gần nhất; trống khi thành công."),
    )
    return_error = models.CharField(
        _("lỗi ghi trả kết quả"),
        max_length=500,
        blank=True,
        help_text=_("Khi đã phát thành công nhưng chưa ghi được việc trả kết quả của hồ sơ."),
    )
    attempts = models.PositiveIntegerField(
        _("số lần gửi"), default=0, help_text=_("Số lần đã gửi yêu cầu sang bưu điện.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
        help_text=_("Cán bộ Một cửa lập yêu cầu; trả kết quả được ghi nhân danh người này."),
    )
    created_at = models.DateTimeField(_("thời điểm lập"), help_text=_("Lúc lập yêu cầu."))
    accepted_at = models.DateTimeField(
        _("bưu điện nhận lúc"), null=True, blank=True, help_text=_("Lúc bưu điện xác nhận.")
    )
    finished_at = models.DateTimeField(
        _("kết thúc lúc"),
        null=True,
        blank=True,
        help_text=_("Lúc phát thành công, không thành công hoặc hủy."),
    )
    polled_at = models.DateTimeField(
        _("tra cứu lần cuối"), null=True, blank=True, help_text=_("Lần tra cứu gần nhất.")
    )

    class Meta:
        app_label = "integrations"
        verbose_name = _("yêu cầu bưu chính công ích")
        verbose_name_plural = _("yêu cầu bưu chính công ích")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "tracking_code"],
                condition=~Q(tracking_code=""),
                name="postal_order_tracking_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code or self.reference} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


class PostalEvent(models.Model):
    """One status the operator reported for an order (hành trình bưu gửi). The operator's event
    id makes a repeated report harmless: it is stored once."""

    order = models.ForeignKey(
        PostalOrder, on_delete=models.CASCADE, related_name="events", verbose_name=_("yêu cầu")
    )
    event_id = models.CharField(
        _("mã sự kiện"), max_length=60, help_text=_("Mã sự kiện do bưu điện cấp.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PostalStatus.choices, help_text=_("Trạng thái báo.")
    )
    at = models.DateTimeField(_("thời điểm"), help_text=_("Lúc sự việc xảy ra, theo bưu điện."))
    place = models.CharField(
        _("nơi"), max_length=255, blank=True, help_text=_("Bưu cục, nơi phát.")
    )
    note = models.CharField(
        _("ghi chú"), max_length=500, blank=True, help_text=_("Lý do, ghi chú.")
    )
    source = models.CharField(
        _("nguồn"), max_length=5, choices=EventSource.choices, help_text=_("Đẩy sang hay tra cứu.")
    )
    received_at = models.DateTimeField(_("motcua nhận lúc"), help_text=_("Lúc motcua ghi nhận."))

    class Meta:
        app_label = "integrations"
        verbose_name = _("hành trình bưu gửi")
        verbose_name_plural = _("hành trình bưu gửi")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "event_id"], name="postal_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.status} {self.at:%Y-%m-%d %H:%M}"

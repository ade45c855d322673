"""The national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG): the outbox of what
must reach it, and the per-dossier cursor of the delivery (domain.md §4.3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PortalService(models.TextChoices):
    """The portal's services this system calls (tên dịch vụ trên trục DVCQG)."""

    DOSSIER = "DongBoHoSoMC", _("Đồng bộ hồ sơ (DongBoHoSoMC)")
    PROGRESS = "CapNhatTienDoHoSoMC", _("Cập nhật tiến độ xử lý (CapNhatTienDoHoSoMC)")


class MessageState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    DELIVERED = "delivered", _("Đã gửi")
    DEAD = "dead", _("Gửi không thành công (chờ xử lý)")


class PortalMessage(models.Model):
    """One message for the national portal (thông điệp đồng bộ), written in the transaction of the
    dossier event it reports, so it exists if and only if the event happened. Messages of one
    dossier are delivered in ``sequence`` order: a later status never overtakes an earlier one.

    A ``DongBoHoSoMC`` message sends the dossier's whole record as it stands when it is sent (a
    newer record supersedes an older one); a ``CapNhatTienDoHoSoMC`` message sends the step its
    event recorded, which never changes."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="portal_messages",
        verbose_name=_("hồ sơ"),
    )
    event = models.ForeignKey(
        "dossiers.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Sự kiện của hồ sơ mà thông điệp báo lên; trống nếu là gửi lại khi đối soát."),
        verbose_name=_("sự kiện"),
    )
    sequence = models.PositiveIntegerField(
        _("số thứ tự"), help_text=_("Thứ tự gửi trong hồ sơ, bắt đầu từ 1.")
    )
    service = models.CharField(_("dịch vụ"), max_length=40, choices=PortalService.choices)
    key = models.CharField(
        _("khóa chống trùng"),
        max_length=80,
        unique=True,
        help_text=_("Gửi kèm mỗi lần thử; bên nhận áp dụng một khóa một lần (Idempotency-Key)."),
    )
    national_status = models.PositiveSmallIntegerField(
        _("trạng thái quốc gia"), null=True, blank=True, help_text=_("TrangThaiHoSo khi tạo.")
    )
    state = models.CharField(
        _("tình trạng"),
        max_length=20,
        choices=MessageState.choices,
        default=MessageState.PENDING,
        db_index=True,
    )
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(
        _("thử lại lúc"), help_text=_("Không gửi trước thời điểm này (giãn cách khi lỗi).")
    )
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    last_attempt_at = models.DateTimeField(_("lần thử gần nhất"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    delivered_at = models.DateTimeField(_("thời điểm gửi thành công"), null=True, blank=True)
    superseded = models.BooleanField(
        _("đã thay bằng bản mới hơn"),
        default=False,
        help_text=_("Bản ghi hồ sơ đầy đủ đã được gửi bằng một thông điệp sau, không cần gửi lại."),
    )
    remote_id = models.CharField(
        _("mã trên Cổng"), max_length=100, blank=True, help_text=_("Mã Cổng DVCQG trả về.")
    )
    payload = models.JSONField(
        _("nội dung đã gửi"), null=True, blank=True, help_text=_("Nội dung của lần thử gần nhất.")
    )

    class Meta:
        verbose_name = _("thông điệp đồng bộ Cổng DVCQG")
        verbose_name_plural = _("thông điệp đồng bộ Cổng DVCQG")
        ordering = ["dossier", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sequence"], name="portal_message_order")
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="portal_message_due"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.sequence} {self.service}"


class PortalCursor(models.Model):
    """Where the delivery of one dossier's messages stands (tình trạng đồng bộ của hồ sơ), and who
    is delivering them now: a worker takes the lease before sending, so two workers never send
    one dossier's messages at once, and a worker that died loses it when it expires."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        related_name="portal_cursor",
        primary_key=True,
        verbose_name=_("hồ sơ"),
    )
    last_sequence = models.PositiveIntegerField(
        _("số thứ tự đã cấp"), default=0, help_text=_("Số thứ tự của thông điệp mới nhất.")
    )
    lease_until = models.DateTimeField(_("đang gửi đến"), null=True, blank=True)
    received_synced_at = models.DateTimeField(
        _("đồng bộ ngày tiếp nhận lúc"),
        null=True,
        blank=True,
        help_text=_("Lần đầu Cổng DVCQG nhận bản ghi hồ sơ có NgayTiepNhan (chỉ số 766 1.4)."),
    )
    last_delivered_at = models.DateTimeField(_("gửi thành công gần nhất"), null=True, blank=True)
    last_national_status = models.PositiveSmallIntegerField(
        _("trạng thái trên Cổng"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("tình trạng đồng bộ hồ sơ")
        verbose_name_plural = _("tình trạng đồng bộ hồ sơ")

    def __str__(self) -> str:
        return str(self.dossier_id)

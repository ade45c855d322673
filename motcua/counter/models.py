"""Counters of a service centre, the officer's session at a counter, queue tickets with their
daily sequence, and the ratings given on a counter's tablet."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.feedback.constants import Level

from .constants import Reason, TicketStatus


class Counter(models.Model):
    """A counter (quầy) of a service centre (Trung tâm Phục vụ hành chính công, Bộ phận Một
    cửa), serving one or more fields of the catalogue. Its tablet proves itself with a device
    token that the administrator issues; only the token's hash is kept."""

    centre = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("trung tâm, bộ phận một cửa"),
        on_delete=models.PROTECT,
        related_name="counters",
        help_text=_("Đơn vị có Bộ phận Một cửa mà quầy thuộc về."),
    )
    number = models.PositiveSmallIntegerField(
        _("số quầy"), help_text=_("Số quầy hiển thị trên bảng gọi số, ví dụ 3.")
    )
    name = models.CharField(
        _("tên quầy"), max_length=100, blank=True, help_text=_("Ví dụ: Quầy Hộ tịch - Chứng thực.")
    )
    fields = models.ManyToManyField(
        "catalog.Field",
        verbose_name=_("lĩnh vực phục vụ"),
        related_name="+",
        help_text=_("Các lĩnh vực mà quầy gọi số; một lĩnh vực có thể do nhiều quầy phục vụ."),
    )
    is_open = models.BooleanField(
        _("đang hoạt động"), default=True, help_text=_("Bỏ chọn khi quầy tạm ngừng phục vụ.")
    )
    device_token_hash = models.CharField(
        _("mã thiết bị (băm)"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 của mã thiết bị đánh giá; trống khi chưa cấp."),
    )
    device_token_issued_at = models.DateTimeField(
        _("cấp mã thiết bị lúc"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("quầy")
        verbose_name_plural = _("quầy")
        ordering = ["centre", "number"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="counter_number_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _("Quầy %(number)s") % {"number": self.number}


class CounterSession(models.Model):
    """An officer sitting at a counter from ``started_at`` to ``ended_at`` (ca làm việc tại
    quầy). One open session per counter and per officer."""

    counter = models.ForeignKey(
        Counter, verbose_name=_("quầy"), on_delete=models.PROTECT, related_name="sessions"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên làm việc tại quầy")
        verbose_name_plural = _("phiên làm việc tại quầy")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["counter"], condition=Q(ended_at__isnull=True), name="counter_one_open"
            ),
            models.UniqueConstraint(
                fields=["officer"], condition=Q(ended_at__isnull=True), name="officer_one_counter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counter} – {self.officer}"


class TicketSequence(models.Model):
    """The daily ticket numbers of one centre: one row per centre and day, incremented by one
    statement and locked until the taking commits (as the dossier code counter), so numbers are
    gap-free and unique under concurrent takers."""

    centre = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("trung tâm")
    )
    day = models.DateField(_("ngày"), help_text=_("Ngày lấy số (giờ Việt Nam)."))
    last = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số thứ tự")
        verbose_name_plural = _("bộ đếm số thứ tự")
        constraints = [
            models.UniqueConstraint(fields=["centre", "day"], name="ticket_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.day}: {self.last}"


class Ticket(models.Model):
    """A queue ticket (phiếu số thứ tự) taken at a centre's kiosk for one field. Its state
    changes only through the services; the times give the waiting and service times."""

    centre = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("trung tâm"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Nơi lấy số."),
    )
    day = models.DateField(_("ngày"), help_text=_("Ngày lấy số (giờ Việt Nam)."))
    number = models.PositiveIntegerField(
        _("số thứ tự"), help_text=_("Số trong ngày của trung tâm, liên tục từ 1.")
    )
    field = models.ForeignKey(
        "catalog.Field",
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Lĩnh vực người dân chọn khi lấy số."),
    )
    key = models.CharField(
        _("mã phiếu"),
        max_length=16,
        editable=False,
        help_text=_("Mã ngẫu nhiên trong đường dẫn in phiếu (không đoán được từ số thứ tự)."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    taken_at = models.DateTimeField(_("lấy số lúc"))
    called_at = models.DateTimeField(_("gọi số lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(
        _("kết thúc lúc"), null=True, blank=True, help_text=_("Lúc phục vụ xong hoặc vắng mặt.")
    )
    recalls = models.PositiveSmallIntegerField(_("số lần gọi lại"), default=0)
    counter = models.ForeignKey(
        Counter,
        verbose_name=_("quầy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        help_text=_("Quầy đã gọi số."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cán bộ đã gọi và phục vụ."),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Hồ sơ đã tiếp nhận hoặc trả kết quả cho lượt phục vụ này (nếu có)."),
    )

    class Meta:
        verbose_name = _("phiếu số thứ tự")
        verbose_name_plural = _("phiếu số thứ tự")
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "day", "number"], name="ticket_number_unique")
        ]
        indexes = [models.Index(fields=["centre", "day", "status"], name="ticket_queue")]

    def __str__(self) -> str:
        return f"{self.display_number} ({self.day:%d/%m/%Y})"

    @property
    def display_number(self) -> str:
        return f"{self.number:03d}"


class TicketRating(models.Model):
    """The citizen's rating of one served ticket, tapped on the counter's tablet (ND 61/2018
    Art. 29 b). Once per ticket, never changed but for the one optional reason tapped next.
    When the ticket handed over a dossier's result, the same answer is the dossier's rating
    (channel "counter tablet") and counts in the satisfaction indicators."""

    ticket = models.OneToOneField(
        Ticket, verbose_name=_("phiếu"), on_delete=models.PROTECT, related_name="rating"
    )
    counter = models.ForeignKey(
        Counter, verbose_name=_("quầy"), on_delete=models.PROTECT, related_name="ratings"
    )
    level = models.CharField(_("mức độ hài lòng"), max_length=20, choices=Level.choices)
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason.choices, blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"))
    dossier_rating = models.OneToOneField(
        "feedback.Rating",
        verbose_name=_("đánh giá hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Đánh giá của hồ sơ đã trả kết quả tại lượt này, nếu có."),
    )

    class Meta:
        verbose_name = _("đánh giá tại quầy")
        verbose_name_plural = _("đánh giá tại quầy")
        ordering = ["-rated_at"]

    def __str__(self) -> str:
        return f"{self.ticket} – {self.get_level_display()}"

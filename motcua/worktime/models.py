"""Working-calendar data (lịch làm việc): editable by administrators, read by the clock through
``selectors.get_calendar`` as an immutable in-memory ``WorkCalendar``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .constants import DayKind, EntrySource, Weekday


class Calendar(models.Model):
    """The national working calendar (agency empty) or one agency's override of it."""

    name = models.CharField(
        _("tên lịch"),
        max_length=255,
        help_text=_("Tên lịch làm việc, ví dụ: Lịch làm việc của cơ quan hành chính nhà nước."),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan, đơn vị áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Để trống: lịch chung toàn quốc. Chọn cơ quan, đơn vị: lịch riêng áp dụng cho đơn vị "
            "đó và các đơn vị cấp dưới; chỉ ghi những ngày và giờ làm việc khác lịch chung."
        ),
    )
    note = models.TextField(
        _("ghi chú"),
        blank=True,
        help_text=_("Căn cứ, văn bản quy định giờ làm việc hoặc ghi chú khác."),
    )
    revision = models.PositiveIntegerField(
        _("phiên bản dữ liệu"),
        default=0,
        editable=False,
        help_text=_("Tăng mỗi khi giờ làm việc hoặc ngày nghỉ của lịch thay đổi."),
    )
    changed_at = models.DateTimeField(
        _("thay đổi lúc"),
        default=timezone.now,
        editable=False,
        help_text=_("Thời điểm dữ liệu của lịch thay đổi lần cuối."),
    )

    class Meta:
        verbose_name = _("lịch làm việc")
        verbose_name_plural = _("lịch làm việc")
        ordering = ["agency__path", "name"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("agency", Value(0)), name="worktime_one_calendar_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.agency_id is None


class WorkingSession(models.Model):
    """A weekly working session (buổi làm việc), e.g. Monday 07:30–11:30."""

    calendar = models.ForeignKey(
        Calendar,
        verbose_name=_("lịch làm việc"),
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text=_("Lịch làm việc có buổi làm việc này."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("thứ"),
        choices=Weekday.choices,
        help_text=_("Ngày trong tuần có buổi làm việc (Thứ Hai … Chủ Nhật)."),
    )
    start_time = models.TimeField(
        _("giờ bắt đầu"), help_text=_("Giờ bắt đầu buổi làm việc, giờ Việt Nam (ví dụ 07:30).")
    )
    end_time = models.TimeField(
        _("giờ kết thúc"), help_text=_("Giờ kết thúc buổi làm việc, giờ Việt Nam (ví dụ 11:30).")
    )

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("giờ làm việc hằng tuần")
        ordering = ["calendar", "weekday", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "weekday", "start_time"], name="worktime_session_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="worktime_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.start_time and self.end_time and self.calendar_id is not None:
            overlapping = WorkingSession.objects.filter(
                calendar_id=self.calendar_id,
                weekday=self.weekday,
                start_time__lt=self.end_time,
                end_time__gt=self.start_time,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(_("Buổi làm việc này trùng giờ với một buổi khác cùng thứ."))


class DayEntry(models.Model):
    """A dated exception to the weekly sessions: a day off (ngày nghỉ lễ, tết, nghỉ bù, nghỉ do
    hoán đổi) or a make-up working day (ngày làm bù)."""

    calendar = models.ForeignKey(
        Calendar,
        verbose_name=_("lịch làm việc"),
        on_delete=models.CASCADE,
        related_name="days",
        help_text=_("Lịch làm việc có ngày này."),
    )
    date = models.DateField(
        pgettext_lazy("calendar date", "ngày"),
        help_text=_("Ngày dương lịch (đã quy đổi từ âm lịch)."),
    )
    kind = models.CharField(
        _("loại ngày"),
        max_length=20,
        choices=DayKind.choices,
        help_text=_(
            "Nghỉ lễ, tết (Bộ luật Lao động Điều 112); nghỉ bù (Điều 111 khoản 3); nghỉ do hoán "
            "đổi ngày làm việc; ngày nghỉ khác; hoặc ngày làm bù (ngày cuối tuần đi làm)."
        ),
    )
    name = models.CharField(
        _("tên ngày"),
        max_length=255,
        help_text=_("Tên ngày lễ hoặc lý do, hiển thị trong giải trình cách tính ngày hẹn trả."),
    )
    swapped_with = models.DateField(
        _("ngày hoán đổi"),
        null=True,
        blank=True,
        help_text=_(
            "Với ngày nghỉ do hoán đổi: ngày làm bù tương ứng; với ngày làm bù: ngày nghỉ "
            "tương ứng."
        ),
    )
    schedule_weekday = models.PositiveSmallIntegerField(
        _("làm việc theo giờ của"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_(
            "Chỉ dùng cho ngày làm bù: ngày này làm việc theo các buổi làm việc của thứ được chọn "
            "(thường là thứ của ngày nghỉ được hoán đổi)."
        ),
    )
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        choices=EntrySource.choices,
        default=EntrySource.MANUAL,
        help_text=_(
            "Thư viện holidays (tính theo Bộ luật Lao động), thông báo của Chính phủ, hoặc quản "
            "trị viên nhập."
        ),
    )
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=500,
        blank=True,
        help_text=_("Văn bản quy định hoặc thông báo ngày nghỉ, ngày làm bù."),
    )
    confirmed = models.BooleanField(
        _("đã xác nhận"),
        default=True,
        help_text=_(
            "Bỏ chọn nếu ngày này mới là dự kiến, chưa có văn bản chính thức; giải trình sẽ ghi "
            "rõ là ngày nghỉ dự kiến."
        ),
    )
    note = models.TextField(
        _("ghi chú"), blank=True, help_text=_("Điều cần xác nhận hoặc ghi chú của quản trị viên.")
    )
    updated_at = models.DateTimeField(
        _("cập nhật lúc"), auto_now=True, help_text=_("Thời điểm sửa đổi lần cuối.")
    )

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="worktime_day_unique_date"),
        ]
        indexes = [models.Index(fields=["date"], name="worktime_day_date_idx")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}: {self.name}"


class CalendarYear(models.Model):
    """A year whose public holidays were copied into the national calendar (năm đã lập lịch).

    While this row exists the year is not copied again, so administrators' corrections stay."""

    calendar = models.ForeignKey(
        Calendar,
        verbose_name=_("lịch làm việc"),
        on_delete=models.CASCADE,
        related_name="years",
        help_text=_("Lịch làm việc đã được lập ngày nghỉ cho năm này."),
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), help_text=_("Năm dương lịch đã lập ngày nghỉ lễ, tết và ngày làm bù.")
    )
    materialised_at = models.DateTimeField(
        _("lập lúc"), default=timezone.now, help_text=_("Thời điểm lập ngày nghỉ cho năm này.")
    )
    source_version = models.CharField(
        _("nguồn dữ liệu"),
        max_length=100,
        blank=True,
        help_text=_("Phiên bản thư viện ngày lễ đã dùng để lập lịch năm này."),
    )

    class Meta:
        verbose_name = _("năm đã lập lịch")
        verbose_name_plural = _("năm đã lập lịch")
        ordering = ["calendar", "year"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "year"], name="worktime_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.calendar} – {self.year}"

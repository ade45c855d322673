"""Indicator definitions of Decision 766 as dated data: which indicators are scored, their
targets and points change with the configuration in force (domain.md §9)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Group


class IndicatorSetQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> IndicatorSet | None:
        return (
            self.filter(valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )


class IndicatorSet(models.Model):
    """One configuration of the 766 index (bộ chỉ số): the 2022 split of the Decision, or the
    split of the live DVCQG dashboard."""

    name = models.CharField(
        _("tên"), max_length=100, unique=True, help_text=_("Ví dụ “QĐ 766/2022”.")
    )
    source = models.CharField(
        _("nguồn"), max_length=500, blank=True, help_text=_("Văn bản, trang công bố cấu hình này.")
    )
    valid_from = models.DateField(_("áp dụng từ"), help_text=_("Ngày bắt đầu áp dụng."))
    valid_to = models.DateField(
        _("áp dụng đến"), null=True, blank=True, help_text=_("Ngày cuối cùng áp dụng.")
    )

    objects = IndicatorSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ chỉ số 766")
        verbose_name_plural = _("bộ chỉ số 766")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name


class IndicatorWeight(models.Model):
    """One indicator of a configuration: its group, points and target."""

    indicator_set = models.ForeignKey(
        IndicatorSet,
        verbose_name=_("bộ chỉ số"),
        on_delete=models.CASCADE,
        related_name="weights",
        help_text=_("Cấu hình chứa chỉ số này."),
    )
    indicator = models.CharField(
        _("mã chỉ số"), max_length=10, help_text=_("Mã chỉ số theo QĐ 766, ví dụ “2.1”, “3.5a”.")
    )
    group = models.CharField(
        _("nhóm"), max_length=4, choices=Group.choices, help_text=_("Nhóm chỉ số.")
    )
    name = models.CharField(_("tên chỉ số"), max_length=300, help_text=_("Tên chỉ số."))
    max_points = models.DecimalField(
        _("điểm tối đa"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Điểm tối đa (Pmax); 0 với chỉ số chỉ theo dõi, không tính điểm."),
    )
    target = models.DecimalField(
        _("chỉ tiêu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Chỉ tiêu T (%): đạt T thì được đủ điểm; trống thì tính tuyến tính đến 100%."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("Thứ tự hiển thị."))

    class Meta:
        verbose_name = _("chỉ số 766")
        verbose_name_plural = _("chỉ số 766")
        ordering = ["indicator_set", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "indicator"], name="reports_weight_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.max_points})"

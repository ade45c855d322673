"""Rules that change with the law, as effective-dated data. A dossier keeps the rule set in force
on the day it was received (domain.md §1: transition clauses)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> RuleSet:
        rules = (
            self.filter(valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )
        if rules is None:
            raise RuleSet.DoesNotExist(f"No dossier rule set is in force on {day.isoformat()}.")
        return rules


class RuleSet(models.Model):
    """The dossier rules of one legal regime (ND 61/2018 + TT 01/2018, then ND 118/2025 +
    TT 03/2025). Values marked unconfirmed in the domain reference are kept here, not in code."""

    name = models.CharField(
        _("tên"), max_length=100, unique=True, help_text=_("Ví dụ “NĐ 118/2025”.")
    )
    legal_basis = models.CharField(
        _("căn cứ"), max_length=255, help_text=_("Văn bản quy định các quy tắc này.")
    )
    valid_from = models.DateField(_("áp dụng từ"), help_text=_("Ngày bắt đầu áp dụng."))
    valid_to = models.DateField(
        _("áp dụng đến"), null=True, blank=True, help_text=_("Ngày cuối cùng áp dụng.")
    )
    code_format = models.CharField(
        _("định dạng mã hồ sơ"),
        max_length=100,
        default="{unit}-{day:%y%m%d}-{seq:04d}",
        help_text=_(
            "Mã hồ sơ (TT 01/2018 Điều 19): mã định danh đơn vị tiếp nhận, ngày tiếp nhận "
            "YYMMDD, số thứ tự trong ngày; các trường {unit}, {day}, {seq}."
        ),
    )
    intake_confirmation_hours = models.DecimalField(
        _("thời hạn xác nhận hồ sơ trực tuyến (giờ làm việc)"),
        max_digits=5,
        decimal_places=2,
        default=8,
        help_text=_(
            "Thời hạn Bộ phận Một cửa xác nhận hoặc hướng dẫn bổ sung hồ sơ nộp trực tuyến "
            "(NĐ 45/2020)."
        ),
    )
    supplement_deadline_days = models.DecimalField(
        _("hạn yêu cầu bổ sung sau thẩm định (ngày làm việc)"),
        max_digits=5,
        decimal_places=2,
        default=3,
        help_text=_(
            "Yêu cầu bổ sung sau khi tiếp nhận chỉ trong số ngày làm việc này kể từ khi tiếp "
            "nhận (NĐ 61/2018 Điều 19 khoản 4)."
        ),
    )
    supplement_restarts_deadline = models.BooleanField(
        _("bổ sung xong thì tính lại thời hạn từ đầu"),
        default=True,
        help_text=_(
            "“Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ” (NĐ 61/2018 "
            "Điều 19 khoản 4). Nếu tắt, thời hạn chỉ lùi bằng thời gian tạm dừng."
        ),
    )
    max_reappointments = models.PositiveSmallIntegerField(
        _("số lần hẹn lại tối đa"),
        default=1,
        help_text=_("Xin lỗi, hẹn lại ngày trả “không quá một lần” (NĐ 61/2018 Điều 19 khoản 9)."),
    )
    reappointment_lead_days = models.DecimalField(
        _("hẹn lại trước hạn ít nhất (ngày làm việc)"),
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text=_("Văn bản xin lỗi, hẹn lại gửi chậm nhất trước hạn trả chừng này ngày."),
    )
    max_supplements_on_time = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung tối đa vẫn tính đúng hạn (thống kê)"),
        default=1,
        help_text=_("Thống kê 766: yêu cầu bổ sung nhiều hơn số lần này thì hồ sơ tính quá hạn."),
    )
    form_set = models.CharField(
        _("bộ biểu mẫu"),
        max_length=20,
        help_text=_("Bộ biểu mẫu áp dụng: “2018” (TT 01/2018) hoặc “2025” (TT 03/2025)."),
    )

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ quy tắc hồ sơ")
        verbose_name_plural = _("bộ quy tắc hồ sơ")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name

    def format_code(self, *, unit: str, day: datetime.date, seq: int) -> str:
        return self.code_format.format(unit=unit, day=day, seq=seq)


class CodeCounter(models.Model):
    """The daily sequence of dossier codes of one receiving unit. One row per unit and day,
    incremented by one statement and locked from then until the filing commits (so a rolled-back
    filing leaves no gap); filings take their code last, so the lock spans only their history
    rows and the commit, and units never wait on each other."""

    unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    day = models.DateField(help_text=_("Ngày tiếp nhận (giờ Việt Nam)."), verbose_name=_("ngày"))
    last = models.PositiveIntegerField(
        default=0, help_text=_("Số thứ tự đã cấp gần nhất."), verbose_name=_("số thứ tự cuối")
    )

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="code_counter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day}: {self.last}"

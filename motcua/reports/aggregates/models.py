"""The aggregate tables. Every key column is NOT NULL (empty strings, not NULL) so that a row is
found by equality and upserted with ``ON CONFLICT`` on PostgreSQL and SQLite alike."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# The last day of a span still open: it holds at every later period end.
OPEN_UNTIL = datetime.date(9999, 12, 31)


class Flow(models.TextChoices):
    RECEIVED = "received", _("tiếp nhận")
    FINISHED = "finished", _("kết thúc xử lý")


class FlowCounts(models.Model):
    """Dossiers received, or ended, per unit × procedure version × channel × outcome ×
    punctuality × attributes × rule set, in one day or one month."""

    unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Cơ quan giải quyết hồ sơ."),
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Phiên bản thủ tục hồ sơ được tiếp nhận theo."),
    )
    channel = models.CharField(_("kênh"), max_length=10, help_text=_("Kênh nộp hồ sơ."))
    flow = models.CharField(
        _("sự kiện"), max_length=10, choices=Flow.choices, help_text=_("Tiếp nhận hay kết thúc.")
    )
    outcome = models.CharField(
        _("kết quả"),
        max_length=20,
        blank=True,
        help_text=_("Kết quả xử lý (hiện tại với dòng tiếp nhận); trống khi chưa kết thúc."),
    )
    punctuality = models.CharField(
        _("đúng hạn"),
        max_length=10,
        blank=True,
        help_text=_("Trước hạn / đúng hạn / quá hạn khi kết thúc (dòng kết thúc)."),
    )
    flags = models.PositiveIntegerField(
        _("thuộc tính"), help_text=_("Thuộc tính hiện tại của hồ sơ (bit, xem aggregates.keys).")
    )
    dossiers = models.IntegerField(_("số hồ sơ"), help_text=_("Số hồ sơ."))
    resolved_micros = models.BigIntegerField(
        _("thời gian giải quyết"),
        default=0,
        help_text=_("Tổng thời gian làm việc để giải quyết (micro giây), đã trừ tạm dừng."),
    )
    rules = models.ForeignKey(
        "dossiers.RuleSet",
        verbose_name=_("bộ quy tắc"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Bộ quy tắc hồ sơ được tiếp nhận theo."),
    )

    class Meta:
        abstract = True


class DailyFlow(FlowCounts):
    """Dossiers received, or ended, on one local day (số hồ sơ tiếp nhận / kết thúc trong
    ngày)."""

    day = models.DateField(_("ngày"), help_text=_("Ngày (giờ Việt Nam) của sự kiện."))

    class Meta:
        verbose_name = _("số liệu ngày")
        verbose_name_plural = _("số liệu ngày")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "unit",
                    "procedure_version",
                    "channel",
                    "flow",
                    "outcome",
                    "punctuality",
                    "flags",
                    "rules",
                ],
                name="reports_dailyflow_key",
            )
        ]
        indexes = [models.Index(fields=["unit", "day"], name="reports_flow_unit_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.flow} {self.dossiers}"


class MonthlyFlow(FlowCounts):
    """The same counts per calendar month (số liệu tháng): a year's report reads twelve months
    and the days at its edges instead of every day."""

    month = models.DateField(_("tháng số liệu"), help_text=_("Ngày đầu tháng."))

    class Meta:
        verbose_name = _("số liệu tháng")
        verbose_name_plural = _("số liệu tháng")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "month",
                    "unit",
                    "procedure_version",
                    "channel",
                    "flow",
                    "outcome",
                    "punctuality",
                    "flags",
                    "rules",
                ],
                name="reports_monthlyflow_key",
            )
        ]
        indexes = [models.Index(fields=["unit", "month"], name="reports_flow_unit_month")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.flow} {self.dossiers}"


class StateSpan(models.Model):
    """Dossiers that stayed in one state (in progress, waiting for a supplement or a financial
    obligation; within time or overdue) at every midnight after ``since`` up to ``until``
    (số hồ sơ đang xử lý / tạm dừng tại cuối kỳ)."""

    unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Cơ quan giải quyết hồ sơ."),
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Phiên bản thủ tục hồ sơ được tiếp nhận theo."),
    )
    channel = models.CharField(_("kênh"), max_length=10, help_text=_("Kênh nộp hồ sơ."))
    state = models.CharField(_("tình trạng"), max_length=20, help_text=_("Tình trạng."))
    flags = models.PositiveIntegerField(_("thuộc tính"), help_text=_("Thuộc tính hiện tại."))
    since = models.DateField(
        _("từ sau ngày"), help_text=_("Ngày bắt đầu: tính từ nửa đêm cuối ngày này.")
    )
    until = models.DateField(
        _("đến ngày"),
        help_text=_("Ngày kết thúc: còn tính tại nửa đêm đầu ngày này; 9999-12-31 khi chưa hết."),
    )
    dossiers = models.IntegerField(_("số hồ sơ"), help_text=_("Số hồ sơ."))
    rules = models.ForeignKey(
        "dossiers.RuleSet",
        verbose_name=_("bộ quy tắc"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Bộ quy tắc hồ sơ được tiếp nhận theo."),
    )

    class Meta:
        verbose_name = _("khoảng tình trạng")
        verbose_name_plural = _("khoảng tình trạng")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "procedure_version",
                    "channel",
                    "state",
                    "flags",
                    "since",
                    "until",
                    "rules",
                ],
                name="reports_statespan_key",
            )
        ]
        indexes = [models.Index(fields=["unit", "until", "since"], name="reports_span_unit_until")]

    def __str__(self) -> str:
        return f"{self.state} {self.since}–{self.until} {self.dossiers}"


class DossierContribution(models.Model):
    """What one dossier added to the aggregates, so that its next change subtracts exactly
    that (phần đóng góp của hồ sơ vào số liệu tổng hợp)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    flows = models.JSONField(_("dòng sự kiện"), default=list)
    spans = models.JSONField(_("khoảng tình trạng"), default=list)

    class Meta:
        verbose_name = _("đóng góp của hồ sơ")
        verbose_name_plural = _("đóng góp của hồ sơ")

    def __str__(self) -> str:
        return str(self.dossier_id)

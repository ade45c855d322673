"""The aggregate tables. Each row holds additive counts for one key at one **grain** — a day, a
calendar month or a calendar year — so that a period is read as its whole years, then whole
months, then the days at its edges (``tally.cover``). Every key column is NOT NULL (empty
strings, not NULL) so that a row is found by equality and upserted with ``ON CONFLICT`` on
PostgreSQL and SQLite alike."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Flow(models.TextChoices):
    RECEIVED = "received", _("tiếp nhận")
    FINISHED = "finished", _("kết thúc xử lý")


class Grain(models.TextChoices):
    DAY = "d", _("ngày")
    MONTH = "m", _("tháng")
    YEAR = "y", _("năm")


# The counted attributes of the dossiers of a flow row (thuộc tính hồ sơ), each the number of
# its dossiers having it. Combinations that an indicator needs are counted as such.
FLOW_ATTRIBUTES = {
    "fee": _("có phí, lệ phí"),
    "paid_online": _("thanh toán trực tuyến"),
    "fee_paid_online": _("có phí và thanh toán trực tuyến"),
    "digitized": _("có thành phần được số hóa"),
    "digitized_e_missing": _("số hóa, có kết quả nhưng chưa có kết quả điện tử"),
    "e_missing": _("có kết quả nhưng chưa có kết quả điện tử"),
    "reused": _("tái sử dụng thành phần"),
    "shared": _("dùng kho dữ liệu hoặc có kết quả điện tử"),
    "population": _("dùng dữ liệu dân cư"),
    "has_result": _("có kết quả"),
    "complaint": _("không hài lòng hoặc bị phản ánh"),
}
FLOW_KEY = (
    "unit_id",
    "procedure_version_id",
    "channel",
    "flow",
    "outcome",
    "punctuality",
    "rules_id",
)
FLOW_VALUES = ("dossiers", "resolved_micros", *FLOW_ATTRIBUTES)
STOCK_KEY = ("unit_id", "procedure_version_id", "channel", "state", "rules_id")
STOCK_VALUES = ("dossiers", "complaint")


class Counted(models.Model):
    """What every aggregate row shares: its grain and start, the resolving unit, the procedure
    version and rule set the dossiers were received under, and the channel."""

    grain = models.CharField(
        _("đơn vị thời gian"), max_length=1, choices=Grain.choices, help_text=_("Ngày, tháng, năm.")
    )
    start = models.DateField(
        _("bắt đầu"), help_text=_("Ngày (giờ Việt Nam), ngày đầu tháng hoặc ngày đầu năm.")
    )
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
    rules = models.ForeignKey(
        "dossiers.RuleSet",
        verbose_name=_("bộ quy tắc"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Bộ quy tắc hồ sơ được tiếp nhận theo."),
    )
    dossiers = models.IntegerField(_("số hồ sơ"), help_text=_("Số hồ sơ."))
    complaint = models.IntegerField(
        _("không hài lòng / bị phản ánh"),
        default=0,
        help_text=_("Số hồ sơ bị đánh giá không hài lòng hoặc được nêu trong một phản ánh."),
    )

    class Meta:
        abstract = True


def _count(name: str) -> models.IntegerField:
    return models.IntegerField(
        FLOW_ATTRIBUTES[name],
        default=0,
        help_text=_("Số hồ sơ có thuộc tính này (thuộc tính hiện tại của hồ sơ)."),
    )


class FlowCount(Counted):
    """Dossiers received, or ended, per grain × unit × procedure version × channel × outcome ×
    punctuality × rule set, with how many of them have each counted attribute (số hồ sơ tiếp
    nhận / kết thúc xử lý)."""

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
    resolved_micros = models.BigIntegerField(
        _("thời gian giải quyết"),
        default=0,
        help_text=_("Tổng thời gian làm việc để giải quyết (micro giây), đã trừ tạm dừng."),
    )
    fee = _count("fee")
    paid_online = _count("paid_online")
    fee_paid_online = _count("fee_paid_online")
    digitized = _count("digitized")
    digitized_e_missing = _count("digitized_e_missing")
    e_missing = _count("e_missing")
    reused = _count("reused")
    shared = _count("shared")
    population = _count("population")
    has_result = _count("has_result")

    class Meta:
        verbose_name = _("số hồ sơ tiếp nhận / kết thúc")
        verbose_name_plural = _("số hồ sơ tiếp nhận / kết thúc")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "start", *(f.removesuffix("_id") for f in FLOW_KEY)],
                name="reports_flowcount_key",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "grain", "start"], name="reports_flow_unit_grain"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.start} {self.flow} {self.dossiers}"


class StockChange(Counted):
    """How the number of open dossiers in one state (in progress, waiting for a supplement or a
    financial obligation; within time or overdue) changes at the first instant of the days of a
    grain (biến động số hồ sơ đang xử lý / tạm dừng). The dossiers in a state at the first
    instant of day D are the sum of the changes of every day up to D, read as whole years, whole
    months and days: the same few rows whatever the number of dossiers."""

    state = models.CharField(_("tình trạng"), max_length=20, help_text=_("Tình trạng."))

    class Meta:
        verbose_name = _("biến động hồ sơ đang mở")
        verbose_name_plural = _("biến động hồ sơ đang mở")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "start", *(f.removesuffix("_id") for f in STOCK_KEY)],
                name="reports_stockchange_key",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "grain", "start"], name="reports_stock_unit_grain"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.start} {self.state} {self.dossiers:+d}"


class DossierContribution(models.Model):
    """What one dossier added to the aggregates (at day grain), so that its next change
    subtracts exactly that (phần đóng góp của hồ sơ vào số liệu tổng hợp)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    flows = models.JSONField(_("dòng sự kiện"), default=list)
    stock = models.JSONField(_("biến động tình trạng"), default=list)

    class Meta:
        verbose_name = _("đóng góp của hồ sơ")
        verbose_name_plural = _("đóng góp của hồ sơ")

    def __str__(self) -> str:
        return str(self.dossier_id)

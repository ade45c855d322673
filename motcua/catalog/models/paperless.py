"""Paperless days (ngày không tiếp nhận hồ sơ giấy): dated rules under which a one-stop desk takes
no paper application for a procedure offered fully online, and files it online with the
applicant instead (assisted online filing). The practice is local (a province's or a unit's own
decision, "một số TTHC, một số ngày không nộp hồ sơ bằng bản giấy"), so every rule is data with
its effective dates and the decision it comes from [unconfirmed: no national text fixes days]."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ nhật")),
]


class PaperlessRule(models.Model):
    """At ``unit``, from ``valid_from`` to ``valid_to``: on the listed weekdays, paper
    applications of the listed procedures (every fully online procedure when none is listed)
    are not taken at the desk; with ``organisations_always``, an organisation's application is
    not taken on paper on any day of the period."""

    unit = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("Bộ phận Một cửa"),
        on_delete=models.PROTECT,
        related_name="paperless_rules",
        help_text=_("Bộ phận Một cửa, Trung tâm Phục vụ hành chính công áp dụng quy định."),
    )
    weekdays = models.JSONField(
        _("các ngày trong tuần"),
        default=list,
        blank=True,
        help_text=_("Các ngày không nhận hồ sơ giấy (0 = Thứ Hai … 6 = Chủ nhật)."),
    )
    procedures = models.ManyToManyField(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        blank=True,
        related_name="paperless_rules",
        help_text=_(
            "Chỉ thủ tục cung cấp dịch vụ công trực tuyến toàn trình; để trống: mọi thủ tục "
            "trực tuyến toàn trình."
        ),
    )
    organisations_always = models.BooleanField(
        _("tổ chức luôn nộp trực tuyến"),
        default=False,
        help_text=_(
            "Doanh nghiệp, tổ chức, cơ quan nhà nước không nộp hồ sơ giấy vào mọi ngày trong thời "
            "gian hiệu lực (trừ khi luật yêu cầu bản giấy: khi đó không liệt kê thủ tục đó)."
        ),
    )
    valid_from = models.DateField(_("có hiệu lực từ"), help_text=_("Ngày đầu áp dụng."))
    valid_to = models.DateField(
        _("hết hiệu lực sau"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối áp dụng (trống: chưa có ngày kết thúc)."),
    )
    decision = models.CharField(
        _("văn bản quyết định"),
        max_length=255,
        blank=True,
        help_text=_("Số, ngày của văn bản quy định ngày không nhận hồ sơ giấy."),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("quy định ngày không nhận hồ sơ giấy")
        verbose_name_plural = _("quy định ngày không nhận hồ sơ giấy")
        ordering = ["unit", "-valid_from"]
        indexes = [models.Index(fields=["unit", "valid_from"], name="paperless_unit_from")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.days_text()}"

    def days_text(self) -> str:
        names = dict(WEEKDAYS)
        days = ", ".join(str(names[d]) for d in sorted(self.weekdays or []) if d in names)
        if self.organisations_always:
            always = str(_("tổ chức: mọi ngày"))
            return f"{days}; {always}" if days else always
        return days

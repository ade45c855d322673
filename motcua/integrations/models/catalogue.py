"""Pulls of the national procedure database (CSDL quốc gia về TTHC) into the catalogue: when,
by whom, what came, what differed from the local versions and which drafts were made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PullMode(models.TextChoices):
    ALL = "all", _("Toàn bộ danh mục")
    CHANGED = "changed", _("Thủ tục thay đổi từ lần lấy trước")
    CODES = "codes", _("Một số thủ tục chỉ định")


class PullOutcome(models.TextChoices):
    RUNNING = "running", _("Đang lấy")
    OK = "ok", _("Hoàn tất")
    PARTIAL = "partial", _("Hoàn tất, có thủ tục lỗi")
    FAILED = "failed", _("Thất bại")


class ItemOutcome(models.TextChoices):
    NEW = "new", _("Thủ tục mới")
    CHANGED = "changed", _("Có thay đổi")
    UNCHANGED = "unchanged", _("Không thay đổi")
    ALREADY_DRAFTED = "already_drafted", _("Thay đổi đã có bản nháp từ lần lấy trước")
    FAILED = "failed", _("Lỗi")


class CataloguePull(models.Model):
    """One pull of the national procedure database (lấy danh mục TTHC từ CSDL quốc gia)."""

    started_at = models.DateTimeField(_("bắt đầu lúc"), help_text=_("Thời điểm bắt đầu lấy."))
    finished_at = models.DateTimeField(
        _("kết thúc lúc"), null=True, blank=True, help_text=_("Thời điểm kết thúc (nếu đã xong).")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Tài khoản đã yêu cầu; trống nếu chạy bằng lệnh hoặc lịch tự động."),
    )
    mode = models.CharField(
        _("phạm vi"),
        max_length=20,
        choices=PullMode.choices,
        help_text=_("Toàn bộ, chỉ thủ tục thay đổi từ một ngày, hoặc một số mã thủ tục."),
    )
    since = models.DateField(
        _("thay đổi từ ngày"),
        null=True,
        blank=True,
        help_text=_("Chỉ lấy thủ tục cập nhật từ ngày này (NgayCapNhat), nếu phạm vi là thay đổi."),
    )
    outcome = models.CharField(
        _("kết quả"),
        max_length=20,
        choices=PullOutcome.choices,
        default=PullOutcome.RUNNING,
        help_text=_("Hoàn tất, hoàn tất có lỗi hoặc thất bại."),
    )
    listed = models.PositiveIntegerField(
        _("số thủ tục nhận"), default=0, help_text=_("Số thủ tục Cổng DVCQG trả về.")
    )
    new = models.PositiveIntegerField(_("thủ tục mới"), default=0, help_text=_("Chưa có ở tỉnh."))
    changed = models.PositiveIntegerField(
        _("có thay đổi"), default=0, help_text=_("Khác phiên bản mới nhất của tỉnh.")
    )
    unchanged = models.PositiveIntegerField(
        _("không đổi"), default=0, help_text=_("Giống phiên bản mới nhất của tỉnh.")
    )
    already_drafted = models.PositiveIntegerField(
        _("đã có bản nháp"),
        default=0,
        help_text=_("Thay đổi đã tạo bản nháp ở lần lấy trước; không tạo bản nháp thứ hai."),
    )
    failed = models.PositiveIntegerField(
        _("thủ tục lỗi"), default=0, help_text=_("Thủ tục không lấy hoặc không ghi được.")
    )
    drafts = models.PositiveIntegerField(
        _("bản nháp đã tạo"), default=0, help_text=_("Số phiên bản nháp tạo ra trong lần lấy này.")
    )
    error = models.TextField(
        _("lỗi"), blank=True, help_text=_("Lỗi khiến lần lấy dừng lại (Cổng không trả lời …).")
    )

    class Meta:
        verbose_name = _("lần lấy danh mục TTHC quốc gia")
        verbose_name_plural = _("lấy danh mục TTHC quốc gia")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return (
            f"{timezone.localtime(self.started_at):%H:%M %d/%m/%Y} – {self.get_outcome_display()}"
        )


class CataloguePullItem(models.Model):
    """One procedure of a pull: how it compared with the local latest version and the draft
    made from it. ``fingerprint`` identifies the national content, so that the same national
    change never makes a second draft."""

    pull = models.ForeignKey(
        CataloguePull,
        verbose_name=_("lần lấy"),
        on_delete=models.CASCADE,
        related_name="items",
        help_text=_("Lần lấy danh mục."),
    )
    code = models.CharField(_("mã thủ tục"), max_length=40, help_text=_("MaTTHC."))
    name = models.CharField(
        _("tên thủ tục"), max_length=500, blank=True, help_text=_("TenTTHC như Cổng trả về.")
    )
    outcome = models.CharField(
        _("kết quả so sánh"),
        max_length=20,
        choices=ItemOutcome.choices,
        help_text=_("Mới, có thay đổi, không đổi, đã có bản nháp, hoặc lỗi."),
    )
    national_updated = models.CharField(
        _("cập nhật trên CSDL quốc gia"),
        max_length=14,
        blank=True,
        help_text=_("NgayCapNhat của thủ tục, yyyyMMddHHmmss."),
    )
    fingerprint = models.CharField(
        _("dấu vân nội dung"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 của nội dung quốc gia (trừ ngày cập nhật)."),
    )
    changes = models.JSONField(
        _("khác biệt"),
        default=list,
        blank=True,
        help_text=_("Các mục khác phiên bản của tỉnh: nhãn, trước, sau."),
    )
    base_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản so sánh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Phiên bản mới nhất của tỉnh lúc so sánh."),
    )
    draft = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("bản nháp tạo ra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Phiên bản nháp mang nội dung quốc gia, chờ bổ sung và công bố."),
    )
    error = models.TextField(_("lỗi"), blank=True, help_text=_("Vì sao không ghi được."))

    class Meta:
        verbose_name = _("thủ tục trong lần lấy")
        verbose_name_plural = _("thủ tục trong lần lấy")
        ordering = ["pull", "code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.get_outcome_display()}"

"""The demo national payment platform's own books, independent of our transactions, so that the
look-up by MaTraCuuTT and the reconciliation compare two real sources; and its failure switch."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaygovBillStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    CANCELLED = "cancelled", _("Người nộp hủy")


class PaygovBill(models.Model):
    """A payment request as the demo platform recorded it (khoản thanh toán trên nền tảng)."""

    lookup_code = models.CharField(
        _("mã tra cứu thanh toán"),
        max_length=20,
        unique=True,
        help_text=_("MaTraCuuTT do hệ thống một cửa sinh và gửi kèm yêu cầu."),
    )
    partner = models.CharField(
        _("mã đối tác"), max_length=40, help_text=_("MaDoiTac: hệ thống gửi yêu cầu.")
    )
    reference = models.CharField(
        _("mã tham chiếu của đối tác"),
        max_length=40,
        help_text=_("MaThamChieu: mã giao dịch của hệ thống một cửa."),
    )
    platform_reference = models.CharField(
        _("mã giao dịch của nền tảng"),
        max_length=40,
        unique=True,
        help_text=_("MaGiaoDich do nền tảng cấp."),
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"), max_digits=14, decimal_places=0, help_text=_("TongTien, đồng.")
    )
    request = models.JSONField(
        _("yêu cầu"), help_text=_("Yêu cầu thanh toán nhận được, nguyên văn (đã kiểm chữ ký).")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=PaygovBillStatus.choices,
        default=PaygovBillStatus.PENDING,
        help_text=_("Chờ, đã thanh toán hoặc người nộp hủy."),
    )
    method = models.CharField(
        _("phương thức"), max_length=20, blank=True, help_text=_("Phương thức người nộp chọn.")
    )
    created_at = models.DateTimeField(_("thời điểm nhận"), help_text=_("Lúc nhận yêu cầu."))
    expires_at = models.DateTimeField(_("hết hạn lúc"), help_text=_("ThoiGianHetHan của yêu cầu."))
    decided_at = models.DateTimeField(
        _("thời điểm thanh toán/hủy"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Lúc người nộp thanh toán hoặc hủy."),
    )
    callback_attempts = models.PositiveIntegerField(
        _("số lần gửi thông báo"), default=0, help_text=_("Số lần đã gọi UrlThongBao.")
    )
    callback_answer = models.CharField(
        _("trả lời thông báo gần nhất"),
        max_length=255,
        blank=True,
        help_text=_("Mã và mô tả đối tác trả lời (hoặc lỗi kết nối)."),
    )
    callback_acknowledged_at = models.DateTimeField(
        _("thời điểm đối tác xác nhận"),
        null=True,
        blank=True,
        help_text=_("Lúc đối tác trả lời đã nhận thông báo."),
    )

    class Meta:
        app_label = "payments"
        verbose_name = _("khoản thanh toán trên nền tảng DVCQG demo")
        verbose_name_plural = _("khoản thanh toán trên nền tảng DVCQG demo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.lookup_code} {self.amount} ({self.get_status_display()})"


class PaygovFailure(models.TextChoices):
    NONE = "", _("Hoạt động bình thường")
    ERROR_500 = "500", _("Lỗi máy chủ (HTTP 500)")
    TIMEOUT = "timeout", _("Không trả lời (quá thời gian chờ)")
    MALFORMED = "malformed", _("Trả lời sai định dạng")


class PaygovSwitch(models.Model):
    """The administrator's switch making the demo platform's API fail (one row)."""

    failure = models.CharField(
        _("giả lập sự cố"),
        max_length=10,
        blank=True,
        choices=PaygovFailure.choices,
        default=PaygovFailure.NONE,
        help_text=_(
            "API của nền tảng demo trả lỗi theo cách này; biến môi trường DEMO_PAYGOV_FAIL "
            "được ưu tiên."
        ),
    )

    class Meta:
        app_label = "payments"
        verbose_name = _("công tắc sự cố nền tảng thanh toán DVCQG demo")
        verbose_name_plural = _("công tắc sự cố nền tảng thanh toán DVCQG demo")

    def __str__(self) -> str:
        return str(self.get_failure_display())

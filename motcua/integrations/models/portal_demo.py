"""The demo national portal's own records (the offline twin of DVCQG, served under
/integrations/demo/dvcqg/): what it received, as the real portal would keep it. Nothing of
motcua's own reads these tables except the twin and the tests."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoFailure(models.TextChoices):
    NONE = "", _("Hoạt động bình thường")
    ERROR = "500", _("Lỗi máy chủ (HTTP 500)")
    TIMEOUT = "timeout", _("Không trả lời kịp (quá thời gian chờ)")
    MALFORMED = "malformed", _("Trả lời sai định dạng")


class DemoPortalSwitch(models.Model):
    """The failure switch of the demo portal (one row). ``DEMO_DVCQG_FAIL`` in the environment
    overrides it."""

    failure = models.CharField(
        _("giả lập sự cố"), max_length=20, choices=DemoFailure.choices, blank=True, default=""
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Cổng DVCQG mô phỏng: giả lập sự cố")
        verbose_name_plural = _("Cổng DVCQG mô phỏng: giả lập sự cố")

    def __str__(self) -> str:
        return self.get_failure_display()


class DemoPortalDossier(models.Model):
    """A dossier as the demo portal holds it: the last record received (DongBoHoSoMC)."""

    code = models.CharField(_("mã hồ sơ"), max_length=50, unique=True, help_text=_("MaHoSo."))
    portal_id = models.CharField(_("mã trên Cổng"), max_length=40, unique=True)
    unit_code = models.CharField(_("đơn vị"), max_length=50, blank=True)
    procedure_code = models.CharField(
        _("mã thủ tục"), max_length=50, blank=True, help_text=_("MaTTHC.")
    )
    status = models.PositiveSmallIntegerField(_("trạng thái"), help_text=_("TrangThaiHoSo."))
    received_on = models.DateField(
        _("ngày tiếp nhận"), null=True, blank=True, help_text=_("NgayTiepNhan.")
    )
    record = models.JSONField(_("bản ghi"))
    updates = models.PositiveIntegerField(_("số lần cập nhật"), default=1)
    last_sequence = models.PositiveIntegerField(_("thứ tự mới nhất"), default=0)
    out_of_order = models.PositiveIntegerField(
        _("số lần nhận sai thứ tự"),
        default=0,
        help_text=_("Số thông điệp đến sau một thông điệp mới hơn của cùng hồ sơ."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Cổng DVCQG mô phỏng: hồ sơ")
        verbose_name_plural = _("Cổng DVCQG mô phỏng: hồ sơ")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.code


class DemoPortalProgress(models.Model):
    """One processing step received (CapNhatTienDoHoSoMC)."""

    dossier = models.ForeignKey(
        DemoPortalDossier,
        null=True,
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("hồ sơ"),
    )
    code = models.CharField(_("mã hồ sơ"), max_length=50, db_index=True, help_text=_("MaHoSo."))
    status = models.PositiveSmallIntegerField(_("trạng thái"), help_text=_("TrangThai."))
    at = models.CharField(_("thời điểm xử lý"), max_length=14, help_text=_("ThoiDiemXuLy."))
    item = models.JSONField(_("nội dung"))
    sequence = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("Cổng DVCQG mô phỏng: tiến độ")
        verbose_name_plural = _("Cổng DVCQG mô phỏng: tiến độ")
        ordering = ["code", "sequence", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.status}"


class DemoPortalDelivery(models.Model):
    """Every idempotency key applied, with the answer given: a message sent twice is applied
    once and answered the same."""

    key = models.CharField(_("khóa chống trùng"), max_length=80, unique=True)
    service = models.CharField(_("dịch vụ"), max_length=40)
    answer = models.JSONField(_("trả lời"))
    at = models.DateTimeField(_("thời điểm nhận"), auto_now_add=True)

    class Meta:
        verbose_name = _("Cổng DVCQG mô phỏng: thông điệp đã nhận")
        verbose_name_plural = _("Cổng DVCQG mô phỏng: thông điệp đã nhận")

    def __str__(self) -> str:
        return self.key

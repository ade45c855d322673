"""The population register's records: every look-up (nhật ký tra cứu CSDL quốc gia về dân cư)
and the administrator's failure switch of the demo register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .portal_demo import DemoFailure  # the demo twins share one set of failures


class LookupOutcome(models.TextChoices):
    FOUND = "found", _("Có thông tin")
    NOT_FOUND = "not_found", _("Không có trong CSDL")
    UNAVAILABLE = "unavailable", _("CSDL không phản hồi")
    REFUSED = "refused", _("CSDL từ chối yêu cầu")
    NO_CONSENT = "no_consent", _("Không tra cứu: chưa có sự đồng ý")


class ConsentMethod(models.TextChoices):
    """How the person agreed to the look-up (Decree 13/2023 art. 11: consent must be shown)."""

    AT_DESK = "at_desk", _("Đồng ý trực tiếp tại Bộ phận Một cửa")
    ONLINE = "online", _("Tự đánh dấu đồng ý trên Cổng dịch vụ công")


class RegisterLookup(models.Model):
    """One look-up in the population register (tra cứu CSDL quốc gia về dân cư), whatever its
    outcome, refusals for lack of consent included. Rows are only ever inserted, except the
    dossier, attached when the desk receives the dossier the look-up was for."""

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tra cứu"),
        help_text=_("Cán bộ tại quầy, hoặc công dân tự tra cứu thông tin của mình."),
    )
    officer = models.BooleanField(
        _("cán bộ tra cứu"), help_text=_("Đúng nếu cán bộ tra cứu; sai nếu công dân tự tra cứu.")
    )
    id_number = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        db_index=True,
        help_text=_("Số định danh cá nhân được tra cứu."),
    )
    reason = models.CharField(
        _("lý do tra cứu"), max_length=255, help_text=_("Mục đích tra cứu, do người tra cứu ghi.")
    )
    consent = models.BooleanField(
        _("có sự đồng ý"), help_text=_("Người có thông tin đồng ý cho tra cứu.")
    )
    consent_method = models.CharField(
        _("hình thức đồng ý"),
        max_length=20,
        choices=ConsentMethod.choices,
        help_text=_("Cách ghi nhận sự đồng ý của người có thông tin."),
    )
    provider = models.CharField(
        _("hệ thống được tra cứu"),
        max_length=40,
        blank=True,
        help_text=_("Plugin đã dùng (POPULATION_PROVIDER); trống nếu không gọi."),
    )
    outcome = models.CharField(
        _("kết quả"), max_length=20, choices=LookupOutcome.choices, db_index=True
    )
    fields_returned = models.JSONField(
        _("trường thông tin nhận được"),
        default=list,
        blank=True,
        help_text=_("Tên các trường CSDL trả về (không lưu giá trị)."),
    )
    error = models.CharField(
        _("lỗi"), max_length=255, blank=True, help_text=_("Lỗi kỹ thuật khi gọi CSDL (nếu có).")
    )
    request_id = models.CharField(
        _("mã yêu cầu"),
        max_length=40,
        unique=True,
        help_text=_("Mã của yêu cầu gửi CSDL (MaYeuCau), để đối chiếu với nhật ký của CSDL."),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("hồ sơ"),
        help_text=_("Hồ sơ mà việc tra cứu phục vụ (nếu đã có)."),
    )

    class Meta:
        verbose_name = _("lượt tra cứu CSDL dân cư")
        verbose_name_plural = _("nhật ký tra cứu CSDL dân cư")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.id_number} {self.outcome}"


class DemoRegisterSwitch(models.Model):
    """The demo register's failure switch, set by an administrator (one row). The environment
    variable DEMO_POPULATION_FAIL, when set, wins over it."""

    failure = models.CharField(
        _("giả lập sự cố"),
        max_length=20,
        choices=DemoFailure.choices,
        blank=True,
        default=DemoFailure.NONE,
        help_text=_("Cách CSDL dân cư mô phỏng trả lời sai, để thử khi CSDL gặp sự cố."),
    )

    class Meta:
        verbose_name = _("CSDL dân cư mô phỏng")
        verbose_name_plural = _("CSDL dân cư mô phỏng")

    def __str__(self) -> str:
        return str(self.get_failure_display())

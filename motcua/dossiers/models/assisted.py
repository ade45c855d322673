"""Assisted online filing (nộp trực tuyến có hỗ trợ): a desk officer files an online dossier with
the applicant, under the applicant's own account, once the applicant has shown they are present
and agree — by signing in (VNeID) or by a one-time code sent to their phone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    CODE = "code", _("Mã đồng ý gửi qua tin nhắn")
    SIGNIN = "signin", _("Công dân đăng nhập (VNeID) và xác nhận")


class AssistedConsent(models.Model):
    """The applicant's consent to be assisted by one officer at one desk, for a limited time.
    The code is kept hashed only; a wrong code counts an attempt, and the consent is void after
    ``MAX_ATTEMPTS`` of them or when it expires."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assisted_consents_given",
        verbose_name=_("cán bộ hỗ trợ"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assisted_consents",
        verbose_name=_("tài khoản chủ hồ sơ"),
        help_text=_("Tài khoản trên Cổng mà hồ sơ được nộp bằng."),
    )
    unit = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Bộ phận Một cửa"),
    )
    method = models.CharField(_("cách xác nhận"), max_length=10, choices=ConsentMethod.choices)
    code_hash = models.CharField(
        _("mã đồng ý (đã băm)"), max_length=64, blank=True, help_text=_("Không lưu mã gốc.")
    )
    token = models.CharField(
        _("mã liên kết xác nhận"),
        max_length=64,
        unique=True,
        help_text=_("Phần cuối đường dẫn mà chủ hồ sơ mở sau khi đăng nhập để xác nhận."),
    )
    sent_to = models.CharField(
        _("gửi đến"), max_length=20, blank=True, help_text=_("Số điện thoại, đã che bớt.")
    )
    attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    granted_at = models.DateTimeField(_("thời điểm đồng ý"), null=True, blank=True)

    class Meta:
        verbose_name = _("đồng ý nộp trực tuyến có hỗ trợ")
        verbose_name_plural = _("đồng ý nộp trực tuyến có hỗ trợ")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.applicant} ← {self.officer} ({self.get_method_display()})"

    def is_live(self, now=None) -> bool:
        return self.granted_at is not None and self.expires_at > (now or timezone.now())

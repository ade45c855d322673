from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoSmsMessage(models.Model):
    """An SMS the demo provider "sent": the phone it would reach and the text."""

    phone = models.CharField(_("số điện thoại"), max_length=20, help_text=_("Số nhận tin."))
    text = models.TextField(_("nội dung"), help_text=_("Nội dung tin nhắn."))
    at = models.DateTimeField(_("thời điểm"), help_text=_("Lúc nhà cung cấp demo nhận tin."))

    class Meta:
        app_label = "notifications"
        verbose_name = _("tin nhắn SMS demo")
        verbose_name_plural = _("nhật ký SMS demo")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone}: {self.text[:40]}"

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.notifications import conf
from motcua.notifications.base import BaseProvider, ProviderError
from motcua.notifications.constants import Channel
from motcua.notifications.registry import register

from .models import DemoSmsMessage


@register
class DemoSmsProvider(BaseProvider):
    identifier = "demo_sms"
    channel = Channel.SMS
    verbose_name = _("SMS demo (ghi vào nhật ký)")

    def send(self, *, recipient: str, subject: str, body: str) -> str:
        if conf.demo_sms_down():
            raise ProviderError("demo SMS provider is down (NOTIFICATIONS_DEMO_SMS_DOWN)")
        return str(DemoSmsMessage.objects.create(phone=recipient, text=body, at=timezone.now()).pk)

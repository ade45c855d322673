from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.utils.translation import gettext_lazy as _

from motcua.notifications.base import BaseProvider
from motcua.notifications.constants import Channel
from motcua.notifications.registry import register


@register
class EmailProvider(BaseProvider):
    identifier = "email"
    channel = Channel.EMAIL
    verbose_name = _("Thư điện tử (cấu hình thư của Django)")

    def send(self, *, recipient: str, subject: str, body: str) -> str:
        message_id = make_msgid(domain="motcua")
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
            headers={"Message-ID": message_id},
        ).send(fail_silently=False)
        return message_id

"""Removing a second factor ends the account's sessions. Whichever way a device goes (an
administrator's reset, a phone switch, new recovery codes, a deletion in the admin site), the
account's ``sign_in_epoch`` moves, so every session opened before ends at its next request
(``accounts.User._get_session_auth_hash``); the session that made the change is kept by its
view (``keep_this_session``). The middleware therefore trusts the device a session was verified
by without reading it on every request."""

from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import User


@receiver(post_delete, sender=TOTPDevice)
@receiver(post_delete, sender=StaticDevice)
def device_removed(sender, instance, **kwargs) -> None:
    User.objects.filter(pk=instance.user_id).update(sign_in_epoch=F("sign_in_epoch") + 1)

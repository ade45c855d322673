"""The session's second factor, read without a query, and the sign-out of sessions that lack
one.

``VerifiedSessionMiddleware`` replaces django_otp's OTPMiddleware, which reads the device that
verified the session on every request to see that it is still on record. Here the removal of a
device ends the account's sessions instead (``signals.device_removed``), so a session that
names a device was verified by one still valid when the session's proof of the account was last
checked: ``user.is_verified()`` answers from the session, and the device itself is read only if
something asks for it (``user.otp_device`` is lazy).

``SecondFactorMiddleware`` signs out any session of an account that must give a second factor
and has not, whichever page opened it (the demo identity provider's sign-in, a session older
than the requirement)."""

import functools

from django.contrib.auth import logout
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from . import policy


class VerifiedSessionMiddleware(OTPMiddleware):
    sync_capable = True
    async_capable = False

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        persistent_id = (
            request.session.get(DEVICE_ID_SESSION_KEY) if user.is_authenticated else None
        )
        if persistent_id:
            user.otp_device = SimpleLazyObject(
                functools.partial(self._device_of, user, persistent_id)
            )
        return user

    def _device_of(self, user, persistent_id):
        device = self._device_from_persistent_id(persistent_id)
        if device is None or device.user_id != user.pk:
            return None
        return device


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and policy.asked_of(user)
        ):
            logout(request)
        return self.get_response(request)

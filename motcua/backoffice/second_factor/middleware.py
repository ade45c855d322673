"""Signs out any session of an account that must give a second factor and has not, whichever
page opened it (the demo identity provider's sign-in, a session older than the requirement, a
device reset by an administrator). After django_otp's OTPMiddleware, which says whether this
session was verified and by which device still on record."""

from django.contrib.auth import logout

from . import policy


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

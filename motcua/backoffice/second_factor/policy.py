"""Who must give a second factor (settings OFFICER_2FA_REQUIRED, OFFICER_2FA_ROLES,
DEMO_OFFICERS_SKIP_2FA; docs/configuration.md)."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Role

# The group `manage.py demo` puts its officers in; only they are exempted by the demo setting.
DEMO_GROUP = "Tài khoản trình diễn"


def back_office_account(user) -> bool:
    return bool(user.is_officer or user.is_staff or user.is_superuser)


def demo_exempt(user) -> bool:
    """A demo officer on a DEBUG install with the demo exemption on: password only."""
    return bool(
        settings.DEBUG
        and getattr(settings, "DEMO_OFFICERS_SKIP_2FA", False)
        and user.groups.filter(name=DEMO_GROUP).exists()
    )


def required_for(user) -> bool:
    """Whether ``user`` may not use the back office or the admin without a second factor.
    Citizens and businesses never (they sign in with VNeID or their own verified channel)."""
    if not getattr(user, "is_authenticated", False) or not back_office_account(user):
        return False
    if demo_exempt(user):
        return False
    if getattr(settings, "OFFICER_2FA_REQUIRED", True):
        return True
    roles = {Role(r) for r in getattr(settings, "OFFICER_2FA_ROLES", []) if r in Role.values}
    if Role.ADMINISTRATOR in roles and (user.is_staff or user.is_superuser):
        return True
    return bool(roles) and any(m.role in roles for m in agencies.active_memberships(user))


def asked_of(user) -> bool:
    """Whether sign-in asks ``user`` for a code: when required, and whenever the account has a
    device (an officer who enrolled where it is optional is protected all the same)."""
    if required_for(user):
        return True
    return back_office_account(user) and not demo_exempt(user) and user_has_device(user)

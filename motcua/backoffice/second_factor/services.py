"""Enrolling, verifying, regenerating recovery codes and resetting an officer's second factor.
Each change is one transaction with its audit row (verbs ``second_factor_*``); wrong codes count
in the sign-in back-off of motcua/accounts/throttle.py, so the answer says how long to wait."""

from __future__ import annotations

import secrets
import time
from binascii import unhexlify
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.throttle import Backoff, client_address
from motcua.audit import services as audit

RECOVERY_CODES = 10
# A code is also taken from the step before and after (a phone's clock a little off).
TOLERANCE = 1
DEVICE_NAME = "Ứng dụng xác thực"


class Throttled(Exception):
    """Too many wrong codes: no code is read for ``wait`` more seconds."""

    def __init__(self, wait: int):
        super().__init__(wait)
        self.wait = wait


def wait_message(wait: int) -> str:
    minutes = max(1, (wait + 59) // 60)
    return ngettext(
        "Bạn đã nhập sai mã nhiều lần. Hãy thử lại sau %(n)d phút. Nếu không còn điện thoại có "
        "ứng dụng xác thực, hãy dùng một mã dự phòng hoặc nhờ quản trị hệ thống đặt lại.",
        "Bạn đã nhập sai mã nhiều lần. Hãy thử lại sau %(n)d phút. Nếu không còn điện thoại có "
        "ứng dụng xác thực, hãy dùng một mã dự phòng hoặc nhờ quản trị hệ thống đặt lại.",
        minutes,
    ) % {"n": minutes}


def _backoff() -> Backoff:
    free = int(getattr(settings, "SIGNIN_FREE_TRIES", 5))
    return Backoff(
        "second_factor:account",
        free=free,
        base=30,
        cap=int(getattr(settings, "SIGNIN_MAX_DELAY", 15 * 60)),
    )


def _subject(user) -> str:
    return f"user:{user.pk}"


def wait_for(user) -> int:
    return _backoff().wait(_subject(user))


def _check_throttle(user) -> None:
    wait = wait_for(user)
    if wait:
        raise Throttled(wait)


def _failed(user, request, verb: str) -> None:
    """A wrong code: counted, and audited in its own transaction (it stays when the try fails)."""
    _backoff().fail(_subject(user))
    with transaction.atomic():
        audit.record(actor=user, verb=verb, obj=user, address=client_address(request))


def new_secret() -> str:
    """A fresh TOTP secret (20 random bytes, hex as django-otp stores it), kept in the session
    until the officer proves their app holds it; nothing is stored before that."""
    return secrets.token_hex(20)


def _totp_step(key_hex: str, code: str, *, min_t: int | None = None) -> int | None:
    """The time step ``code`` belongs to for this secret, or None."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = TOTP(unhexlify(key_hex))
    totp.time = time.time()  # read as the devices read it (tests move this clock)
    if totp.verify(int(code), tolerance=TOLERANCE, min_t=min_t):
        return totp.t()
    return None


def recovery_code_digest(code: str) -> str:
    """What the database keeps of a recovery code: 16 hex digits of an HMAC-SHA256 under the
    site's SECRET_KEY (django-otp's token column holds 16 characters). A dump of the database
    alone gives no usable code; the officer's typed code is digested the same way to be looked
    up, so django-otp's own single-use check still spends it."""
    normalised = code.strip().replace(" ", "").lower()
    return salted_hmac(
        "motcua.second_factor.recovery_code", normalised, algorithm="sha256"
    ).hexdigest()[:16]


def _new_recovery_codes(user) -> list[str]:
    """Ten fresh codes, shown once (returned); only their digests are stored."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_code_digest(code)) for code in codes
    )
    return codes


def code_fits(key_hex: str, code: str) -> bool:
    """Whether ``code`` is a current code of the secret being enrolled (no state changes)."""
    return _totp_step(key_hex, code) is not None


@dataclass
class Enrolled:
    device: TOTPDevice
    recovery_codes: list[str]


def enrol(user, *, key_hex: str, code: str, request) -> Enrolled | None:
    """Confirm a new authenticator app with one of its codes: it replaces any app the account
    had, and a new set of recovery codes replaces the old. None when the code is wrong.
    Raises ``Throttled`` while wrong codes must wait."""
    _check_throttle(user)
    step = _totp_step(key_hex, code)
    if step is None:
        _failed(user, request, "second_factor_enrol_failed")
        return None
    with transaction.atomic():
        previous = TOTPDevice.objects.filter(user=user)
        replaced = previous.exists()
        previous.delete()
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key_hex, tolerance=TOLERANCE, last_t=step
        )
        codes = _new_recovery_codes(user)
        audit.record(
            actor=user,
            verb="second_factor_enrolled",
            obj=user,
            replaced=replaced,
            address=client_address(request),
        )
    _backoff().clear(_subject(user))
    return Enrolled(device=device, recovery_codes=codes)


def verify(user, code: str, *, request):
    """The device that accepts ``code`` (the authenticator app's current code, or one unused
    recovery code, which is spent), or None. Raises ``Throttled`` while wrong codes must wait."""
    _check_throttle(user)
    code = (code or "").strip().replace(" ", "").lower()
    with transaction.atomic():
        found, method = None, ""
        if code.isdigit():
            for device in TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update():
                if device.verify_token(code):
                    found, method = device, "totp"
                    break
        elif code:
            digest = recovery_code_digest(code)
            for device in StaticDevice.objects.filter(
                user=user, confirmed=True
            ).select_for_update():
                if device.verify_token(digest):
                    found, method = device, "recovery_code"
                    break
        if found is not None:
            data = {"method": method, "address": client_address(request)}
            if method == "recovery_code":
                data["recovery_codes_left"] = found.token_set.count()
            audit.record(actor=user, verb="second_factor_verified", obj=user, **data)
    if found is None:
        _failed(user, request, "second_factor_failed")
        return None
    _backoff().clear(_subject(user))
    return found


def regenerate_recovery_codes(user, *, request) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit.record(
            actor=user,
            verb="second_factor_codes_regenerated",
            obj=user,
            address=client_address(request),
        )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset(user, *, actor, reason: str = "") -> int:
    """An administrator removes a colleague's authenticator app and recovery codes (a lost
    phone): at the next sign-in they enrol again, and any session verified by the old app
    ends at its next request (the middleware no longer finds its device). Returns how many
    devices were removed."""
    with transaction.atomic():
        apps, code_sets = (
            TOTPDevice.objects.filter(user=user),
            StaticDevice.objects.filter(user=user),
        )
        removed = apps.count() + code_sets.count()
        apps.delete()
        code_sets.delete()
        audit.record(
            actor=actor, verb="second_factor_reset", obj=user, reason=reason, devices=removed
        )
    _backoff().clear(_subject(user))
    return removed


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()

"""Steps of the second factor for tests that sign in through the real pages: the code an
authenticator app would show, and enrolling at sign-in as an officer would."""

from __future__ import annotations

import re
import time
from binascii import unhexlify

from django.urls import reverse
from django_otp.oath import TOTP


def code_for(key_hex: str, *, step: int | None = None) -> str:
    """The six digits an app holding ``key_hex`` shows now (or at time step ``step``)."""
    key = unhexlify(key_hex)
    return f"{_at_step(key, int(time.time()) // 30 if step is None else step):06d}"


def _at_step(key: bytes, step: int) -> int:
    generator = TOTP(key)
    generator.time = step * 30
    return generator.token()


def next_code(device) -> str:
    """A code the device has not accepted yet: the current step's, or the next one's (taken
    within the tolerance of one step) when the current one was just used."""
    step = max(int(time.time()) // 30, device.last_t + 1)
    return f"{_at_step(device.bin_key, step):06d}"


def enrol_at_sign_in(client, path: str | None = None, **fields):
    """On the enrol page after a right password: read the secret as the QR code holds it, confirm
    with the app's code (and ``fields``: the old app's ``current_code`` when changing phones).
    Returns the response to the confirmation (a redirect)."""
    path = path or reverse("backoffice:second_factor_enrol")
    assert client.get(path).status_code == 200
    key_hex = client.session["second_factor_new_secret"]
    return client.post(path, {"code": code_for(key_hex), **fields})


def shown_codes(page: str) -> list[str]:
    """The recovery codes a page shows (the database keeps only their digests)."""
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)

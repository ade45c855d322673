"""The CSRF secrets and masks drawn from one read of the system's random source.

Django draws each of the 32 characters of a CSRF secret, and of the mask that hides it in every
page's token, by ``secrets.choice``: a call to the random source per character, 64 per page that
shows a form to a visitor without the cookie. On the public tracking page (whose footer holds the
language switcher's POST form) that was a twentieth of the request (#18). ``random_string``
draws the same thing — each character independent and equally likely among the allowed ones,
from the operating system's secure source — from one read: the bytes are taken modulo the number
of characters, and the few bytes above the largest multiple of it are dropped, so no character is
likelier than another. Only the CSRF middleware's use is replaced (``PortalConfig.ready``); the
tokens' length, alphabet and checking are Django's."""

from __future__ import annotations

import secrets

from django.utils.crypto import get_random_string


def random_string(length: int, allowed_chars: str) -> str:
    """``get_random_string(length, allowed_chars)``, from one read of the random source."""
    size = len(allowed_chars)
    if not 0 < size <= 256:
        return get_random_string(length, allowed_chars)
    limit = 256 - 256 % size  # a byte at or above it would favour the first characters
    drawn: list[str] = []
    while len(drawn) < length:
        drawn.extend(allowed_chars[b % size] for b in secrets.token_bytes(length + 8) if b < limit)
    return "".join(drawn[:length])


def install() -> None:
    from django.middleware import csrf

    csrf.get_random_string = random_string

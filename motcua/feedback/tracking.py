"""The secret that lets a sender follow a feedback without an account: a random code of 12
letters and digits (about 60 bits), shown in groups of four, forgiving when typed back (case,
dashes and spaces ignored; O read as 0, I and L as 1)."""

from __future__ import annotations

import secrets

# Crockford's base 32: no I, L, O, U, so nothing reads as another letter.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_token() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(token: str) -> str:
    """``7KQ4MZ2P9XHD`` as ``7KQ4-MZ2P-9XHD``."""
    return "-".join(token[i : i + 4] for i in range(0, len(token), 4))


def clean(typed: str) -> str:
    """What a person typed, as stored: upper case, separators dropped, look-alikes mapped."""
    text = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return text.translate(_TYPED)[: LENGTH * 2]

"""The signature Vietnamese gateways use: parameters sorted by key, query-string encoded
(``quote_plus``, empty values left out), HMAC-SHA512 with the shared secret, hex digest."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote_plus, urlencode


def canonical(params: dict[str, str], *, exclude: frozenset[str] = frozenset()) -> str:
    items = sorted((k, str(v)) for k, v in params.items() if k not in exclude and str(v) != "")
    return urlencode(items, quote_via=quote_plus)


def sign(params: dict[str, str], secret: str, *, exclude: frozenset[str] = frozenset()) -> str:
    message = canonical(params, exclude=exclude).encode()
    return hmac.new(secret.encode(), message, hashlib.sha512).hexdigest()


def verify(
    params: dict[str, str], signature: str, secret: str, *, exclude: frozenset[str] = frozenset()
) -> bool:
    expected = sign(params, secret, exclude=exclude)
    return hmac.compare_digest(expected, (signature or "").lower())

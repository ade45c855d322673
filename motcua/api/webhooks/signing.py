"""The signature of a webhook request (chữ ký thông báo): HMAC-SHA256 with the subscriber's
secret over ``<timestamp>.<body>``, where the timestamp is the Unix time of the attempt, sent in
``Motcua-Webhook-Timestamp``, and the signature in ``Motcua-Webhook-Signature`` as
``v1=<hex>``. A receiver recomputes it over the raw body, compares in constant time, and refuses
a timestamp outside its replay window (default 300 s)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

ID_HEADER = "Motcua-Webhook-Id"
EVENT_HEADER = "Motcua-Webhook-Event"
TIMESTAMP_HEADER = "Motcua-Webhook-Timestamp"
SIGNATURE_HEADER = "Motcua-Webhook-Signature"
SCHEME = "v1"


class BadSignature(Exception):
    """The request is not signed with the secret, or not now."""


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(int(timestamp)).encode("ascii") + b"." + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return f"{SCHEME}={digest}"


def headers(secret: str, body: bytes, *, key: str, event_type: str, now: float | None = None):
    timestamp = int(now if now is not None else time.time())
    return {
        "Content-Type": "application/json",
        ID_HEADER: key,
        EVENT_HEADER: event_type,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def verify(secret: str, body: bytes, timestamp: str, signature: str, *, tolerance: int, now=None):
    """Raise BadSignature unless ``signature`` (one or more ``v1=<hex>`` separated by commas or
    spaces, so a secret can be rotated) signs ``timestamp.body`` and the timestamp is within
    ``tolerance`` seconds of now."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        raise BadSignature("missing or malformed timestamp") from None
    current = now if now is not None else time.time()
    if abs(current - stamp) > tolerance:
        raise BadSignature("timestamp outside the replay window")
    expected = sign(secret, stamp, body)
    offered = [p.strip() for p in (signature or "").replace(",", " ").split() if p.strip()]
    if not any(hmac.compare_digest(expected, p) for p in offered):
        raise BadSignature("signature does not match")

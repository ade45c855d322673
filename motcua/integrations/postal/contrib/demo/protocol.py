"""The demo postal operator's wire protocol (HTTP + JSON), shared by the operator and the client.

Requests carry ``X-Post-Client`` (the customer's id) and ``Authorization: Bearer <api key>``.
Callbacks carry ``X-Post-Timestamp`` (Unix seconds) and ``X-Post-Signature``: the hex
HMAC-SHA256, under the callback secret, of ``<timestamp>.<raw body>``. A callback older or newer
than the replay window is refused, so a captured one cannot be played back later."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json

STATUSES = ["accepted", "in_transit", "delivered", "failed", "cancelled"]
CLIENT_HEADER = "X-Post-Client"
TIMESTAMP_HEADER = "X-Post-Timestamp"
SIGNATURE_HEADER = "X-Post-Signature"

_text = {"type": "string", "minLength": 1, "maxLength": 255}
_event = {
    "type": "object",
    "required": ["id", "status", "at"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "minLength": 1, "maxLength": 60},
        "status": {"enum": STATUSES},
        "at": {"type": "string", "format": "date-time", "minLength": 20},
        "place": {"type": "string", "maxLength": 255},
        "note": {"type": "string", "maxLength": 500},
    },
}

ORDER_REQUEST = {
    "type": "object",
    "required": ["reference", "service", "recipient", "item"],
    "additionalProperties": False,
    "properties": {
        "reference": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,40}$"},
        "service": {"enum": ["pickup", "delivery"]},
        "recipient": {
            "type": "object",
            "required": ["name", "phone", "address"],
            "additionalProperties": False,
            "properties": {
                "name": _text,
                "phone": {"type": "string", "pattern": "^0[0-9]{9,10}$"},
                "address": {"type": "string", "minLength": 5, "maxLength": 255},
            },
        },
        "item": {
            "type": "object",
            "required": ["description"],
            "additionalProperties": False,
            "properties": {"description": _text},
        },
        "cod_amount": {"type": "integer", "minimum": 0, "maximum": 100_000_000},
        "callback_url": {"type": "string", "pattern": "^https?://", "maxLength": 500},
    },
}

ORDER_ANSWER = {
    "type": "object",
    "required": ["tracking_code", "status", "fee", "accepted_at"],
    "properties": {
        "tracking_code": {"type": "string", "pattern": "^[A-Z]{2}[0-9]{9}[A-Z]{2}$"},
        "status": {"enum": STATUSES},
        "fee": {"type": "integer", "minimum": 0},
        "zone": {"enum": ["urban", "rural", "island"]},
        "accepted_at": {"type": "string", "minLength": 20},
    },
}

TRACK_ANSWER = {
    "type": "object",
    "required": ["tracking_code", "status", "events"],
    "properties": {
        "tracking_code": {"type": "string", "minLength": 1},
        "reference": {"type": "string"},
        "status": {"enum": STATUSES},
        "events": {"type": "array", "items": _event},
    },
}

CALLBACK = {
    "type": "object",
    "required": ["tracking_code", "reference", "status", "events"],
    "additionalProperties": False,
    "properties": TRACK_ANSWER["properties"]
    | {"events": {"type": "array", "items": _event, "minItems": 1}},
}

CANCEL_ANSWER = {
    "type": "object",
    "required": ["tracking_code", "status"],
    "properties": {"tracking_code": {"type": "string"}, "status": {"const": "cancelled"}},
}


def problems(instance, schema) -> list[str]:
    """Every schema violation as ``path: message`` (empty when valid)."""
    import jsonschema  # when a message is checked, not at start-up (#18)

    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    found = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(body)"
        found.append(f"{where}: {error.message}")
    return found


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), (signature or "").lower())


def signed_headers(secret: str, body: bytes, now: datetime.datetime) -> dict[str, str]:
    timestamp = str(int(now.timestamp()))
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(text: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("naive time")
    return moment

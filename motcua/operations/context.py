"""The request id of the work being done now, in the web process or the task worker."""

from __future__ import annotations

import contextvars
import re
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# What a caller (or the load balancer) may send as X-Request-ID; anything else is replaced,
# so a log line never carries an attacker's newline or a megabyte of text.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")


def current() -> str:
    return _request_id.get()


def accept_or_new(value: str | None) -> str:
    if value and _ACCEPTED.fullmatch(value):
        return value
    return uuid.uuid4().hex


def bind(request_id: str) -> contextvars.Token:
    return _request_id.set(request_id)


def unbind(token: contextvars.Token) -> None:
    _request_id.reset(token)

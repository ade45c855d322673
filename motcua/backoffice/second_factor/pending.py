"""The half-way state of a sign-in that still needs its second factor. The password step does
not sign anyone in: it keeps here whose password was right, through which backend and where to
go next, for a few minutes. Only the right code (or a confirmed enrolment) signs in, so no page
of any app ever sees a session opened by a password alone."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model

_KEY = "second_factor_pending"
_SECRET = "second_factor_new_secret"  # noqa: S105 - a session key, not a secret
_CODES = "second_factor_recovery_codes"
LIFETIME = 10 * 60


def start(request, user, next_url: str) -> None:
    request.session.cycle_key()  # a new session id once the password is right (fixation)
    request.session[_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": time.time(),
    }


def pending(request):
    """(user, backend, next) of a sign-in waiting for its code, or None (none, or expired)."""
    state = request.session.get(_KEY)
    if not state or time.time() - state.get("at", 0) > LIFETIME:
        return None
    user = get_user_model().objects.filter(pk=state["user"], is_active=True).first()
    if user is None:
        return None
    return user, state["backend"], state["next"]


def finish(request) -> None:
    request.session.pop(_KEY, None)
    request.session.pop(_SECRET, None)


def secret(request, create) -> str:
    """The secret being enrolled in this session (made on first use)."""
    value = request.session.get(_SECRET)
    if not value:
        value = create()
        request.session[_SECRET] = value
    return value


def forget_secret(request) -> None:
    request.session.pop(_SECRET, None)


def keep_codes(request, codes: list[str]) -> None:
    request.session[_CODES] = codes


def take_codes(request) -> list[str]:
    """The recovery codes just made, once: the page that shows them is their only showing."""
    return request.session.pop(_CODES, None) or []

"""Sign-in throttling (hạn chế dò mật khẩu; #17 item 3), for every way in: the portal, the back
office, the demo identity provider and the admin all authenticate through
``backends.IdentifierBackend``, which asks here first.

Three counts of wrong passwords, each an exponential back-off in the shared cache
(``throttle.Backoff``): one account from one address (the guesser at their keyboard: a few free
tries, then 30 s doubling up to ``SIGNIN_MAX_DELAY``), one account from anywhere (a distributed
guess: more free tries, the same cap), and one address across accounts (password spraying).
While a back-off runs, a try is refused without checking the password. Nothing lasts: the
waits end by themselves; a right password clears the account's counts, and so does setting a
new password through the verified e-mail or phone (password reset), which unlocks at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext

from .throttle import Backoff, cache, client_address


def _max_delay() -> int:
    return int(getattr(settings, "SIGNIN_MAX_DELAY", 15 * 60))


def _free() -> int:
    return int(getattr(settings, "SIGNIN_FREE_TRIES", 5))


def _pair() -> Backoff:
    return Backoff("signin:pair", free=_free(), base=30, cap=_max_delay())


def _account() -> Backoff:
    return Backoff("signin:account", free=4 * _free(), base=60, cap=_max_delay())


def _address() -> Backoff:
    return Backoff("signin:address", free=6 * _free(), base=60, cap=4 * _max_delay())


class SignInThrottled(PermissionDenied):
    """A try refused unread because a back-off is running; ``wait`` seconds remain."""

    def __init__(self, wait: int):
        super().__init__(wait)
        self.wait = wait


def _epoch(account: str) -> int:
    """Bumped by ``unlock``: the pair counts of an account are keyed by it, so an unlock ends
    them from every address at once."""
    return int(cache.get(f"signin:epoch:{account}", 0) or 0)


def _subjects(request, account: str) -> list[tuple[Backoff, str]]:
    found = [(_account(), account)]
    if request is not None:
        address = client_address(request)
        found += [(_pair(), f"{account}|{_epoch(account)}|{address}"), (_address(), address)]
    return found


def check(request, account: str) -> None:
    """Raise ``SignInThrottled`` while any back-off of this try runs (and note the wait on the
    request for the sign-in form's message)."""
    wait = max(backoff.wait(subject) for backoff, subject in _subjects(request, account))
    if wait:
        if request is not None:
            request.signin_wait = wait
        raise SignInThrottled(wait)


def failed(request, account: str) -> None:
    for backoff, subject in _subjects(request, account):
        backoff.fail(subject)


def succeeded(request, account: str) -> None:
    """A right password: this account's counts start over (the address's stay)."""
    for backoff, subject in _subjects(request, account)[:2]:
        backoff.clear(subject)


def unlock(account: str) -> None:
    """The verified channel proved who it is (a password set by a reset link): no wait left for
    the account, from any address the owner uses."""
    _account().clear(account)
    key = f"signin:epoch:{account}"
    cache.add(key, 0, None)
    cache.incr(key)


def account_key(user_pk: int | None, identifier: str = "") -> str:
    return f"user:{user_pk}" if user_pk is not None else f"name:{identifier.strip().lower()}"


def wait_message(wait: int) -> str:
    minutes = max(1, (wait + 59) // 60)
    return ngettext(
        "Bạn đã nhập sai nhiều lần. Hãy thử lại sau %(n)d phút; nếu quên mật khẩu, hãy đặt lại "
        "mật khẩu qua thư điện tử hoặc số điện thoại đã đăng ký.",
        "Bạn đã nhập sai nhiều lần. Hãy thử lại sau %(n)d phút; nếu quên mật khẩu, hãy đặt lại "
        "mật khẩu qua thư điện tử hoặc số điện thoại đã đăng ký.",
        minutes,
    ) % {"n": minutes}


def form_error(request) -> str | None:
    """The message for a sign-in form when its try was refused by a back-off, else None."""
    wait = getattr(request, "signin_wait", 0) if request is not None else 0
    return wait_message(wait) if wait else None

"""Per-address limits on the public verification pages, counted in the cache over a window:
unknown tokens (someone guessing the tokens printed in QR codes) and uploads (each is a full
cryptographic validation). Known tokens are never slowed down: whoever holds the paper has one."""

from __future__ import annotations

from motcua.accounts.throttle import cache  # shared by every web process

WINDOW_SECONDS = 15 * 60
MAX_UNKNOWN_TOKENS = 20
MAX_UPLOADS = 30


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _key(request, what: str) -> str:
    return f"verify:{what}:{_address(request)}"


def count(request, what: str) -> None:
    key = _key(request, what)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)


def reached(request, what: str, limit: int) -> bool:
    return cache.get(_key(request, what), 0) >= limit


def unknown_tokens_reached(request) -> bool:
    return reached(request, "unknown", MAX_UNKNOWN_TOKENS)


def uploads_reached(request) -> bool:
    return reached(request, "upload", MAX_UPLOADS)

"""Signer backends by name. Plugins register themselves when their module is imported; the app
imports the modules listed in the ``SIGNATURES_PLUGINS`` setting (default: the demo) at start-up,
and ``SIGNATURES_BACKEND`` (default ``"demo"``) names the one used for signing."""

from __future__ import annotations

from django.conf import settings

from .base import SignerBackend

DEFAULT_PLUGINS = ("motcua.signatures.contrib.demo",)
DEFAULT_BACKEND = "demo"

_backends: dict[str, SignerBackend] = {}


def register(backend: SignerBackend) -> SignerBackend:
    if not backend.name:
        raise ValueError("A signer backend needs a name.")
    _backends[backend.name] = backend
    return backend


def get(name: str | None = None) -> SignerBackend:
    """The backend called ``name``, or the configured one."""
    wanted = name or getattr(settings, "SIGNATURES_BACKEND", DEFAULT_BACKEND)
    try:
        return _backends[wanted]
    except KeyError:
        raise LookupError(f"No signer backend named {wanted!r} is registered.") from None


def all_backends() -> list[SignerBackend]:
    return list(_backends.values())


def plugin_modules() -> tuple[str, ...]:
    return tuple(getattr(settings, "SIGNATURES_PLUGINS", DEFAULT_PLUGINS))

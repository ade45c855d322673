"""Browser security headers on every response (#17 item 10; docs/security.md, "Headers").

Content-Security-Policy: the pages carry no inline script or style (scripts and style sheets are
static files; SVG charts use presentation attributes, which a policy does not govern), so the
policy is a fixed list of 'self' sources and needs no nonce. Our own middleware rather than
django-csp: one fixed header needs no per-view decorators or nonces, and Django 6.0 brings its own
CSP middleware, which replaces this when the project moves to it.

``form-action`` also lists the origins a submitted form legitimately redirects the browser to:
this site's public address (``SITE_URL``; the demo bank and demo identity provider live there),
the identity provider's authorization endpoint (sign-in with VNeID), the national payment
platform (``PAYGOV_URL``) and any origin listed in ``CSP_FORM_ACTION`` (a province's own payment
gateway). Chromium applies form-action to the redirects that follow a form's submission.

Permissions-Policy turns off the browser features no page uses (camera, microphone, location,
payment request, USB …).
"""

from __future__ import annotations

import functools
import os
from urllib.parse import urlsplit

from django.conf import settings

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _inputs() -> tuple:
    """What the policy depends on: read per response, since SITE_URL and the identity settings
    may change (tests, live server)."""
    return (
        getattr(settings, "SITE_URL", ""),
        getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", ""),
        os.environ.get("PAYGOV_URL", ""),
        *getattr(settings, "CSP_FORM_ACTION", []),
    )


def form_action_sources(candidates: tuple | None = None) -> list[str]:
    """'self' and the origins a form's submission may redirect to, each once, in order."""
    origins = [origin for origin in map(_origin, candidates or _inputs()) if origin]
    return ["'self'", *dict.fromkeys(origins)]


@functools.lru_cache(maxsize=16)
def _policy(inputs: tuple) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": form_action_sources(inputs),
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def content_security_policy() -> str:
    # Built once for each set of inputs (#18: it was built anew for every response).
    return _policy(_inputs())


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

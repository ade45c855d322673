"""Security headers and HTTPS (#17 item 10; docs/security.md, "Headers and HTTPS"). Imported by
``motcua.settings`` after the base settings; every value comes from the environment, safe for
production by default (HTTPS only unless DEBUG)."""

from __future__ import annotations

import os

from motcua import settings as base

env_bool, env_list = base.env_bool, base.env_list

__all__ = [
    "CSP_FORM_ACTION",
    "CSRF_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_COOKIES",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_REFERRER_POLICY",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_AGE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SECURE",
    "SILENCED_SYSTEM_CHECKS",
    "X_FRAME_OPTIONS",
]

# One switch says the site is served over HTTPS: on unless DEBUG. SECURE_COOKIES=false is for a
# local plain-HTTP test server (the test suite, `make run`); it also turns the redirect and HSTS
# off unless they are set themselves.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not base.DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
# Plain HTTP is answered with a redirect to HTTPS, and browsers are told to use only HTTPS for a
# year (subdomains included: a province's sites are all under its own domain). Behind a proxy
# that ends TLS, set BEHIND_HTTPS_PROXY so the redirect sees the original scheme.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_COOKIES)
# Addresses a load balancer probes over plain HTTP (regular expressions, comma-separated).
SECURE_REDIRECT_EXEMPT = env_list("SECURE_REDIRECT_EXEMPT")
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS") or (365 * 24 * 3600 if SECURE_COOKIES else 0)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browser vendors that cannot be taken back quickly: the province
# decides (https://hstspreload.org), so it is off unless asked for.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# security.W021 only says preloading is off, which is that decision, not an oversight.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind a proxy that ends TLS (BEHIND_HTTPS_PROXY), the forwarded scheme is believed.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy and Permissions-Policy: motcua.portal.headers. Origins besides this
# site's that a submitted form may send the browser to (a province's own payment gateway),
# comma-separated; SITE_URL, the identity provider and PAYGOV_URL are added by themselves.
CSP_FORM_ACTION = env_list("CSP_FORM_ACTION")

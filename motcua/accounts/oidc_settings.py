"""Identity settings: the demo VNeID-like provider (django-oauth-toolkit's OpenID Connect, under
/idp/) and the portal's OpenID Connect client (mozilla-django-oidc, under /oidc/). Imported at
the end of ``motcua.settings``; every value comes from the environment (docs/identity.md).

Demo defaults (the in-project provider, its RSA key generated into VAR_DIR, a fixed client
secret) apply only with DEBUG on or under pytest. Otherwise the provider is off unless
IDP_RSA_PRIVATE_KEY is given, and the client is off unless OIDC_RP_CLIENT_ID is given, in which
case every other client setting is required."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from motcua import settings as base

__all__ = [
    "IDP_ENABLED",
    "IDP_RSA_PRIVATE_KEY",
    "LOGIN_REDIRECT_URL_FAILURE",
    "OAUTH2_PROVIDER",
    "OIDC_AUTHENTICATION_CALLBACK_URL",
    "OIDC_CREATE_USER",
    "OIDC_ENABLED",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_PERSONAL_ID_CLAIM",
    "OIDC_REDIRECT_ALLOWED_HOSTS",
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_RP_SCOPES",
    "OIDC_RP_SIGN_ALGO",
    "OIDC_TIMEOUT",
    "OIDC_USE_PKCE",
]

DEMO = base.DEBUG or "PYTEST_VERSION" in os.environ
DEMO_CLIENT_ID = "motcua-portal-demo"
# Only ever used against the in-project demo provider.
DEMO_CLIENT_SECRET = "demo-secret-not-for-production"  # noqa: S105
DEMO_KEY_FILE = Path(base.VAR_DIR) / "oidc-demo-idp-key.pem"


def _demo_key() -> str:
    """The demo provider's signing key: generated on first use into VAR_DIR, never committed."""
    if DEMO_KEY_FILE.exists():
        return DEMO_KEY_FILE.read_text()
    from jwcrypto import jwk

    pem = jwk.JWK.generate(kty="RSA", size=2048).export_to_pem(private_key=True, password=None)
    DEMO_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    temporary = DEMO_KEY_FILE.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pem)
    temporary.chmod(0o600)
    if not DEMO_KEY_FILE.exists():
        os.replace(temporary, DEMO_KEY_FILE)
    else:
        temporary.unlink()
    return DEMO_KEY_FILE.read_text()


# --- The demo identity provider (VNeID mô phỏng) ---
IDP_RSA_PRIVATE_KEY = os.environ.get("IDP_RSA_PRIVATE_KEY", "") or (_demo_key() if DEMO else "")
IDP_ENABLED = bool(IDP_RSA_PRIVATE_KEY)
# The claim carrying the 12-digit personal identification number (số định danh cá nhân).
OIDC_PERSONAL_ID_CLAIM = os.environ.get("OIDC_PERSONAL_ID_CLAIM", "personal_id")

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": IDP_ENABLED,
    "OIDC_RSA_PRIVATE_KEY": IDP_RSA_PRIVATE_KEY,
    "OAUTH2_VALIDATOR_CLASS": "motcua.accounts.idp.VneidValidator",
    "SCOPES": {
        "openid": "Đăng nhập bằng danh tính điện tử",
        "profile": "Họ tên, ngày sinh, số định danh cá nhân",
        "phone": "Số điện thoại",
        "email": "Thư điện tử",
    },
    "DEFAULT_SCOPES": ["openid", "profile"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    # Hardening (#17 item 10; docs/security.md, "OAuth2 provider"):
    # RFC 9700 (OAuth 2.0 Security BCP), as django-oauth-toolkit 3.4 enforces it: no implicit or
    # password grant, PKCE with S256 only, access tokens only in the Authorization header, `iss` in
    # authorization responses (RFC 9207), tokens stored as SHA-256 checksums (a database dump holds
    # no usable token), a replayed refresh token revokes its family, exact redirect URIs, and https
    # redirect URIs except for the in-project demo provider (DEBUG or the test suite: it runs on
    # http://127.0.0.1). Each gate set True also turns a regression into an error of check --deploy.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": not DEMO,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REFRESH_TOKEN_GRACE_PERIOD_SECONDS": 0,
    "ALLOW_URI_WILDCARDS": False,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"] if DEMO else ["https"],
}

# --- The portal as OpenID Connect client (relying party) ---
_site = base.SITE_URL
_idp = os.environ.get("OIDC_OP_BASE_URL", f"{_site}/idp" if DEMO else "").rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", DEMO_CLIENT_ID if DEMO else "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", DEMO_CLIENT_SECRET if DEMO else "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", f"{_idp}/authorize/" if _idp else ""
)
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", f"{_idp}/token/" if _idp else "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", f"{_idp}/userinfo/" if _idp else "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", f"{_idp}/jwks/" if _idp else "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile phone email")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
OIDC_REDIRECT_ALLOWED_HOSTS = base.ALLOWED_HOSTS
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?vneid=failed"

if OIDC_ENABLED and not DEMO:
    _required = {
        "OIDC_RP_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
        "OIDC_OP_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
        "OIDC_OP_USER_ENDPOINT": OIDC_OP_USER_ENDPOINT,
        "OIDC_OP_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
    }
    missing = [name for name, value in _required.items() if not value]
    if missing:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set but these are not: " + ", ".join(missing)
        )

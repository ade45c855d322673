"""The demo identity provider's endpoints, mounted under /idp/."""

from django.urls import path
from oauth2_provider import views as oauth

from . import idp

# django-oauth-toolkit reverses its own endpoints in this namespace.
app_name = "oauth2_provider"

urlpatterns = [
    path("login/", idp.idp_login, name="vneid-login"),
    path("authorize/", idp.VneidAuthorizationView.as_view(), name="authorize"),
    path("token/", oauth.TokenView.as_view(), name="token"),
    path("userinfo/", oauth.UserInfoView.as_view(), name="user-info"),
    path("jwks/", oauth.JwksInfoView.as_view(), name="jwks-info"),
    path(
        ".well-known/openid-configuration",
        oauth.ConnectDiscoveryInfoView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    # RFC 8414 metadata. Also what the `iss` of an authorization response (RFC 9207) is
    # derived from: without it, that `iss` would be the site's root, not this issuer.
    path(
        ".well-known/oauth-authorization-server",
        oauth.OAuthServerMetadataView.as_view(),
        name="oauth-server-metadata",
    ),
]

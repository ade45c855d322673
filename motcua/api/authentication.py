"""How API v1 knows its caller: an OAuth2 access token of an API client (client credentials,
``Authorization: Bearer …``), checked against the client's state on every call, so a revoked
client is refused at once; and, with DEBUG only, an officer's site session for the browsable
API."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from .callers import OFFICER_SCOPES, Caller
from .models import ApiClient


def _bearer_given(request) -> bool:
    return request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer ")


class ClientTokenAuthentication(OAuth2Authentication):
    """A valid access token of an active API client. The caller's scopes are those of the token
    that the client still holds (a scope taken away applies to the next call)."""

    www_authenticate_realm = "motcua-api"

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            if _bearer_given(request):
                raise exceptions.AuthenticationFailed(
                    _("Mã truy cập không hợp lệ hoặc đã hết hạn; hãy xin mã mới.")
                )
            return None
        _user, token = found
        client = (
            ApiClient.objects.select_related("application")
            .filter(application_id=token.application_id)
            .first()
        )
        if client is None:
            raise exceptions.AuthenticationFailed(
                _("Mã truy cập này không phải của một hệ thống kết nối API.")
            )
        if not client.is_active:
            raise exceptions.AuthenticationFailed(_("Hệ thống kết nối này đã bị thu hồi quyền."))
        scopes = frozenset(token.scope.split()) & frozenset(client.scopes)
        request._request.caller = Caller(client=client, scopes=scopes)
        return AnonymousUser(), token


class DebugOfficerSession(SessionAuthentication):
    """An officer signed in on the site, for DRF's browsable API while developing (DEBUG):
    reads only, what their own pages show them. Off in production."""

    def authenticate(self, request):
        if not settings.DEBUG:
            return None
        found = super().authenticate(request)
        if found is None or not getattr(found[0], "is_officer", False):
            return None
        request._request.caller = Caller(user=found[0], scopes=OFFICER_SCOPES)
        return found

"""Which OAuth2 scopes a django-oauth-toolkit application may obtain (OAUTH2_PROVIDER
SCOPES_BACKEND_CLASS). The same provider serves two kinds of application: the demo VNeID's
OpenID Connect clients (the scopes of OAUTH2_PROVIDER["SCOPES"]) and API clients (the scopes
granted on their ApiClient, none once revoked). Neither kind can obtain the other's scopes."""

from __future__ import annotations

from oauth2_provider.scopes import SettingsScopes

from .constants import Scope
from .models import ApiClient


def _api_client(application) -> ApiClient | None:
    if application is None:
        return None
    try:
        return application.api_client
    except ApiClient.DoesNotExist:
        return None


class ClientScopes(SettingsScopes):
    def get_all_scopes(self):
        return {**super().get_all_scopes(), **{s.value: str(s.label) for s in Scope}}

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        client = _api_client(application)
        if client is None:
            return super().get_available_scopes(application, request, *args, **kwargs)
        return list(client.scopes) if client.is_active else []

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        """A client asking for no scope gets all it was granted."""
        client = _api_client(application)
        if client is None:
            return super().get_default_scopes(application, request, *args, **kwargs)
        return list(client.scopes) if client.is_active else []

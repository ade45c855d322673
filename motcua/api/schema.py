"""How the OpenAPI description names API v1's authentication (loaded by the API's URLconf)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .constants import Scope

TOKEN_URL = "/api/v1/oauth/token/"  # noqa: S105 (an address, not a secret)


class ClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = "motcua.api.authentication.ClientTokenAuthentication"
    name = "oauth2"

    def get_security_requirement(self, auto_schema):
        return {self.name: [auto_schema.view.required_scope]}

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "OAuth2 client credentials (docs/api.md, Xác thực).",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": TOKEN_URL,
                    "scopes": {scope.value: str(scope.label) for scope in Scope},
                }
            },
        }


class DebugSessionScheme(OpenApiAuthenticationExtension):
    """The officers' session exists only while developing: not part of the contract."""

    target_class = "motcua.api.authentication.DebugOfficerSession"
    name = ()  # no security scheme registered

    def get_security_requirement(self, auto_schema):
        return None

    def get_security_definition(self, auto_schema):
        return []

"""Rate limits of the public resources, per calling address (giới hạn tần suất theo địa chỉ)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PublicAddressThrottle(SimpleRateThrottle):
    """Counts every request to the public catalogue by the caller's address (behind proxies,
    API_NUM_PROXIES says how many, and X-Forwarded-For is read). The rate is API_PUBLIC_RATE, read at
    each request so tests and operators can change it."""

    scope = "public"

    def get_rate(self):
        return settings.API_PUBLIC_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ClientThrottle(SimpleRateThrottle):
    """Counts the calls of each API client (of each officer, in the browsable API):
    API_CLIENT_RATE, read at each request."""

    scope = "client"

    def get_rate(self):
        return settings.API_CLIENT_RATE

    def get_cache_key(self, request, view):
        caller = getattr(request, "caller", None)
        if caller is None:
            return self.cache_format % {"scope": "public", "ident": self.get_ident(request)}
        ident = f"c{caller.client.pk}" if caller.client is not None else f"u{caller.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

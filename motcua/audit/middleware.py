"""Collects the audit entries a request notes (reads, sign-ins, refusals) and inserts them in one
query once the response is built, stamped with the request's address and browser."""

from __future__ import annotations

from . import services


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = services.begin_request(request)
        try:
            return self.get_response(request)
        finally:
            services.end_request(token)

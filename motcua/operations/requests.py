"""One middleware around every request: its id (X-Request-ID, kept when well-formed, else made
here), one access log line, and the request counters and latency histogram of /metrics."""

from __future__ import annotations

import logging
import time

from . import context, metrics

access_log = logging.getLogger("motcua.access")


def _view_label(request) -> str:
    # The URL pattern's name, never the path: a label per dossier code would grow without end.
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match._func_path


class RequestObservationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR") is None:
            # The balancer's health checks come over the PROXY protocol's LOCAL command, which
            # carries no client address: gunicorn then sets None, which code reading the
            # address as a string must never see (every check was a 500, every instance DOWN).
            request.META["REMOTE_ADDR"] = ""
        request_id = context.accept_or_new(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = context.bind(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            elapsed = time.perf_counter() - started
            view = _view_label(request)
            metrics.observe_request(view, request.method, status, elapsed)
            # Only a user already loaded by the view: logging must not cost a session query.
            user = getattr(request, "_cached_user", None)
            access_log.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                elapsed * 1000,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                    "view": view,
                    "remote_addr": request.META.get("REMOTE_ADDR", ""),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            context.unbind(token)

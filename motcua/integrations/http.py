"""The HTTP client every national-system plugin uses (``requests``), with one twist for the demo
twins: when the base URL of a system points at this very site (the demo national portal, register
and post office live under ``/integrations/demo/``), requests are answered in-process by the
Django application instead of over a socket. The request still crosses the whole HTTP stack
(URL routing, middleware, headers, status codes, JSON bodies), so the client speaks exactly the
protocol it would speak to the real system; only the TCP connection is skipped. This keeps the
embedded default (``make run`` with one task worker, tests without a live server) working, and a
real provider is one environment variable away.

Set ``INTEGRATIONS_IN_PROCESS=false`` to send even the demo twins' requests over the network (the
live-server tests do)."""

from __future__ import annotations

import contextlib
import io
import os
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.urls import set_script_prefix
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

DEFAULT_TIMEOUT = 10.0


def in_process_enabled() -> bool:
    return os.environ.get("INTEGRATIONS_IN_PROCESS", "true").lower() not in {"0", "false", "no"}


class _Handler(WSGIHandler):
    """Django's WSGI handler without the request_started/finished signals: those close the
    database connection, which the caller (a task, a test) is still using, possibly inside a
    transaction. The demo twin's writes share the caller's connection."""

    def __call__(self, environ, start_response) -> bytes:  # type: ignore[override]
        set_script_prefix("")
        request = self.request_class(environ)
        response = self.get_response(request)
        headers = [
            *response.items(),
            *(("Set-Cookie", c.output(header="")) for c in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        try:
            return b"".join(response)
        finally:
            # HttpResponse.close() without its request_finished signal (see the class docstring).
            for closer in response._resource_closers:
                with contextlib.suppress(Exception):  # as Django's own close does
                    closer()
            response._resource_closers.clear()
            response.closed = True


_handler_instance: _Handler | None = None


def _handler() -> _Handler:
    global _handler_instance
    if _handler_instance is None:
        _handler_instance = _Handler()
    return _handler_instance


class InProcessAdapter(BaseAdapter):
    """A ``requests`` transport adapter that hands the request to Django's WSGI handler."""

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        parts = urlsplit(request.url)
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        environ = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": parts.path or "/",
            "QUERY_STRING": parts.query,
            "SERVER_NAME": parts.hostname or "localhost",
            "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": parts.scheme or "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)),
        }
        host = parts.netloc
        environ["HTTP_HOST"] = host
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            elif key != "CONTENT_LENGTH":
                environ[f"HTTP_{key}"] = value
        captured: dict = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers

        started = time.monotonic()
        content = _handler()(environ, start_response)
        limit = timeout[1] if isinstance(timeout, tuple) else timeout
        if limit is not None and time.monotonic() - started > float(limit):
            # What the socket would have done: the answer came after the client stopped waiting.
            raise requests.ReadTimeout(f"in-process answer took longer than {limit} s")
        response = requests.Response()
        response.status_code = int(captured["status"].split(" ", 1)[0])
        response.reason = captured["status"].split(" ", 1)[-1]
        response.headers = CaseInsensitiveDict(captured["headers"])
        response._content = content
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self):
        pass


def session_for(base_url: str) -> requests.Session:
    """A session for one system at ``base_url``; answered in-process when the URL is this site's
    own (see the module's docstring)."""
    session = requests.Session()
    session.headers["User-Agent"] = "motcua-integrations/1"
    # The request id of the work that calls out (a task's, from the request that caused it),
    # so the other side's logs and ours can be joined.
    from motcua.operations import context

    if context.current():
        session.headers["X-Request-ID"] = context.current()
    site = settings.SITE_URL.rstrip("/")
    if in_process_enabled() and base_url.startswith(site + "/"):
        session.mount(site + "/", InProcessAdapter())
    return session


def demo_base(path: str) -> str:
    """The URL of a demo twin served by this site, e.g. ``demo_base('dvcqg')``."""
    return f"{settings.SITE_URL.rstrip('/')}/integrations/demo/{path.strip('/')}/"


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")

"""Our HTTP client of the national payment platform's API: the payment request and the look-up
by MaTraCuuTT, each answer's signature and shape checked. Every failure — no answer in time,
an HTTP error, an answer that is not what the protocol says — is a ``PlatformUnavailable`` with
a reason for the log; the person sees one clear message (``plugin``)."""

from __future__ import annotations

import json
import logging

import jsonschema
import requests
from django.conf import settings

from motcua.integrations.http import InProcessAdapter, session_for
from motcua.payments import conf

from . import protocol as p

logger = logging.getLogger(__name__)

# The demo platform cannot keep an in-process caller waiting (there is no socket to time
# out), so in its "timeout" mode it answers at once with this header, which the in-process
# transport below turns into the timeout a real socket would raise. Over the network the demo
# platform really waits longer than PAYGOV_TIMEOUT.
SIMULATED = "X-Demo-Simulated"
IN_PROCESS = "X-Motcua-In-Process"


class PlatformUnavailable(Exception):
    """The platform did not give a usable answer."""


class _TwinAwareAdapter(InProcessAdapter):
    def send(self, request, **kwargs):
        request.headers[IN_PROCESS] = "1"
        response = super().send(request, **kwargs)
        if response.headers.get(SIMULATED) == "timeout":
            raise requests.ReadTimeout("the demo platform simulated a timeout", request=request)
        return response


def _session() -> requests.Session:
    base = conf.paygov_url()
    session = session_for(base)
    site = settings.SITE_URL.rstrip("/") + "/"
    if isinstance(session.get_adapter(base), InProcessAdapter):
        session.mount(site, _TwinAwareAdapter())
    return session


def _answer(response: requests.Response, schema: dict) -> dict:
    if response.status_code >= 500:
        raise PlatformUnavailable(f"HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError as error:
        raise PlatformUnavailable(f"not JSON (HTTP {response.status_code})") from error
    if not isinstance(body, dict):
        raise PlatformUnavailable("not a JSON object")
    try:
        jsonschema.validate(body, schema)
    except jsonschema.ValidationError as error:
        raise PlatformUnavailable(f"answer out of protocol: {error.message}") from error
    if not p.verify(body, conf.paygov_secret()):
        raise PlatformUnavailable("answer with a bad signature")
    return body


def _call(method: str, url: str, **kwargs) -> requests.Response:
    try:
        return _session().request(method, url, timeout=conf.paygov_timeout(), **kwargs)
    except requests.Timeout as error:
        raise PlatformUnavailable("timeout") from error
    except requests.RequestException as error:
        raise PlatformUnavailable(f"connection: {error}") from error


def send_request(message: dict) -> dict:
    """POST the signed payment request; the platform's signed answer (any MaLoi)."""
    body = json.dumps(message, ensure_ascii=False).encode()
    response = _call(
        "POST",
        conf.paygov_url() + "api/payment-requests",
        data=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    return _answer(response, p.ANSWER_SCHEMA)


def look_up(lookup_code: str, *, at) -> dict:
    """The platform's signed statement about the payment ``lookup_code`` (MaLoi 00 paid, 24
    cancelled, 01 not paid yet, 04 unknown)."""
    query = p.sign(
        {"MaDoiTac": conf.paygov_partner(), "MaTraCuuTT": lookup_code, "ThoiGian": p.stamp(at)},
        conf.paygov_secret(),
    )
    response = _call("GET", conf.paygov_url() + f"api/payments/{lookup_code}", params=query)
    body = _answer(response, {"type": "object", "required": ["MaLoi", "ChuKy"]})
    return body

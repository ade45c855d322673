"""The demo register (CSDL quốc gia về dân cư mô phỏng), served by this site: it refuses callers
without its credentials, checks every request against ``protocol.REQUEST_SCHEMA``, answers the
people of ``people``, and can be made to fail (``DEMO_POPULATION_FAIL`` or the administrator's
``DemoRegisterSwitch``: HTTP 500, an answer later than the client waits, malformed JSON)."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time

import jsonschema
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.integrations.models import DemoFailure, DemoRegisterSwitch

from . import conf, people, protocol

_VALIDATOR = jsonschema.Draft202012Validator(protocol.REQUEST_SCHEMA)


def failure_mode() -> str:
    forced = conf.forced_failure()
    if forced:
        return forced
    switch = DemoRegisterSwitch.objects.first()
    return switch.failure if switch is not None else DemoFailure.NONE


def _authenticated(request) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _space, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return False
    try:
        decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    client, _colon, secret = decoded.partition(":")
    return hmac.compare_digest(client, conf.accepted_client_id()) and hmac.compare_digest(
        secret, conf.accepted_secret()
    )


def _failure(mode: str) -> HttpResponse | None:
    if mode == DemoFailure.ERROR:
        return HttpResponse("Internal Server Error", status=500, content_type="text/plain")
    if mode == DemoFailure.TIMEOUT:
        time.sleep(conf.delay())
        return None  # answers, but after the client stopped waiting
    if mode == DemoFailure.MALFORMED:
        return HttpResponse(b'{"KetQua": "TIM_THAY", "CongDan": {', content_type="application/json")
    return None


@csrf_exempt
@require_POST
def lookup(request):
    if not _authenticated(request):
        response = JsonResponse({"KetQua": protocol.UNAUTHENTICATED}, status=401)
        response["WWW-Authenticate"] = 'Basic realm="csdl-dan-cu-demo"'
        return response
    failed = _failure(failure_mode())
    if failed is not None:
        return failed
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _invalid(["Nội dung yêu cầu không phải JSON."])
    problems = [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(gốc)'}: {e.message}"
        for e in _VALIDATOR.iter_errors(body)
    ]
    if problems:
        return _invalid(problems)
    if not body["DongY"]["CoDongY"]:
        return JsonResponse(
            {"KetQua": protocol.REFUSED, "LoiChiTiet": ["Không có sự đồng ý của công dân."]},
            status=403,
        )
    record = people.everyone().get(body["SoDinhDanh"])
    if record is None:
        return JsonResponse(
            {"MaYeuCau": body["MaYeuCau"], "KetQua": protocol.NOT_FOUND}, status=404
        )
    return JsonResponse(
        {"MaYeuCau": body["MaYeuCau"], "KetQua": protocol.FOUND, "CongDan": record},
        json_dumps_params={"ensure_ascii": False},
    )


def _invalid(problems: list[str]) -> JsonResponse:
    return JsonResponse(
        {"KetQua": protocol.INVALID, "LoiChiTiet": problems},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )

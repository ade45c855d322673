"""The demo operator's HTTP API (``/integrations/demo/post/``): every request authenticated with
the customer's key and checked against the protocol's JSON schema; answers in JSON. The failure
switch (``DEMO_POST_FAIL`` or the admin switch) makes every call fail the chosen way."""

from __future__ import annotations

import hmac
import json
import time
from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from motcua.integrations.models import DemoShipment
from motcua.integrations.postal import conf

from . import operator
from . import protocol as p


def _error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message} | extra}, status=status)


def api(view):
    """Credentials first, then the failure switch, then the view."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        client = request.headers.get(p.CLIENT_HEADER, "")
        auth = request.headers.get("Authorization", "")
        key = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else ""
        try:
            expected = (conf.twin_client_id(), conf.twin_api_key())
        except ImproperlyConfigured:  # production without the demo's secrets: it is not open
            return _error(503, "not_configured", "The demo postal operator is not configured.")
        if not (hmac.compare_digest(client, expected[0]) and hmac.compare_digest(key, expected[1])):
            return _error(401, "unauthorized", "Unknown client or wrong API key.")
        mode = operator.failure_mode()
        if mode == "500":
            return _error(500, "internal", "Demo operator failure (switched on).")
        if mode == "timeout":
            time.sleep(conf.twin_stall_seconds())
            return _error(504, "timeout", "Demo operator did not answer in time.")
        if mode == "malformed":
            return HttpResponse(b"<html>Bao tri he thong", content_type="text/html", status=200)
        return view(request, client, *args, **kwargs)

    return wrapper


def _track(shipment: DemoShipment) -> dict:
    return {
        "tracking_code": shipment.tracking_code,
        "reference": shipment.client_reference,
        "status": shipment.status,
        "events": [event_json(e) for e in shipment.events.all()],
    }


def event_json(event) -> dict:
    return {
        "id": event.event_id,
        "status": event.status,
        "at": p.iso(event.at),
        "place": event.place,
        "note": event.note,
    }


@require_http_methods(["POST"])
@api
def create_order(request, client):
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return _error(400, "invalid_json", "The body is not JSON.")
    found = p.problems(data, p.ORDER_REQUEST)
    if found:
        return _error(400, "invalid_request", "The order does not match the schema.", details=found)
    shipment, created = operator.accept(client, data)
    answer = {
        "tracking_code": shipment.tracking_code,
        "status": shipment.status,
        "fee": int(shipment.fee),
        "zone": shipment.zone,
        "accepted_at": p.iso(shipment.created_at),
    }
    return JsonResponse(answer, status=201 if created else 200)


def _shipment(client, code):
    return DemoShipment.objects.filter(client_id=client, tracking_code=code).first()


@require_http_methods(["GET"])
@api
def order_status(request, client, code):
    shipment = _shipment(client, code)
    if shipment is None:
        return _error(404, "not_found", "No such shipment.")
    return JsonResponse(_track(shipment))


@require_http_methods(["POST"])
@api
def cancel_order(request, client, code):
    if _shipment(client, code) is None:
        return _error(404, "not_found", "No such shipment.")
    try:
        operator.advance(code, operator.S.CANCELLED, note="Hủy theo yêu cầu của khách hàng")
    except operator.Refusal as refusal:
        return _error(refusal.status, refusal.code, refusal.message)
    return JsonResponse({"tracking_code": code, "status": "cancelled"})

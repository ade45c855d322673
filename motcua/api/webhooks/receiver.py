"""The demo receiver of webhooks (nơi nhận thử), at ``/api/v1/demo/webhooks/<name>/``: what an
integrator's endpoint does, in a few lines — verify the signature over the raw body and the
timestamp's replay window, ignore an id already received, answer 2xx quickly. It keeps what it
got (``DemoReceipt``) for tests and for integrators trying the API. Its ``failing`` switch or
``DEMO_WEBHOOK_RECEIVER_FAIL=1`` makes it answer 503, so retries can be watched."""

from __future__ import annotations

import json

from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..models_webhooks import DemoReceipt, DemoReceiver
from . import conf, signing


def _header(request, name: str) -> str:
    return request.headers.get(name, "")


@csrf_exempt
@require_POST
def receive(request, name: str):
    receiver = DemoReceiver.objects.filter(name=name).first()
    if receiver is None:
        raise Http404
    if receiver.failing or conf.demo_receiver_failing():
        return JsonResponse({"error": "unavailable"}, status=503)
    body = request.body
    key = _header(request, signing.ID_HEADER)[:80]
    event_type = _header(request, signing.EVENT_HEADER)[:40]
    receipt = DemoReceipt(
        receiver=receiver,
        received_at=timezone.now(),
        delivery_key=key,
        event_type=event_type,
        body=body.decode("utf-8", errors="replace"),
    )
    try:
        signing.verify(
            receiver.secret,
            body,
            _header(request, signing.TIMESTAMP_HEADER),
            _header(request, signing.SIGNATURE_HEADER),
            tolerance=conf.tolerance(),
        )
        json.loads(body)
    except (signing.BadSignature, ValueError) as error:
        receipt.error = str(error)[:255]
        receipt.save()
        return JsonResponse({"error": "bad_signature", "detail": receipt.error}, status=400)
    receipt.accepted = True
    receipt.duplicate = DemoReceipt.objects.filter(
        receiver=receiver, delivery_key=key, accepted=True
    ).exists()
    receipt.save()
    return JsonResponse({"received": key, "duplicate": receipt.duplicate})

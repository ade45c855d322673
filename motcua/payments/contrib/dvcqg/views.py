"""The demo national payment platform's HTTP side: its API (payment request, look-up), which
the failure switch can break, and the payer's page, clearly a demonstration."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.payments import conf

from . import platform
from . import protocol as p
from .client import IN_PROCESS, SIMULATED
from .models import PaygovBill, PaygovBillStatus


def _base(request) -> str:
    return request.build_absolute_uri("/payments/demo-paygov/")


def _failure_response(request) -> HttpResponse | None:
    failure = platform.current_failure()
    if failure == "500":
        return JsonResponse({"error": "Internal Server Error"}, status=500)
    if failure == "timeout":
        if not request.headers.get(IN_PROCESS):
            time.sleep(conf.paygov_timeout() + 1)  # a caller over the network times out
        response = JsonResponse({"error": "Gateway Timeout"}, status=504)
        response[SIMULATED] = "timeout"
        return response
    if failure == "malformed":
        return HttpResponse(b"<html>Bao tri he thong</html>", content_type="text/html")
    return None


@csrf_exempt
@require_POST
def api_request(request):
    """POST api/payment-requests: the signed DVCQG payment request, answered with the URL of
    the payer's page (or a signed refusal)."""
    failed = _failure_response(request)
    if failed is not None:
        return failed
    try:
        message = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return JsonResponse(
            platform.answer(p.BAD_REQUEST, "Thân yêu cầu không phải JSON"), status=400
        )
    try:
        bill = platform.accept_request(message)
    except platform.Refused as refusal:
        status = 401 if refusal.code == p.BAD_SIGNATURE else 400
        return JsonResponse(platform.answer(refusal.code, refusal.text), status=status)
    return JsonResponse(
        platform.answer(
            p.OK,
            "Đã tiếp nhận yêu cầu thanh toán",
            MaTraCuuTT=bill.lookup_code,
            MaGiaoDich=bill.platform_reference,
            UrlThanhToan=platform.pay_url(bill, _base(request)),
        )
    )


@require_GET
def api_lookup(request, code: str):
    """GET api/payments/<MaTraCuuTT>?MaDoiTac=…&ThoiGian=…&ChuKy=…: the signed state."""
    failed = _failure_response(request)
    if failed is not None:
        return failed
    query = request.GET.dict() | {"MaTraCuuTT": code}
    try:
        return JsonResponse(platform.look_up(query))
    except platform.Refused as refusal:
        return JsonResponse(platform.answer(refusal.code, refusal.text), status=401)


def _return_url(bill: PaygovBill) -> str:
    target = bill.request["UrlTraVe"]
    separator = "&" if "?" in target else "?"
    return f"{target}{separator}{urlencode(platform.result(bill))}"


@require_http_methods(["GET", "POST"])
def pay(request, code: str):
    """The payer's page: the bill, the payee account, a method, pay or cancel."""
    bill = PaygovBill.objects.filter(lookup_code=code).first()
    if bill is None:
        return render(request, "payments/dvcqg/refused.html", {"reason": "unknown"}, status=404)
    if bill.status != PaygovBillStatus.PENDING:
        return HttpResponseRedirect(_return_url(bill))  # decided: back with the same result
    if bill.expires_at <= timezone.now():
        return render(request, "payments/dvcqg/refused.html", {"reason": "expired"}, status=400)
    error = ""
    if request.method == "POST":
        choice = request.POST.get("choice")
        method = request.POST.get("method", "")
        if choice == "cancel" or (choice == "pay" and method in p.METHODS):
            bill = platform.decide(bill, approve=choice == "pay", method=method)
            return HttpResponseRedirect(_return_url(bill))
        error = "method"
    context = {
        "bill": bill,
        "message": bill.request,
        "methods": list(p.METHODS.items()),
        "chosen": request.POST.get("method", "atm"),
        "error": error,
    }
    return render(request, "payments/dvcqg/pay.html", context, status=400 if error else 200)

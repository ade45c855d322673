"""The demo bank's pages: clearly a demonstration, no real money."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import bank


@require_http_methods(["GET", "POST"])
def pay(request):
    params = request.POST.dict() if request.method == "POST" else request.GET.dict()
    try:
        ours = bank.check_request(params)
    except bank.BadRequest as refusal:
        return render(request, "payments/demo/refused.html", {"reason": str(refusal)}, status=400)
    if request.method == "POST":
        _entry, result = bank.answer(ours, approve=request.POST.get("choice") == "approve")
        separator = "&" if "?" in ours["mc_ReturnUrl"] else "?"
        return HttpResponseRedirect(f"{ours['mc_ReturnUrl']}{separator}{urlencode(result)}")
    return render(
        request,
        "payments/demo/pay.html",
        {"params": ours, "amount": int(ours["mc_Amount"])},
    )

"""Thin views: read through the access functions, write through ``services``."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from motcua.accounts import throttle
from motcua.documents import services as documents
from motcua.documents.bodylimit import small_body
from motcua.dossiers.access import capacity_for, get_dossier_for
from motcua.dossiers.constants import Action
from motcua.dossiers.models import Dossier

from . import conf, selectors, services
from .constants import ACCEPTED_OUTCOMES, Source, TransactionStatus
from .forms import CashForm
from .models import Transaction
from .registry import registry


def _dossier(user, code: str) -> Dossier:
    try:
        return get_dossier_for(user, code)
    except Dossier.DoesNotExist as missing:
        raise Http404 from missing


def _transaction(user, pk: int) -> Transaction:
    try:
        return selectors.get_transaction_for(user, pk)
    except Transaction.DoesNotExist as missing:
        raise Http404 from missing


def _plugin(gateway: str):
    if gateway not in registry:
        raise Http404
    return registry.get(gateway)


@login_required
@require_http_methods(["GET", "POST"])
def pay(request, code):
    """The fee lines still due and a button that starts an online payment."""
    dossier = _dossier(request.user, code)
    if request.method == "POST":
        try:
            txn = services.start_payment(
                dossier, actor=request.user, gateway=request.POST.get("gateway") or None
            )
            return_url = request.build_absolute_uri(
                reverse("payments:return", kwargs={"gateway": txn.gateway})
            )
            # The gateway is asked now (the national platform answers a request with the
            # payer's page); when it cannot be reached the order stays open to try again.
            target = registry.get(txn.gateway).start_url(
                txn, return_url=return_url, client_ip=request.META.get("REMOTE_ADDR", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("payments:pay", code=code)
        return redirect(target)
    fees = list(selectors.unpaid_fees(dossier))
    return render(
        request,
        "payments/pay.html",
        {
            "dossier": dossier,
            "fees": fees,
            "total": sum(fee.amount for fee in fees),
            "transactions": selectors.transactions_for(dossier),
            "gateways": [registry.get(name) for name in conf.gateways() if name in registry],
            "chosen": _chosen_gateway(dossier),
        },
    )


def _chosen_gateway(dossier) -> str:
    """The gateway preselected: the one of the order still open (after a failure the person
    finds their choice kept), else the first offered."""
    pending = dossier.payment_transactions.filter(status=TransactionStatus.PENDING).first()
    return pending.gateway if pending is not None else conf.gateway()


@require_http_methods(["GET"])
def gateway_return(request, gateway):
    """Where the gateway sends the browser back: verified and applied like a notification."""
    _plugin(gateway)
    outcome, txn = services.apply_gateway_message(
        gateway,
        request.GET.dict(),
        source=Source.RETURN,
        address=throttle.client_address(request),
    )
    accepted = outcome in ACCEPTED_OUTCOMES
    return render(
        request,
        "payments/return.html",
        {
            "accepted": accepted,
            "paid": accepted and txn is not None and txn.status == TransactionStatus.PAID,
            "refund_due": accepted
            and txn is not None
            and txn.status == TransactionStatus.REFUND_DUE,
            "transaction": txn if accepted else None,
        },
        status=200 if accepted else 400,
    )


@small_body
@csrf_exempt
@require_http_methods(["GET", "POST"])
def gateway_notification(request, gateway):
    """The server-to-server notification (IPN): verified, applied once, acknowledged. A sender
    over its rate is refused before the body is read."""
    plugin = _plugin(gateway)
    if not throttle.callback_allowed(request, f"ipn:{gateway}"):
        return throttle.too_many_callbacks()
    params = request.POST.dict() if request.method == "POST" else request.GET.dict()
    if request.method == "POST" and request.content_type == "application/json":
        try:
            body = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            body = None
        # A body that is not a JSON object is logged as malformed like any unreadable message.
        params = (
            body if isinstance(body, dict) else {"body": request.body.decode("utf-8", "replace")}
        )
    outcome, _txn = services.apply_gateway_message(
        gateway, params, source=Source.IPN, address=throttle.client_address(request)
    )
    return JsonResponse(plugin.notification_response(outcome))


@login_required
def transaction_detail(request, pk):
    txn = _transaction(request.user, pk)
    return render(
        request, "payments/transaction.html", {"transaction": txn, "dossier": txn.dossier}
    )


@login_required
def receipt(request, pk):
    """The e-receipt as issued and signed; while its signing task has not run yet, a page that
    says so (opening a page never signs anything)."""
    txn = _transaction(request.user, pk)
    if txn.status != TransactionStatus.PAID or not txn.receipt_number:
        raise Http404
    if txn.receipt_document_id is None or txn.receipt_document.file_id is None:
        return render(
            request,
            "payments/receipt_pending.html",
            {"transaction": txn, "dossier": txn.dossier},
        )
    response = HttpResponse(
        documents.read_bytes(txn.receipt_document.file), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        False, selectors.receipt_file_name(txn)
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def cash(request, code):
    """Cash at the desk: officers of the receiving desk only."""
    dossier = _dossier(request.user, code)
    try:
        capacity_for(request.user, dossier, Action.CONFIRM_PAYMENT)
    except ValidationError as refusal:
        raise Http404 from refusal
    form = CashForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            txn = services.record_cash_payment(
                dossier, actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("payments:transaction", pk=txn.pk)
    fees = list(selectors.unpaid_fees(dossier))
    return render(
        request,
        "payments/cash.html",
        {"dossier": dossier, "fees": fees, "total": sum(f.amount for f in fees), "form": form},
    )

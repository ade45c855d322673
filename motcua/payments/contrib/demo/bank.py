"""The bank side of the demo gateway, standing in for the gateway's servers: it checks our
signed request, records the customer's choice in its own ledger, answers the browser with a
signed redirect to our return URL and sends the signed notification (IPN) as a task.

A real gateway calls our IPN URL over HTTP; here the task calls the same service the IPN view
calls, in-process, so the demo works offline and a stopped worker shows a delayed notification.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import protocol as p
from .models import DemoLedgerEntry


class BadRequest(Exception):
    """The payment request is forged, incomplete or expired."""


def check_request(params: dict) -> dict[str, str]:
    ours = p.only_ours(params)
    if not p.is_authentic(ours):
        raise BadRequest("signature")
    if any(not ours.get(name) for name in p.REQUEST_FIELDS):
        raise BadRequest("fields")
    if p.parse_stamp(ours["mc_ExpireDate"]) < timezone.now():
        raise BadRequest("expired")
    return ours


def answer(request_params: dict[str, str], *, approve: bool, bank_code: str = "DEMOBANK"):
    """Record the customer's choice; returns the ledger entry and the signed result. The
    notification task is enqueued in the same transaction as the ledger row."""
    from .tasks import send_notification

    now = timezone.now()
    with transaction.atomic():
        paid = DemoLedgerEntry.objects.filter(
            merchant=request_params["mc_MerchantCode"],
            order_reference=request_params["mc_TxnRef"],
            response_code=p.SUCCESS,
        ).first()
        if paid is not None:  # like a real bank, an order is never charged twice
            return paid, result_params(paid)
        entry = DemoLedgerEntry.objects.create(
            merchant=request_params["mc_MerchantCode"],
            order_reference=request_params["mc_TxnRef"],
            bank_reference=f"{now.astimezone(p.VN):%y%m%d}{secrets.randbelow(10**8):08d}",
            amount=Decimal(request_params["mc_Amount"]),
            currency=request_params["mc_CurrCode"],
            response_code=p.SUCCESS if approve else p.CANCELLED,
            bank_code=bank_code,
            at=now,
        )
        send_notification.enqueue(entry.pk)
    return entry, result_params(entry)


def result_params(entry: DemoLedgerEntry) -> dict[str, str]:
    return p.signed(
        {
            "mc_MerchantCode": entry.merchant,
            "mc_TxnRef": entry.order_reference,
            "mc_Amount": str(int(entry.amount)),
            "mc_CurrCode": entry.currency,
            "mc_ResponseCode": entry.response_code,
            "mc_TransactionNo": entry.bank_reference,
            "mc_BankCode": entry.bank_code,
            "mc_PayDate": p.stamp(entry.at),
        }
    )

"""Use cases of payments. Every gateway message goes through ``apply_gateway_message``: verify,
lock the transaction row, apply once, log the message — so duplicates, a return before or after
the notification and late notifications are harmless, whatever order they arrive in."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.catalog.constants import FeeStage
from motcua.dossiers import services as dossier_services
from motcua.dossiers.access import capacity_for
from motcua.dossiers.constants import ALLOWED_FROM, Action, Status
from motcua.dossiers.errors import NotPermitted
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.signals import send_changed

from . import collecting, conf
from .base import GatewayResult, InvalidMessage
from .constants import (
    CASH_GATEWAY,
    CURRENCY,
    SETTLED,
    Method,
    Outcome,
    Source,
    TransactionStatus,
)
from .errors import PaymentError
from .models import GatewayMessage, RefusedMessageCount, Transaction, TransactionLine
from .registry import registry

# A dossier that was never filed or has ended without a result owes nothing more.
NOT_PAYABLE = frozenset({Status.DRAFT, Status.REFUSED_AT_INTAKE, Status.STOPPED, Status.WITHDRAWN})


def _lock(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def _check_payable(dossier: Dossier, *, stage: str | None = None) -> list[DossierFee]:
    if dossier.status in NOT_PAYABLE:
        raise PaymentError(_("Hồ sơ ở trạng thái này không thu phí, lệ phí."), code="not_payable")
    unpaid = dossier.fees.payable()
    if stage is not None:
        unpaid = unpaid.filter(stage=stage)
    fees = list(unpaid.order_by("id"))
    if not fees:
        raise PaymentError(_("Hồ sơ không còn khoản phải nộp."), code="nothing_due")
    return fees


def _require_person(actor) -> None:
    # capacity_for lets the system (None) confirm payments; starting one or taking cash needs
    # a signed-in person.
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("Thao tác này cần một người thực hiện."), code="no_actor")


def _check_payer(actor, dossier: Dossier) -> None:
    """The applicant pays their own dossier; an officer only as the receiving desk."""
    _require_person(actor)
    if getattr(actor, "is_applicant", False) and dossier.applicant_id == actor.pk:
        return
    capacity_for(actor, dossier, Action.CONFIRM_PAYMENT)


def new_lookup_code(now: datetime.datetime) -> str:
    """A payment look-up code (MaTraCuuTT): the local date and 10 random digits, 16 digits in
    all, so the payer can type it at a bank and nobody can guess another's."""
    while True:
        code = f"{timezone.localtime(now):%y%m%d}{secrets.randbelow(10**10):010d}"
        if not Transaction.objects.filter(lookup_code=code).exists():
            return code


def _new_transaction(dossier, fees, *, gateway, method, actor, now, expires_at=None):
    txn = Transaction.objects.create(
        dossier=dossier,
        gateway=gateway,
        method=method,
        amount=sum(fee.amount for fee in fees),
        currency=CURRENCY,
        started_by=actor,
        created_at=now,
        expires_at=expires_at,
        lookup_code=new_lookup_code(now) if method == Method.ONLINE else None,
    )
    TransactionLine.objects.bulk_create(
        [
            TransactionLine(transaction=txn, fee=fee, name=fee.name, amount=fee.amount)
            for fee in fees
        ]
    )
    return txn


def start_payment(
    dossier: Dossier, *, actor, gateway: str | None = None, at: datetime.datetime | None = None
) -> Transaction:
    """Start paying every unpaid fee line of ``dossier`` online: a pending transaction whose id
    is the order reference. Starting again while an unexpired one covers the same lines returns
    that one, so two tabs never create two orders for the same money."""
    gateway = gateway or conf.gateway()
    if gateway not in registry or gateway not in conf.gateways():
        raise PaymentError(_("Cổng thanh toán không được hỗ trợ."), code="unknown_gateway")
    now = at or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        _check_payer(actor, locked)
        fees = _check_payable(locked)
        expire_transactions(now, dossier=locked)
        wanted = {fee.pk for fee in fees}
        for pending in locked.payment_transactions.filter(
            status=TransactionStatus.PENDING, gateway=gateway
        ).prefetch_related("lines"):
            if {line.fee_id for line in pending.lines.all()} == wanted:
                return pending
        txn = _new_transaction(
            locked,
            fees,
            gateway=gateway,
            method=Method.ONLINE,
            actor=actor,
            now=now,
            expires_at=now + conf.ttl(),
        )
        audit.record(
            actor=actor,
            verb="start_payment",
            obj=txn,
            at=now,
            code=locked.code,
            amount=str(txn.amount),
        )
    return txn


def expire_transactions(now: datetime.datetime | None = None, *, dossier=None) -> int:
    """Mark pending transactions past their expiry as expired; a late success still counts."""
    qs = Transaction.objects.filter(
        status=TransactionStatus.PENDING, expires_at__lte=now or timezone.now()
    )
    if dossier is not None:
        qs = qs.filter(dossier=dossier)
    return qs.update(status=TransactionStatus.EXPIRED)


def record_cash_payment(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    stage: str | None = None,
    at: datetime.datetime | None = None,
) -> Transaction:
    """Cash at the one-stop desk (thu tiền mặt tại quầy): only an officer of the receiving
    desk; every unpaid line (with ``stage``, a ``FeeStage``: those collected at that stage) is
    paid and an e-receipt is issued."""
    now = at or timezone.now()
    with transaction.atomic():
        _require_person(actor)
        locked = _lock(dossier)
        capacity_for(actor, locked, Action.CONFIRM_PAYMENT)
        fees = _check_payable(locked, stage=stage)
        txn = _new_transaction(
            locked, fees, gateway=CASH_GATEWAY, method=Method.CASH, actor=actor, now=now
        )
        txn.note = (note or "").strip()[:255]
        _settle(txn, gateway_reference="", paid_at=now, actor=actor, now=now)
    return txn


def receive_with_cash_payment(
    *, actor, note: str = "", at: datetime.datetime | None = None, **receipt
) -> Dossier:
    """Desk intake with the fees due at receipt taken in cash at the counter (thu phí, lệ phí
    tại quầy): ``dossiers.services.receive`` (``receipt`` are its arguments) and the cash for
    the lines collected at receipt (``FeeStage.AT_RECEIPT``) in one transaction. The receipt
    form, issued once, then shows them paid; a refused payment leaves no dossier behind.
    Repeating the intake's idempotency key returns the dossier without taking the money twice."""
    now = at or timezone.now()
    with transaction.atomic():
        dossier = dossier_services.receive(actor=actor, at=now, **receipt)
        due = dossier.fees.filter(stage=FeeStage.AT_RECEIPT, amount__gt=0)
        if due.exists() and not due.payable().exists():
            return dossier  # a repeated request: the first one took the money
        try:
            record_cash_payment(dossier, actor=actor, note=note, stage=FeeStage.AT_RECEIPT, at=now)
        except ValidationError as error:
            raise PaymentError(
                [
                    _("Chưa thu được phí, lệ phí tại quầy nên hồ sơ chưa được tiếp nhận."),
                    *error.messages,
                ]
            ) from error
    dossier.refresh_from_db()
    return dossier


def mark_fees_paid(fees, *, at: datetime.datetime, online: bool, reference: str) -> int:
    """Fee lines paid outside a financial-obligation pause (lines collected at receipt, at a
    supplement or at the return of the result): recorded on the lines, the dossier's state and
    clock untouched. Lines already paid are left as they are."""
    ids = [fee.pk for fee in fees]
    with transaction.atomic():
        paid = DossierFee.objects.filter(pk__in=ids, paid_at__isnull=True).update(
            paid_at=at, paid_online=online, payment_reference=reference
        )
        send_changed(fee.dossier_id for fee in fees)
    return paid


def _number_receipt(txn: Transaction, unit, paid_at: datetime.datetime) -> None:
    """The receipt's symbols and the next number of the collecting unit's series (ND 123/2020);
    its signed PDF is issued by a task after commit (``receipts.issue_receipt``), so a signing
    service that is down never stops money being recorded."""
    from .tasks import issue_receipt

    form, symbol, number = collecting.take_receipt_number(unit, paid_at)
    txn.collecting_unit = unit
    txn.receipt_form, txn.receipt_symbol, txn.receipt_sequence = form, symbol, number
    txn.receipt_number = collecting.receipt_number_text(symbol, number)
    issue_receipt.enqueue(txn.pk)


def _settle(txn: Transaction, *, gateway_reference: str, paid_at, actor, now) -> None:
    """The money of ``txn`` arrived. Pays its lines once; if any of them was paid meanwhile (by
    cash or another order), the money is kept on record as due for refund instead."""
    dossier = Dossier.objects.select_for_update().get(pk=txn.dossier_id)
    lines = list(txn.lines.all())
    fee_ids = {line.fee_id for line in lines}
    txn.gateway_reference = gateway_reference
    txn.paid_at = paid_at
    online = txn.method == Method.ONLINE
    if DossierFee.objects.filter(pk__in=fee_ids, paid_at__isnull=False).exists():
        txn.status = TransactionStatus.REFUND_DUE
        txn.save()
        audit.record(actor=actor, verb="payment_refund_due", obj=txn, at=now, code=dossier.code)
        return
    txn.status = TransactionStatus.PAID
    _number_receipt(txn, dossier.receiving_unit, paid_at)
    txn.save()
    TransactionLine.objects.filter(transaction=txn).update(settled=True)
    reference = gateway_reference or txn.receipt_number
    if online:
        reference = f"{txn.gateway}:{reference}"
    unpaid = set(dossier.fees.payable().values_list("pk", flat=True))
    if dossier.status == Status.AWAITING_PAYMENT and unpaid == fee_ids:
        # ND 61/2018: the obligation is met, the paused clock resumes.
        dossier_services.confirm_payment(
            dossier,
            actor=actor,
            reference=reference,
            online=online,
            idempotency_key=f"payments:{txn.pk}",
            at=now,
        )
    elif dossier.status in ALLOWED_FROM[Action.RECORD_PAYMENT]:
        # Lines collected at receipt, at a supplement or at return: the dossier's history
        # records the payment; its state and clock do not move.
        dossier_services.record_fee_payment(
            dossier,
            actor=actor,
            fee_ids=fee_ids,
            reference=reference,
            online=online,
            idempotency_key=f"payments:{txn.pk}",
            at=paid_at,
        )
    else:
        # A closed dossier (e.g. money arriving after withdrawal): the money is still recorded.
        mark_fees_paid([line.fee for line in lines], at=paid_at, online=online, reference=reference)
    audit.record(
        actor=actor,
        verb="payment_settled",
        obj=txn,
        at=now,
        code=dossier.code,
        amount=str(txn.amount),
        receipt=txn.receipt_number,
    )


def apply_gateway_message(
    gateway: str,
    params: dict,
    *,
    source: str,
    at: datetime.datetime | None = None,
    address: str = "",
) -> tuple[str, Transaction | None]:
    """Verify and apply a return or notification from ``gateway`` (sent from ``address``);
    returns the outcome and the transaction. A verified message is logged with its outcome,
    only the protocol's fields kept; a refused one (forged, unreadable) is only counted."""
    now = at or timezone.now()
    plugin = registry.get(gateway)
    params = {str(k): str(v) for k, v in params.items()}
    try:
        result = plugin.parse_result(params)
    except InvalidMessage as error:
        outcome = Outcome.BAD_SIGNATURE if error.signature else Outcome.MALFORMED
        _count_refused(gateway, source, outcome, address, now)
        return outcome, None
    kept = protocol_fields(plugin, params)
    return apply_result(gateway, result, source=source, params=kept, at=now)


# The longest value kept of one field of a gateway message.
MESSAGE_VALUE_MAX = 255


def protocol_fields(plugin, params: dict) -> dict[str, str]:
    """The fields of ``params`` that the gateway's protocol defines, each cut to its longest."""
    return {k: str(v)[:MESSAGE_VALUE_MAX] for k, v in params.items() if k in plugin.message_fields}


def _count_refused(gateway, source, outcome, address, at) -> None:
    """Count a refused message in its hour's row: a summary, never the message itself."""
    hour = at.replace(minute=0, second=0, microsecond=0)
    key = {
        "gateway": gateway,
        "source": source if source in Source.values else Source.IPN,
        "outcome": outcome,
        "address": (address or "")[:45],
        "hour": hour,
    }
    with transaction.atomic():
        row, _created = RefusedMessageCount.objects.get_or_create(
            **key, defaults={"count": 0, "last_at": at}
        )
        RefusedMessageCount.objects.filter(pk=row.pk).update(count=F("count") + 1, last_at=at)


def apply_result(
    gateway: str, result: GatewayResult, *, source: str, params: dict, at: datetime.datetime
) -> tuple[str, Transaction | None]:
    """Apply a verified result (from a message, or a reconciliation report line)."""
    try:
        pk = int(result.order_reference)
    except ValueError:
        _log(gateway, source, None, params, Outcome.UNKNOWN_ORDER, at)
        return Outcome.UNKNOWN_ORDER, None
    try:
        with transaction.atomic():
            txn = Transaction.objects.select_for_update().filter(pk=pk, gateway=gateway).first()
            outcome = Outcome.UNKNOWN_ORDER if txn is None else _apply_locked(txn, result, at)
            _log(gateway, source, txn, params, outcome, at)
    except IntegrityError:
        # The same bank transaction was recorded by a concurrent message first.
        txn = Transaction.objects.filter(pk=pk).first()
        _log(gateway, source, txn, params, Outcome.DUPLICATE, at)
        return Outcome.DUPLICATE, txn
    return outcome, txn


def _apply_locked(txn: Transaction, result: GatewayResult, now) -> str:
    if result.currency != txn.currency:
        return Outcome.BAD_CURRENCY
    if result.amount != txn.amount:
        return Outcome.BAD_AMOUNT
    if txn.status in SETTLED:
        if not result.success or result.gateway_reference == txn.gateway_reference:
            return Outcome.DUPLICATE
        # A second bank payment of the same order: the money is on record (this message) and due back.
        return Outcome.REFUND_DUE
    if not result.success:
        if txn.status == TransactionStatus.PENDING:
            txn.status = TransactionStatus.FAILED
            txn.save(update_fields=["status"])
        return Outcome.DECLINED
    late = txn.status == TransactionStatus.EXPIRED or (
        txn.expires_at is not None and now > txn.expires_at
    )
    _settle(
        txn,
        gateway_reference=result.gateway_reference,
        paid_at=result.paid_at or now,
        actor=None,
        now=now,
    )
    if txn.status == TransactionStatus.REFUND_DUE:
        return Outcome.REFUND_DUE
    return Outcome.APPLIED_LATE if late else Outcome.APPLIED


def _log(gateway, source, txn, params, outcome, at) -> GatewayMessage:
    return GatewayMessage.objects.create(
        gateway=gateway,
        source=source if source in Source.values else Source.IPN,
        transaction=txn,
        params=params,
        outcome=outcome,
        received_at=at,
    )

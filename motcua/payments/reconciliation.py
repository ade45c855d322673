"""Daily reconciliation (đối soát): our settled transactions of a day against the gateway's
report of the same day. Every payment the report confirms is kept as reconciled
(``ReconciledPayment``): only those count as collected and available to remit to the treasury
(``payments.ledger``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from . import services, treasury
from .base import GatewayResult, ReportLine
from .constants import SETTLED, Outcome, Source, TransactionStatus
from .models import Transaction
from .registry import registry

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Reconciliation:
    gateway: str
    day: datetime.date
    matched: list[tuple[Transaction, ReportLine]] = field(default_factory=list)
    missing_here: list[ReportLine] = field(default_factory=list)
    missing_at_gateway: list[Transaction] = field(default_factory=list)
    amount_mismatch: list[tuple[Transaction, ReportLine]] = field(default_factory=list)
    applied: list[tuple[ReportLine, str]] = field(default_factory=list)

    @property
    def differences(self) -> int:
        return len(self.missing_here) + len(self.missing_at_gateway) + len(self.amount_mismatch)


def reconcile(gateway: str, day: datetime.date, *, apply: bool = False) -> Reconciliation:
    """Compare; with ``apply``, record the payments the gateway reports but we never received
    a message for (a lost notification), through the same service as a notification."""
    plugin = registry.get(gateway)
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=VN)
    ours = list(
        Transaction.objects.filter(
            gateway=gateway,
            status__in=SETTLED,
            paid_at__gte=start,
            paid_at__lt=start + datetime.timedelta(days=1),
        ).select_related("dossier")
    )
    report = plugin.report(day)
    result = Reconciliation(gateway=gateway, day=day)
    by_reference = {t.gateway_reference: t for t in ours}
    seen = set()
    for line in report:
        txn = by_reference.get(line.gateway_reference)
        if txn is None:
            result.missing_here.append(line)
            continue
        seen.add(txn.pk)
        if txn.amount != line.amount or str(txn.pk) != line.order_reference:
            result.amount_mismatch.append((txn, line))
        else:
            result.matched.append((txn, line))
    result.missing_at_gateway = [t for t in ours if t.pk not in seen]
    confirmed = [txn for txn, _line in result.matched]
    if apply:
        for line in result.missing_here:
            outcome, applied = services.apply_result(
                gateway,
                GatewayResult(
                    order_reference=line.order_reference,
                    amount=line.amount,
                    currency=line.currency,
                    success=True,
                    gateway_reference=line.gateway_reference,
                    paid_at=line.paid_at,
                ),
                source=Source.RECONCILIATION,
                params={
                    "order_reference": line.order_reference,
                    "gateway_reference": line.gateway_reference,
                    "amount": str(line.amount),
                },
                at=timezone.now(),
            )
            result.applied.append((line, outcome))
            if outcome in (Outcome.APPLIED, Outcome.APPLIED_LATE):
                confirmed.append(applied)
    treasury.record_reconciled(
        [txn for txn in confirmed if txn.status == TransactionStatus.PAID], day=day
    )
    return result

"""Reading payments, always through the dossier's access function."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.access import visible_to

from .constants import SETTLED, Method, TransactionStatus
from .models import Transaction
from .registry import registry


def visible_transactions(user) -> QuerySet[Transaction]:
    return Transaction.objects.filter(dossier__in=visible_to(user)).select_related("dossier")


def get_transaction_for(user, pk: int) -> Transaction:
    """The transaction if ``user`` may see its dossier; Transaction.DoesNotExist otherwise."""
    return visible_transactions(user).get(pk=pk)


def transactions_for(dossier) -> QuerySet[Transaction]:
    return dossier.payment_transactions.prefetch_related("lines").order_by("-created_at", "-id")


def receipts_for(dossier) -> QuerySet[Transaction]:
    """Paid transactions with an e-receipt (link each to ``payments:receipt``)."""
    return transactions_for(dossier).filter(status__in=SETTLED, receipt_number__isnull=False)


def unpaid_fees(dossier):
    """The lines the applicant still has to pay (free lines are never due)."""
    return dossier.fees.payable().order_by("id")


def receipts_by_fee(dossier) -> dict[int, Transaction]:
    """fee line id -> the paid transaction whose e-receipt (biên lai) records it."""
    return {
        line.fee_id: txn
        for txn in receipts_for(dossier)
        for line in txn.lines.all()
        if line.settled
    }


def fees_with_receipts(dossier) -> list[tuple]:
    """Every fee line of ``dossier`` with the transaction whose e-receipt records it (None if
    unpaid, waived, or paid outside the payments app)."""
    fees = list(dossier.fees.all())
    # A receipt records a paid line: with none paid there is none to look for.
    receipts = receipts_by_fee(dossier) if any(fee.paid_at for fee in fees) else {}
    return [(fee, receipts.get(fee.pk)) for fee in fees]


def receipt_file_name(txn: Transaction) -> str:
    """``<dossier code>-bien-lai-<receipt number>.pdf``."""
    return f"{txn.dossier.code}-bien-lai-{txn.receipt_number}.pdf"


def online_payment_channel(dossier) -> int | None:
    """``DuocThanhToanTrucTuyen`` of the DVCQG sync for ``dossier``: 1 when a fee was paid
    online through the national payment platform, 2 through another (ministry's or
    province's) gateway, None when nothing was paid online. The national platform wins when
    both were used."""
    gateways = set(
        Transaction.objects.filter(
            dossier=dossier, method=Method.ONLINE, status=TransactionStatus.PAID
        ).values_list("gateway", flat=True)
    )
    channels = {registry.get(name).national_channel for name in gateways if name in registry}
    return min(channels) if channels else None

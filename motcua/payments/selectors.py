"""Reading payments, always through the dossier's access function."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.access import visible_to

from .constants import SETTLED
from .models import Transaction


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

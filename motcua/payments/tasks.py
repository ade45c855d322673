"""Background work of payments."""

from __future__ import annotations

from django_tasks import task


@task()
def issue_receipt(transaction_id: int) -> str:
    """Sign and store the e-receipt of a paid transaction; idempotent (an issued receipt is left
    as it is), so a retry after a signing failure is safe."""
    from .receipts import issue_receipt as issue

    issued = issue(transaction_id)
    return issued.token if issued else ""

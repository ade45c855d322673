"""The demo bank's notification (IPN) sender."""

from __future__ import annotations

from django_tasks import task


@task()
def send_notification(entry_id: int) -> str:
    """Deliver the signed result of ledger entry ``entry_id`` to our IPN handler, in-process
    (a real gateway POSTs it to /payments/ipn/<gateway>/). Idempotent: a repeat is a duplicate."""
    from motcua.payments import services
    from motcua.payments.constants import Source

    from .bank import result_params
    from .models import DemoLedgerEntry

    entry = DemoLedgerEntry.objects.get(pk=entry_id)
    outcome, _txn = services.apply_gateway_message("demo", result_params(entry), source=Source.IPN)
    return str(outcome)

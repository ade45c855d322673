"""python manage.py issue_receipts — sign and store every paid transaction's e-receipt that has
not been issued yet: those paid before receipts were signed, or whose signing task failed."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from motcua.payments.constants import TransactionStatus
from motcua.payments.models import Transaction
from motcua.payments.receipts import issue_receipt


class Command(BaseCommand):
    help = "Ký số và lưu các biên lai điện tử của giao dịch đã thanh toán mà chưa được phát hành."

    def handle(self, *args, **options):
        missing = Transaction.objects.filter(
            status=TransactionStatus.PAID,
            receipt_number__isnull=False,
            receipt_document__isnull=True,
        ).order_by("id")
        issued = 0
        for pk in missing.values_list("pk", flat=True):
            if issue_receipt(pk) is not None:
                issued += 1
        self.stdout.write(f"Đã phát hành {issued} biên lai điện tử.")

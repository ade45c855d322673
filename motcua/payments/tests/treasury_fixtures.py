"""The remittance personas and helpers, shared by the payments and the reports tests: the
accountants of communes X and Y, X's budget account, and payments settled on a given day."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.dossiers.tests.conftest import vn
from motcua.payments.constants import Method, TransactionStatus
from motcua.payments.models import Transaction, TreasuryAccount

_references = itertools.count(1)


@pytest.fixture
def accountants(tree):
    """``.x`` keeps commune X's ledger, ``.y`` commune Y's."""

    class Accountants:
        x = make_officer("Lương Thị Kế", unit=tree.commune_x, role=Role.ACCOUNTANT)
        y = make_officer("Tạ Văn Toán", unit=tree.commune_y, role=Role.ACCOUNTANT)

    return Accountants


@pytest.fixture
def account_x(tree):
    """Commune X's budget account since 1 July 2025."""
    return TreasuryAccount.objects.create(
        agency=tree.commune_x,
        treasury="Kho bạc Nhà nước khu vực XV",
        account_number="7111",
        budget_chapter="599",
        name="Lệ phí hộ tịch, chứng thực",
        valid_from=datetime.date(2025, 7, 1),
    )


def settled(dossier, amount, day: datetime.date, *, online=False, gateway="demo"):
    """A payment of ``dossier`` settled at noon on ``day``, written directly: the ledger reads
    only the settled row, and the property tests need hundreds of them (the services' own path
    to it is tested in test_cash_and_receipts.py and test_reconciliation.py)."""
    at = vn(day.year, day.month, day.day, 12, 0)
    return Transaction.objects.create(
        dossier=dossier,
        gateway=gateway if online else "cash",
        method=Method.ONLINE if online else Method.CASH,
        amount=Decimal(amount),
        status=TransactionStatus.PAID,
        created_at=at,
        paid_at=at,
        collecting_unit=dossier.receiving_unit,
        gateway_reference=f"T{next(_references)}" if online else "",
        receipt_number=f"AA-26E-{next(_references):07d}",
    )


def noon(day: datetime.date) -> datetime.datetime:
    return vn(day.year, day.month, day.day, 12, 0)

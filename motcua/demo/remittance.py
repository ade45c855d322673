"""The demo's remittance to the treasury at Phường Xuân Hương - Đà Lạt: its budget account,
some fees taken in cash at the desk on the days the simulated dossiers were received, and a
remittance at the end of each month that has ended, all through the payments services; every
month before the last one signed off by the accountant, so the last one is left to sign. Runs
once (when the ward has no payment yet)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.constants import Quantity, Requirement
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.inputs import Applicant, ComponentInput
from motcua.payments import ledger, services, treasury
from motcua.payments.models import Transaction, TreasuryAccount

UNIT_CODE = "000.00.31.H36"  # Phường Xuân Hương - Đà Lạt
DESK, ACCOUNTANT = "xuanhuong.motcua", "xuanhuong.ketoan"
PAYMENTS = 25


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _walk_in_like(dossier, desk, at):
    """A walk-in dossier like ``dossier`` (same procedure, applicant and form) received at
    ``at`` with its fees due at receipt taken in cash."""
    version = dossier.procedure_version
    components = [
        ComponentInput(name=c.name, component=c, paper_originals=1)
        for c in version.components.filter(requirement=Requirement.MANDATORY)
    ]
    return services.receive_with_cash_payment(
        actor=desk,
        note="Demo",
        at=at,
        procedure_version=version,
        receiving_unit=dossier.receiving_unit,
        resolving_agency=dossier.resolving_agency,
        applicant=Applicant.from_account(dossier.applicant),
        components=components,
        form_data=dossier.form_data,
        fee_quantities={Quantity.COPIES: 2, Quantity.PAGES: 3, Quantity.ITEMS: 1},
    )


def _take_cash(unit, desk) -> int:
    """Cash for the fees of the ward's desk: the simulated dossiers' fees were settled by the
    simulation itself, so each paying procedure is filed again at the desk on the simulated
    days, its fees taken in cash."""
    taken = 0
    models = [
        d
        # The ward's own dossiers (not those its desk took in for another ward: demo/boundary.py).
        for d in Dossier.objects.filter(
            receiving_unit=unit, resolving_agency=unit, applicant__isnull=False
        )
        .select_related("procedure_version", "applicant")
        .order_by("received_at")
        if d.fees.filter(amount__gt=0).exists() and d.received_at
    ]
    for model in models:
        for hours in range(0, 24 * 40, 24 * 4):
            if taken >= PAYMENTS:
                return taken
            at = model.received_at + datetime.timedelta(hours=hours)
            if at >= timezone.now():
                break
            try:
                _walk_in_like(model, desk, at)
            except ValidationError:
                break
            taken += 1
    return taken


def load_remittances() -> int:
    """Returns how many remittances were recorded (0 when already loaded or nothing to do)."""
    unit = Agency.objects.filter(code=UNIT_CODE).first()
    desk = User.objects.filter(username=DESK).first()
    accountant = User.objects.filter(username=ACCOUNTANT).first()
    if unit is None or desk is None or accountant is None:
        return 0
    account, _created = TreasuryAccount.objects.get_or_create(
        agency=unit,
        account_number="7111",
        defaults={
            "treasury": "Kho bạc Nhà nước khu vực XV – Lâm Đồng",
            "budget_chapter": "599",
            "name": "Phí, lệ phí thu tại Bộ phận Một cửa",
            "valid_from": unit.valid_from,
        },
    )
    if Transaction.objects.filter(collecting_unit=unit).exists():
        return 0
    _take_cash(unit, desk)
    today = timezone.localdate()
    book = ledger.load(unit)
    month, recorded = book.first_month(), 0
    last_ended = ledger.month_of(ledger.month_of(today) - datetime.timedelta(days=1))
    while month is not None and month <= last_ended:
        end = ledger.month_end(month)
        left = ledger.load(unit).outstanding_on(end)
        # Most of it goes in; what came in on the last days waits for next month.
        amount = int(left * 8 / 10) // 1000 * 1000
        if amount > 0:
            treasury.record_remittance(
                unit,
                actor=accountant,
                account=account,
                amount=amount,
                remitted_on=end,
                voucher_number=f"GNT-{month:%Y%m}-01",
                note="Nộp phí, lệ phí tháng",
                at=_at_noon(end),
            )
            recorded += 1
        if month < last_ended:
            treasury.sign_off_month(
                unit, month, actor=accountant, at=_at_noon(end + datetime.timedelta(days=3))
            )
        month = ledger.next_month(month)
    return recorded

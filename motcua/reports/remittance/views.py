"""The remittance pages: the list of the units a person may see, one unit's month (with the
accountant's remittance form and sign-off), and the month as PDF or XLSX. Server-rendered, no
JavaScript; reads through ``payments.treasury_access``, writes through ``payments.treasury``."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.audit.models import AuditAction
from motcua.backoffice.access import officer_required
from motcua.payments import ledger as ledgers
from motcua.payments import treasury, treasury_access

from ..common import compare
from ..common.periods import Period
from . import documents, report
from .forms import RemittanceForm

MONTHS_LISTED = 12


def _unit(user, code: str) -> Agency:
    try:
        return treasury_access.unit_for(user, code)
    except Agency.DoesNotExist as missing:
        raise Http404 from missing


def _month(year: int, month: int) -> datetime.date:
    try:
        day = datetime.date(year, month, 1)
    except ValueError as error:
        raise Http404 from error
    if ledgers.month_of(timezone.localdate()) < day:
        raise Http404
    return day


def _months_back(count: int) -> list[datetime.date]:
    month = ledgers.month_of(timezone.localdate())
    months = []
    for _n in range(count):
        months.append(month)
        month = ledgers.month_of(month - datetime.timedelta(days=1))
    return months


@officer_required
def index(request):
    units = treasury_access.visible_units(request.user)
    if not units:
        raise PermissionDenied
    rows = []
    for unit in units:
        book = ledgers.load(unit)
        today = timezone.localdate()
        # Months before the first money in or out have nothing to show.
        first, this_month = book.first_month(), ledgers.month_of(today)
        rows.append(
            {
                "unit": unit,
                "keeps": treasury_access.keeps(request.user, unit),
                "outstanding": book.balance_on(today),
                "unreconciled": sum(e.amount for e in book.entries if e.counted is None),
                "last_signed": book.last_signed,
                "months": [
                    (m, m in book.sign_offs)
                    for m in _months_back(MONTHS_LISTED)
                    if first is None or m >= first or m == this_month
                ],
            }
        )
    return render(request, "reports/remittance/index.html", {"rows": rows})


def _context(request, unit, month, form=None):
    built = report.build(unit, month)
    keeps = treasury_access.keeps(request.user, unit)
    locked = ledgers.load(unit).is_locked(month)
    if keeps and not locked and form is None:
        today = timezone.localdate()
        form = RemittanceForm(
            accounts=treasury.accounts_in_effect(unit, month, until=ledgers.month_end(month)),
            initial={"remitted_on": min(today, ledgers.month_end(month))},
        )
    compared = request.GET.get("compare") == compare.PRIOR_YEAR
    return {
        "unit": unit,
        "report": built,
        "summary": _summary(built, unit, month, compared),
        "compared": compared,
        "side_rows": built.side_rows(),
        "keeps": keeps,
        "locked": locked,
        # A refused entry keeps its form and message even when the refusal is the lock.
        "form": form if keeps and (not locked or form is not None) else None,
        "previous": ledgers.month_of(month - datetime.timedelta(days=1)),
        "next": ledgers.next_month(month)
        if ledgers.next_month(month) <= ledgers.month_of(timezone.localdate())
        else None,
    }


def _summary(built, unit, month: datetime.date, compared: bool) -> list:
    """The month's balance as ``(row, Compared | None)``; with ``compared``, each line beside the
    same line of the same month a year earlier (0 where that month had no such line)."""
    if not compared:
        return [(row, None) for row in built.summary()]
    then = compare.prior_period(Period(month, ledgers.month_end(month))).start
    before = {row.key: row.amount for row in report.build(unit, then).summary()}
    return [(row, compare.compare(row.amount, before.get(row.key, 0))) for row in built.summary()]


@officer_required
def month_page(request, unit, year, month):
    unit = _unit(request.user, unit)
    return render(
        request, "reports/remittance/month.html", _context(request, unit, _month(year, month))
    )


@officer_required
@require_POST
def record(request, unit, year, month):
    unit = _unit(request.user, unit)
    day = _month(year, month)
    if not treasury_access.keeps(request.user, unit):
        raise PermissionDenied
    form = RemittanceForm(
        request.POST,
        accounts=treasury.accounts_in_effect(unit, day, until=ledgers.month_end(day)),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            treasury.record_remittance(
                unit,
                actor=request.user,
                account=data["account"],
                amount=data["amount"],
                remitted_on=data["remitted_on"],
                voucher_number=data["voucher_number"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi khoản nộp ngân sách."))
            landed = ledgers.month_of(data["remitted_on"])
            return redirect(
                "reports:remittance_month", unit=unit.code, year=landed.year, month=landed.month
            )
    context = _context(request, unit, day, form=form)
    return render(request, "reports/remittance/month.html", context, status=400)


@officer_required
@require_POST
def sign(request, unit, year, month):
    unit = _unit(request.user, unit)
    day = _month(year, month)
    if not treasury_access.keeps(request.user, unit):
        raise PermissionDenied
    try:
        treasury.sign_off_month(unit, day, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ký xác nhận báo cáo tháng %(m)s.") % {"m": f"{day:%m/%Y}"})
    return redirect("reports:remittance_month", unit=unit.code, year=year, month=month)


@officer_required
def export(request, unit, year, month, fmt):
    if fmt not in documents.WRITERS:
        raise Http404
    unit = _unit(request.user, unit)
    built = report.build(unit, _month(year, month))
    write, content_type = documents.WRITERS[fmt]
    response = HttpResponse(write(built), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        fmt == "xlsx", documents.file_name(built, fmt)
    )
    response["Cache-Control"] = "private, no-store"
    audit.record(
        actor=request.user,
        verb="export_remittance_report",
        obj=unit,
        action=AuditAction.EXPORT,
        month=f"{built.month.month:%Y-%m}",
        format=fmt,
    )
    return response

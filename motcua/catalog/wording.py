"""How catalogue values read in Vietnamese, wherever they are shown (pages, forms, PDFs): numbers
in the Vietnamese style and a channel's time limit (thời hạn giải quyết). One wording for the
procedure page, both dossier pages and the receipt (Form 01), so they never disagree."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.worktime.constants import DurationUnit


def number_text(value) -> str:
    """200.000 for thousands, 0,5 for halves."""
    number = Decimal(str(value)).normalize()
    whole, _sep, fraction = f"{number:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-') or 0):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def duration_text(amount, unit) -> str:
    """ "3 ngày làm việc", "0,5 giờ làm việc"."""
    if amount is None or not unit:
        return ""
    return f"{number_text(amount)} {DurationUnit(unit).label}"


def processing_time_text(term) -> str:
    """The time limit of a channel as the applicant reads it: "3 ngày làm việc", or for a
    same-day procedure "Trong ngày làm việc", with the cut-off when the version has one (a
    dossier received after it is resolved the next working day; ND 61/2018 Art. 18)."""
    if term is None:
        return ""
    if not term.same_day:
        return duration_text(term.processing_amount, term.processing_unit)
    cutoff = term.version.cutoff_time
    if cutoff is None:
        return _("Trong ngày làm việc")
    return _("Trong ngày làm việc (nhận sau %(time)s thì trả trong ngày làm việc tiếp theo)") % {
        "time": cutoff.strftime("%H:%M")
    }

"""How catalogue values read in Vietnamese pages: durations, amounts in đồng."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from motcua.worktime.constants import DurationUnit

from .. import fees

register = template.Library()


def _number(value) -> str:
    """Vietnamese number style: 200.000 for thousands, 0,5 for halves."""
    number = Decimal(value).normalize()
    whole, _sep, fraction = f"{number:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


@register.filter
def duration(amount, unit) -> str:
    """``{{ term.processing_amount|duration:term.processing_unit }}`` → "3 ngày làm việc"."""
    if amount is None or not unit:
        return ""
    return f"{_number(amount)} {DurationUnit(unit).label}"


@register.filter
def processing_time(term) -> str:
    """The deadline as a citizen reads it, same-day rule included."""
    if term.same_day:
        return _("Trong ngày làm việc")
    return duration(term.processing_amount, term.processing_unit)


@register.filter
def dong(amount) -> str:
    """``{{ fee.amount|dong }}`` → "200.000 đồng"."""
    if amount is None:
        return ""
    return _("%(amount)s đồng") % {"amount": _number(amount)}


@register.filter
def fee_rate(line) -> str:
    """``{{ fee_line|fee_rate }}`` → "2.000 đồng/bản", "50.000 đồng" or "miễn"."""
    return fees.rate_text(line)


@register.filter
def fee_amount(amount) -> str:
    """``{{ fee.amount|fee_amount }}`` → "50.000 đồng", or "miễn" for 0 đ."""
    return fees.money_text(amount)

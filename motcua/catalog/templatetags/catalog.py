"""How catalogue values read in Vietnamese pages: durations, amounts in đồng."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from .. import fees, wording

register = template.Library()


def _number(value) -> str:
    """Vietnamese number style: 200.000 for thousands, 0,5 for halves."""
    return wording.number_text(value)


@register.filter
def duration(amount, unit) -> str:
    """``{{ term.processing_amount|duration:term.processing_unit }}`` → "3 ngày làm việc"."""
    return wording.duration_text(amount, unit)


@register.filter
def processing_time(term) -> str:
    """The deadline as a citizen reads it, same-day rule included."""
    return wording.processing_time_text(term)


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

"""``{% load short_dates %}``: ``{{ value|day_month_year }}``, what ``{{ value|date:"d/m/Y" }}``
shows (the day, month and year, the moment in the current time zone), written directly. Django's
``date`` filter parses its format and builds a ``DateFormat`` every time: on the public tracking
page it was a twentieth of the template (#18). Held to ``date`` by
``portal/tests/test_short_dates.py``."""

from __future__ import annotations

import datetime

from django import template
from django.template.defaultfilters import date

register = template.Library()


@register.filter(expects_localtime=True)
def day_month_year(value) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime.date):  # what ``date`` does with anything else
        return date(value, "d/m/Y")
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"

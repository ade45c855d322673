from django import template

from motcua.reports.numbers import format_number

register = template.Library()


@register.filter
def number(value, places=None) -> str:
    """``{{ value|number }}``: 1.234, 65,73 (``reports.numbers.format_number``); text as is."""
    return format_number(value, None if places in (None, "") else int(places))

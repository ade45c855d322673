from django import template

from motcua.reports.common.numbers import format_number

register = template.Library()


@register.filter
def number(value, places=None) -> str:
    """``{{ value|number }}``: 1.234, 65,73 (``reports.numbers.format_number``); text as is."""
    return format_number(value, None if places in (None, "") else int(places))


@register.inclusion_tag("reports/_compared.html")
def compared(comparison, unit: str = ""):
    """``{% compared c %}``: the prior year's figure and the difference under a figure
    (``reports.compare.Compared``); nothing when ``c`` is None. ``unit``: "%" after a rate."""
    return {"c": comparison, "unit": unit}

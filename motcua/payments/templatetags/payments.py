from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    """Whole đồng grouped by dots, as written in Vietnam: 150000 → 150.000."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")

from django import template

from ..selectors import deliveries_for

register = template.Library()


@register.inclusion_tag("notifications/includes/deliveries.html")
def dossier_deliveries(dossier):
    """``{% load notifications %}{% dossier_deliveries dossier %}``: the delivery table."""
    return {"deliveries": list(deliveries_for(dossier))}

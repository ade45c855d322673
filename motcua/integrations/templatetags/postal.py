"""``{% load postal %}``: the postal order panels of the officer's and the citizen's dossier
pages, and the one line of the public tracking page."""

from __future__ import annotations

from django import template

from motcua.integrations.postal import selectors, services
from motcua.integrations.postal.forms import DeliveryOrderForm

register = template.Library()


@register.inclusion_tag("integrations/postal/officer.html", takes_context=True)
def postal_officer(context, dossier):
    user = context["request"].user
    may_order = selectors.may_order(user, dossier)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "dossier": dossier,
        "orders": selectors.orders_of(dossier),
        "form": DeliveryOrderForm(initial=services.defaults_for(dossier)) if may_order else None,
        "wanted": dossier.delivery == "post",
    }


@register.inclusion_tag("integrations/postal/citizen.html")
def postal_citizen(dossier):
    return {"dossier": dossier, "orders": selectors.orders_of(dossier)}


@register.inclusion_tag("integrations/postal/public.html")
def postal_public(dossier):
    order = next((o for o in selectors.orders_of(dossier) if o.tracking_code), None)
    events = list(order.events.all()) if order is not None else []
    return {"order": order, "last": events[-1] if events else None}

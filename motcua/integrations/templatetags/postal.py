"""``{% load postal %}``: the postal order panels of the officer's and the citizen's dossier
pages, and the one line of the public tracking page."""

from __future__ import annotations

from django import template

from motcua.dossiers.constants import Delivery
from motcua.integrations.postal import selectors, services
from motcua.integrations.postal.forms import DeliveryOrderForm

register = template.Library()


def _by_post(dossier) -> bool:
    # Orders exist only for dossiers whose result goes by post (services.request_delivery):
    # the other dossiers' pages spend no query here.
    return dossier.delivery == Delivery.POST


@register.inclusion_tag("integrations/postal/officer.html", takes_context=True)
def postal_officer(context, dossier):
    if not _by_post(dossier):
        return {"wanted": False, "orders": []}
    user = context["request"].user
    may_order = selectors.may_order(user, dossier)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "dossier": dossier,
        "orders": selectors.orders_of(dossier),
        "form": DeliveryOrderForm(initial=services.defaults_for(dossier)) if may_order else None,
        "wanted": True,
    }


@register.inclusion_tag("integrations/postal/citizen.html")
def postal_citizen(dossier):
    if not _by_post(dossier):
        return {"orders": []}
    return {"dossier": dossier, "orders": selectors.orders_of(dossier)}


@register.inclusion_tag("integrations/postal/public.html")
def postal_public(dossier):
    if not _by_post(dossier):
        return {"order": None}
    order = next((o for o in selectors.orders_of(dossier) if o.tracking_code), None)
    events = list(order.events.all()) if order is not None else []
    return {"order": order, "last": events[-1] if events else None}

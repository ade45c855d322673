"""``{% load postal %}``: the postal order panels of the officer's and the citizen's dossier
pages, and the one line of the public tracking page."""

from __future__ import annotations

from django import template

from motcua import template_loader
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


_PUBLIC = "integrations/postal/public.html"
# What the public line's template draws without an order (its end of line), per escaping.
_nothing: dict = {}


def _public_line(context, order, last):
    # As an inclusion tag: the template in a new context with the page's escaping.
    template = context.template.engine.get_template(_PUBLIC)
    return template.render(context.new({"order": order, "last": last}))


@register.simple_tag(takes_context=True)
def postal_public(context, dossier):
    """The postal code and state of the order sent with a tracking code, if any. Without one,
    what the template draws then is remembered, not drawn again: most dossiers on the public
    tracking page go by hand or online (#18)."""
    order = None
    if _by_post(dossier):
        order = next((o for o in selectors.orders_of(dossier) if o.tracking_code), None)
    if order is None:
        key = (template_loader.generation(), context.autoescape)
        try:
            return _nothing[key]
        except KeyError:
            _nothing.clear()
            _nothing[key] = nothing = _public_line(context, None, None)
            return nothing
    events = list(order.events.all())
    return _public_line(context, order, events[-1] if events else None)

"""Reads of postal orders for the pages (the caller has already checked access to the dossier)."""

from __future__ import annotations

from django.db.models import Prefetch

from motcua.dossiers.access import capacity_for
from motcua.dossiers.constants import Action, Delivery, Status
from motcua.dossiers.errors import NotPermitted
from motcua.integrations.models import PostalEvent, PostalOrder

from . import services


def orders_of(dossier) -> list[PostalOrder]:
    """The dossier's postal orders, newest first, each with its journey (oldest step first)."""
    return list(
        PostalOrder.objects.filter(dossier=dossier).prefetch_related(
            Prefetch("events", queryset=PostalEvent.objects.order_by("at", "id"))
        )
    )


def may_order(user, dossier) -> bool:
    """Whether ``user`` may send this dossier's result by post now."""
    if dossier.delivery != Delivery.POST or dossier.status != Status.RESULT_READY:
        return False
    try:
        capacity_for(user, dossier, Action.RETURN_RESULT)
    except NotPermitted:
        return False
    return services.live_order(dossier) is None

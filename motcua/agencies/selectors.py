"""Reads of the agency tree and of who works where. Other apps import these, not the models'
managers, so that validity dates are never forgotten."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone

from motcua.compiled_queries import CompiledQuery

from .constants import Role
from .models import Agency, Membership


def today() -> datetime.date:
    return timezone.localdate()


def subtree(agency: Agency, *, on: datetime.date | None = None, include_self: bool = True):
    """The agency and all units below it; only those active on ``on`` when given."""
    qs = Agency.objects.subtree_of(agency, include_self=include_self)
    return qs.active_on(on) if on else qs


def ancestors(agency: Agency, *, include_self: bool = False) -> list[Agency]:
    """From the root down to the parent (or to ``agency`` itself)."""
    ids = agency.ancestor_ids()
    if not include_self:
        ids = ids[:-1]
    by_id = Agency.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def current_successor(agency: Agency) -> Agency:
    """Follow the merger chain to the unit that carries on today (itself if not merged)."""
    seen = {agency.pk}
    node = agency
    while node.successor_id is not None and node.successor_id not in seen:
        seen.add(node.successor_id)
        node = node.successor
    return node


def find_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code.strip().upper()).first()


def memberships_of(user, *, on: datetime.date | None = None):
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return _memberships(user.pk, on or today())


def _memberships(user_id: int, day: datetime.date):
    return (
        Membership.objects.active_on(day)
        .filter(user_id=user_id)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


_MEMO = "_active_memberships"
# Read on every officer's request: compiled once per process (``CompiledQuery``), not built and
# compiled by the ORM each time (#18: 9 % of the dossier page's CPU).
_active = CompiledQuery(Membership, _memberships)


def active_memberships(user, *, on: datetime.date | None = None) -> list[Membership]:
    """``memberships_of(user)`` as a list, read once per user object and day: a request's
    access checks, menus and queues ask for them many times (``request.user`` lives for one
    request; a service's ``actor`` for one call)."""
    if not getattr(user, "is_authenticated", False):
        return []
    day = on or today()
    memo = user.__dict__.setdefault(_MEMO, {})
    if day not in memo:
        memo[day] = _active.objects(user.pk, day)
    return memo[day]


def forget_memberships(user) -> None:
    """Drop what ``active_memberships`` remembered for ``user`` (after changing them)."""
    user.__dict__.pop(_MEMO, None)


def units_for(user, *, roles: Iterable[str] | None = None, on: datetime.date | None = None):
    """Units where ``user`` holds one of ``roles`` (any role when None) on ``on``."""
    qs = memberships_of(user, on=on)
    if roles is not None:
        qs = qs.filter(role__in=[Role(r) for r in roles])
    return Agency.objects.filter(pk__in=qs.values("unit_id"))


def has_role(
    user, role: str, *, unit: Agency | None = None, on: datetime.date | None = None
) -> bool:
    qs = memberships_of(user, on=on).filter(role=Role(role))
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.exists()


def directory(*, level: str = "", parent: Agency | None = None):
    """The agency tree for browsing and the REST API: every unit, dissolved or merged ones
    included (``valid_to`` says so), with parent and successor read in the same query; only
    the children of ``parent`` and only ``level`` when given. Ordered along the tree."""
    qs = Agency.objects.select_related("parent", "successor").order_by("path")
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs


def with_children(code: str) -> Agency | None:
    """One agency by identity code with its direct children (dissolved ones too), in two
    queries; None if the code is unknown."""
    children = Agency.objects.select_related("successor").order_by("path")
    return (
        Agency.objects.select_related("parent", "successor")
        .prefetch_related(Prefetch("children", queryset=children))
        .filter(code=code.strip().upper())
        .first()
    )

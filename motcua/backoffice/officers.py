"""The officers of the back office: the desks a person works at, the colleagues work may be
handed to (with the roles they hold there, read in one query), and how they are labelled in
assignment lists."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency, Membership
from motcua.dossiers.access import home_agency

# Roles that can be handed work (a manager only reads).
WORKING_ROLES = frozenset(
    {
        Role.DESK_OFFICER,
        Role.SPECIALIST,
        Role.UNIT_LEADER,
        Role.AGENCY_LEADER,
        Role.REGISTRY_CLERK,
    }
)


def desk_units(user) -> list[Agency]:
    """The one-stop desks where ``user`` works as a desk officer today."""
    units = []
    for membership in agencies.active_memberships(user):
        if membership.role == Role.DESK_OFFICER:
            unit = home_agency(membership.unit)
            if unit.runs_one_stop_desk and unit not in units:
                units.append(unit)
    return units


def colleagues(agency_list: list[Agency]):
    """Officers with a working role today in any of ``agency_list`` or below, by name; each
    with those roles (``working_memberships``, read with the list in one more query), which the
    assignment lists show beside the name (``officer_label``)."""
    condition = Q(pk__in=[])
    for agency in agency_list:
        condition |= Q(unit__path__startswith=agency.path)
    members = Membership.objects.active_on(agencies.today()).filter(
        condition, role__in=list(WORKING_ROLES)
    )
    return (
        get_user_model()
        .objects.filter(pk__in=members.values("user_id"), is_active=True)
        .order_by("last_name", "first_name", "username")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=members.select_related("unit").order_by("role", "unit__path"),
                to_attr="working_memberships",
            )
        )
    )


def with_roles(officers) -> list:
    """The users of ``officers`` (a ``colleagues`` queryset, possibly filtered further) in its
    order, each with ``working_memberships``, read in one query of the memberships joined to
    their users: an assignment list costs one query, not the list and then its prefetch."""
    members = next(
        (
            p.queryset
            for p in officers._prefetch_related_lookups
            if isinstance(p, Prefetch) and p.to_attr == "working_memberships"
        ),
        None,
    )
    if members is None:
        return list(officers)
    rows = (
        members.filter(user__in=officers.order_by().values("pk"))
        .select_related("user", "unit")
        .order_by(
            *[
                f"-user__{key[1:]}" if key.startswith("-") else f"user__{key}"
                for key in officers.query.order_by
            ],
            "user_id",
            *members.query.order_by,
        )
    )
    found: dict[int, object] = {}
    for membership in rows:
        user = found.get(membership.user_id)
        if user is None:
            user = found[membership.user_id] = membership.user
            user.working_memberships = []
        user.working_memberships.append(membership)
    return list(found.values())


def officer_label(user) -> str:
    """ "Name – role (unit)" for an assignment list: the roles the person holds where the work
    is, each with the internal unit (phòng, ban) it is held in when that is not an agency."""
    held = []
    for membership in getattr(user, "working_memberships", []):
        text = str(membership.get_role_display())
        if membership.unit.level == Level.UNIT and not membership.unit.runs_one_stop_desk:
            text += f" ({membership.unit.display_name})"
        if text not in held:
            held.append(text)
    name = user.get_full_name()
    return f"{name} – {', '.join(held)}" if held else name


def province_of(unit: Agency) -> Agency | None:
    """The province above ``unit`` (or itself), where boundary-free routing happens."""
    for node in agencies.ancestors(unit, include_self=True):
        if node.level == Level.PROVINCE:
            return node
    return None

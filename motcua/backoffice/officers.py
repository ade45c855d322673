"""The officers of the back office: the desks a person works at, the colleagues work may be
handed to (with the roles they hold there, read in one query), and how they are labelled in
assignment lists."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import CharField, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

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
    assignment lists show beside the name (``assignment_choices``)."""
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


def assignment_choices(officers) -> list[tuple[int, str]]:
    """(pk, "Name – role (unit)") of the users of ``officers`` (a ``colleagues`` queryset) in
    its order, read in one query of plain values: the memberships joined to their users and
    units, no model instances built (an assignment list is on every queue and dossier page).

    The query reads the memberships ``colleagues`` selects and their active users directly,
    not "users in (the officers' query)": PostgreSQL planned that semi-join as a walk through
    the whole user table in id order, and officers hired after the citizens registered sit at
    its end (14–30 ms on 50,000 accounts, against 0.2 ms)."""
    members = next(
        (
            p.queryset
            for p in officers._prefetch_related_lookups
            if isinstance(p, Prefetch) and p.to_attr == "working_memberships"
        ),
        None,
    )
    if members is None:
        return [(user.pk, user.get_full_name()) for user in officers]
    rows = (
        members.filter(user__is_active=True)
        .order_by(
            *[
                f"-user__{key[1:]}" if key.startswith("-") else f"user__{key}"
                for key in officers.query.order_by
            ],
            "user_id",
            *members.query.order_by,
        )
        .values_list(
            "user_id",
            "user__full_name",
            "user__username",
            "role",
            "unit__level",
            "unit__runs_one_stop_desk",
            "unit__short_name",
            "unit__name",
        )
    )
    role_names = {value: str(label) for value, label in Role.choices}
    found: dict[int, tuple[str, list[str]]] = {}
    for user_id, full_name, username, role, level, desk, short_name, name in rows:
        held = found.setdefault(user_id, (full_name or username, []))[1]
        text = role_names.get(role, role)
        if level == Level.UNIT and not desk:
            text += f" ({short_name or name})"
        if text not in held:
            held.append(text)
    return [(pk, officer_label(name, held)) for pk, (name, held) in found.items()]


def officer_label(name: str, held: list[str]) -> str:
    """ "Name – role (unit)" for an assignment list: the roles the person holds where the work
    is, each with the internal unit (phòng, ban) it is held in when that is not an agency."""
    return f"{name} – {', '.join(held)}" if held else name


def province_of(unit: Agency) -> Agency | None:
    """The province above ``unit`` (or itself), where boundary-free routing happens."""
    for node in agencies.ancestors(unit, include_self=True):
        if node.level == Level.PROVINCE:
            return node
    return None


def within_province_of(qs, unit: Agency):
    """``qs`` of agencies narrowed to those under the province above ``unit`` (or itself), as
    ``province_of`` finds it, in the same query (the province's path read by a subquery on
    ``unit``'s ancestors); not narrowed when there is no province above it."""
    province = (
        Agency.objects.filter(pk__in=unit.ancestor_ids(), level=Level.PROVINCE)
        .order_by("path")
        .values("path")[:1]
    )
    return qs.filter(
        path__startswith=Coalesce(Subquery(province), Value(""), output_field=CharField())
    )

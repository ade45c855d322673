"""Use cases that change the agency tree. Each is atomic and writes an AgencyEvent."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .constants import ALLOWED_PARENT_LEVELS, EventKind, Level, Role
from .models import Agency, AgencyEvent, Membership
from .selectors import forget_memberships
from .validators import normalize_identity_code


def _check_parent(level: str, parent: Agency | None) -> None:
    allowed = ALLOWED_PARENT_LEVELS[Level(level)]
    parent_level = Level(parent.level) if parent else None
    if parent_level not in allowed:
        raise ValidationError(
            _("Đơn vị cấp “%(level)s” không thể trực thuộc “%(parent)s”.")
            % {
                "level": Level(level).label,
                "parent": parent_level.label if parent_level else _("(không có cấp trên)"),
            },
            code="invalid_parent",
        )


def _path_for(agency: Agency, parent: Agency | None) -> tuple[str, int]:
    if parent is None:
        return f"/{agency.pk}/", 0
    return f"{parent.path}{agency.pk}/", parent.depth + 1


@transaction.atomic
def create_agency(
    *,
    name: str,
    level: str,
    valid_from: datetime.date,
    parent: Agency | None = None,
    code: str = "",
    actor=None,
    decision: str = "",
    **details,
) -> Agency:
    """Establish a unit (thành lập đơn vị) under ``parent``."""
    _check_parent(level, parent)
    if parent is not None and not parent.is_active_on(valid_from):
        raise ValidationError(
            _("Đơn vị cấp trên “%(parent)s” không hoạt động vào ngày %(day)s.")
            % {"parent": parent.name, "day": valid_from.strftime("%d/%m/%Y")},
            code="inactive_parent",
        )
    agency = Agency(
        name=name,
        level=level,
        parent=parent,
        code=normalize_identity_code(code),
        valid_from=valid_from,
        path="/pending/",
        **details,
    )
    agency.full_clean(exclude=["path"])
    agency.save()
    agency.path, agency.depth = _path_for(agency, parent)
    agency.save(update_fields=["path", "depth"])
    AgencyEvent.objects.create(
        agency=agency,
        kind=EventKind.CREATED,
        effective_date=valid_from,
        decision=decision,
        new_parent=parent,
        new_name=name,
        recorded_by=actor,
    )
    return agency


def _rehome(agency: Agency, new_parent: Agency | None) -> None:
    """Move ``agency`` and its whole subtree under ``new_parent``, rewriting paths."""
    old_prefix = agency.path
    new_path, new_depth = _path_for(agency, new_parent)
    depth_shift = new_depth - agency.depth
    descendants = list(Agency.objects.subtree_of(agency, include_self=False))
    agency.parent = new_parent
    agency.path, agency.depth = new_path, new_depth
    agency.save(update_fields=["parent", "path", "depth"])
    for node in descendants:
        node.path = new_path + node.path[len(old_prefix) :]
        node.depth += depth_shift
    Agency.objects.bulk_update(descendants, ["path", "depth"])


@transaction.atomic
def move_agency(
    agency: Agency,
    *,
    new_parent: Agency | None,
    effective_date: datetime.date,
    actor=None,
    decision: str = "",
) -> Agency:
    """Put a unit under another parent (e.g. a commune re-homed from its abolished district
    to the province on 01/07/2025)."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    _check_parent(agency.level, new_parent)
    if new_parent is not None and new_parent.path.startswith(agency.path):
        raise ValidationError(
            _("Không thể chuyển một đơn vị vào chính cây con của nó."), code="cycle"
        )
    old_parent = agency.parent
    _rehome(agency, new_parent)
    AgencyEvent.objects.create(
        agency=agency,
        kind=EventKind.MOVED,
        effective_date=effective_date,
        decision=decision,
        old_parent=old_parent,
        new_parent=new_parent,
        recorded_by=actor,
    )
    return agency


@transaction.atomic
def rename_agency(
    agency: Agency, *, new_name: str, effective_date: datetime.date, actor=None, decision: str = ""
) -> Agency:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    old_name = agency.name
    agency.name = new_name
    agency.full_clean(exclude=["path"])
    agency.save(update_fields=["name"])
    AgencyEvent.objects.create(
        agency=agency,
        kind=EventKind.RENAMED,
        effective_date=effective_date,
        decision=decision,
        old_name=old_name,
        new_name=new_name,
        recorded_by=actor,
    )
    return agency


def _close(agency: Agency, last_day: datetime.date) -> None:
    if agency.valid_to is not None:
        raise ValidationError(
            _("Đơn vị “%(name)s” đã ngừng hoạt động từ %(day)s.")
            % {"name": agency.name, "day": agency.valid_to.strftime("%d/%m/%Y")},
            code="already_closed",
        )
    if last_day < agency.valid_from:
        raise ValidationError(
            _("Ngày hiệu lực phải sau ngày thành lập đơn vị."), code="before_valid_from"
        )
    agency.valid_to = last_day


@transaction.atomic
def merge_agencies(
    sources: Iterable[Agency],
    *,
    into: Agency,
    effective_date: datetime.date,
    actor=None,
    decision: str = "",
) -> list[Agency]:
    """Merge ``sources`` into ``into`` (sáp nhập): each source stops the day before
    ``effective_date``, names ``into`` as its successor, and its open sub-units move under
    ``into``. The sources stay in the tree with their history."""
    if not into.is_active_on(effective_date):
        raise ValidationError(
            _("Đơn vị nhận sáp nhập “%(name)s” không hoạt động vào ngày hiệu lực.")
            % {"name": into.name},
            code="inactive_successor",
        )
    merged = []
    last_day = effective_date - datetime.timedelta(days=1)
    for source in sources:
        source = Agency.objects.select_for_update().get(pk=source.pk)
        if source.pk == into.pk:
            raise ValidationError(
                _("Không thể sáp nhập một đơn vị vào chính nó."), code="self_merge"
            )
        _close(source, last_day)
        source.successor = into
        source.save(update_fields=["valid_to", "successor"])
        for child in source.children.filter(valid_to__isnull=True):
            old_parent = child.parent
            _rehome(child, into)
            AgencyEvent.objects.create(
                agency=child,
                kind=EventKind.MOVED,
                effective_date=effective_date,
                decision=decision,
                old_parent=old_parent,
                new_parent=into,
                recorded_by=actor,
            )
        AgencyEvent.objects.create(
            agency=source,
            kind=EventKind.MERGED,
            effective_date=effective_date,
            decision=decision,
            successor=into,
            recorded_by=actor,
        )
        merged.append(source)
    return merged


@transaction.atomic
def dissolve_agency(
    agency: Agency,
    *,
    effective_date: datetime.date,
    actor=None,
    decision: str = "",
    rehome_children_to: Agency | None = None,
    successor: Agency | None = None,
    kind: str = EventKind.DISSOLVED,
) -> Agency:
    """Dissolve a unit (giải thể), e.g. a district on 01/07/2025. Open children move to
    ``rehome_children_to`` (the province for communes); a unit with open children and no
    new home is refused. ``successor``: the unit that takes over its work, if one does;
    ``kind``: SPLIT for a unit split into several (chia tách), the first of them named."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    open_children = list(agency.children.filter(valid_to__isnull=True))
    if open_children and rehome_children_to is None:
        raise ValidationError(
            _("Đơn vị còn %(count)d đơn vị trực thuộc đang hoạt động; hãy chọn nơi chuyển đến.")
            % {"count": len(open_children)},
            code="open_children",
        )
    _close(agency, effective_date - datetime.timedelta(days=1))
    agency.successor = successor
    agency.save(update_fields=["valid_to", "successor"])
    for child in open_children:
        move_agency(
            child,
            new_parent=rehome_children_to,
            effective_date=effective_date,
            actor=actor,
            decision=decision,
        )
    AgencyEvent.objects.create(
        agency=agency,
        kind=EventKind(kind),
        effective_date=effective_date,
        decision=decision,
        successor=successor,
        recorded_by=actor,
    )
    return agency


@transaction.atomic
def assign_role(
    user,
    *,
    unit: Agency,
    role: str,
    valid_from: datetime.date,
    title: str = "",
) -> Membership:
    """Give an officer a role in a unit (phân công). Refused for citizen accounts."""
    if not user.is_officer:
        raise ValidationError(
            _("Chỉ tài khoản cán bộ, công chức mới được phân công vai trò."), code="not_officer"
        )
    membership, _created = Membership.objects.get_or_create(
        user=user,
        unit=unit,
        role=Role(role),
        valid_from=valid_from,
        defaults={"title": title},
    )
    forget_memberships(user)
    return membership

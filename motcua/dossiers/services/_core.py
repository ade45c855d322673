"""The one path every change of a dossier takes: lock, check, apply, record, enqueue — in one
transaction, so a refused or failed action leaves the database exactly as it was."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agency_selectors
from motcua.agencies.models import Agency
from motcua.audit import services as audit

from .. import events
from ..access import Capacity, capacity_for
from ..constants import ALLOWED_FROM, TARGETS, Status
from ..errors import DossierError, RuleViolation, StaleDossier, TransitionNotAllowed
from ..models import CodeCounter, Dossier, DossierStep, Event, IdempotencyKey, RuleSet
from ..signals import send_changed, send_event_recorded


@dataclass
class Change:
    """What an action did, returned by its ``apply`` function."""

    dossier: Dossier
    to_status: str
    reason: str = ""
    step: DossierStep | None = None
    data: dict[str, Any] = field(default_factory=dict)
    attachments: list = field(default_factory=list)


Apply = Callable[[Dossier | None, Capacity, datetime.datetime], Change]


def _replay(key: str, action: str) -> Dossier | None:
    found = IdempotencyKey.objects.filter(key=key).select_related("dossier").first()
    if found is None:
        return None
    if found.action != action:
        raise TransitionNotAllowed(
            _("Mã yêu cầu này đã được dùng cho một thao tác khác."), code="idempotency_mismatch"
        )
    return found.dossier


def perform(
    action: str,
    *,
    actor,
    dossier: Dossier | None,
    apply: Apply,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    capacity: Capacity | None = None,
    at: datetime.datetime | None = None,
    as_read: bool = False,
) -> Dossier:
    """Run ``apply`` as ``action`` by ``actor`` on ``dossier`` (None for a dossier being
    created). Repeating an ``idempotency_key`` returns the dossier without acting again.

    ``as_read``: ``dossier`` was just read by the caller (the request's own read) and the action
    is decided on that state: instead of reading it again under a lock, ``apply`` works on a
    copy of it and the change is written only if the row still has the version read (one
    conditional UPDATE, which locks the row until the commit); a row changed meanwhile refuses
    the action as stale and nothing is kept."""
    # A key already used is looked up before acting; with ``as_read`` only if acting fails:
    # the request's fresh read of a dossier an earlier request with the key changed cannot
    # take the action again without writing the key a second time, which the key's unique
    # constraint refuses, so a repeat always ends here, its transaction rolled back whole.
    if idempotency_key and not as_read and (replayed := _replay(idempotency_key, action)):
        return replayed
    try:
        with transaction.atomic():
            return _perform(
                action,
                actor,
                dossier,
                apply,
                expected_version,
                idempotency_key,
                capacity,
                at,
                as_read,
            )
    except IntegrityError:
        # Two identical requests raced: the loser's whole transaction rolled back.
        if idempotency_key and (replayed := _replay(idempotency_key, action)):
            return replayed
        raise
    except DossierError:
        # Refused (the status moved, the version is stale …): a repeat of a request done?
        if as_read and idempotency_key and (replayed := _replay(idempotency_key, action)):
            return replayed
        raise


def _perform(
    action, actor, dossier, apply, expected_version, idempotency_key, capacity, at, as_read
):
    now = at or timezone.now()
    locked = None
    if as_read and dossier is not None and dossier.pk is not None:
        # A copy, so that a refused change leaves the caller's object as it was read.
        locked = copy.copy(dossier)
    elif dossier is not None and dossier.pk is not None:
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related(
                "receiving_unit", "resolving_agency", "holder", "rules", "procedure_version"
            )
            .get(pk=dossier.pk)
        )
    from_status = locked.status if locked is not None else None
    if from_status not in ALLOWED_FROM[action]:
        raise TransitionNotAllowed(
            _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {
                "action": _action_label(action),
                "status": Status(from_status).label if from_status else _("chưa tạo"),
            },
            code="transition_not_allowed",
        )
    if expected_version is not None and locked is not None and locked.version != expected_version:
        raise _stale()
    if capacity is None:
        capacity = capacity_for(actor, locked, action)
    change = apply(locked, capacity, now)
    if change.to_status not in TARGETS[action]:
        raise TransitionNotAllowed(
            _("Thao tác không dẫn tới trạng thái hợp lệ."), code="bad_target"
        )
    result = change.dossier
    result.status = change.to_status
    if locked is None:  # created by this action (apply may already have saved it)
        result.version = 1
        result.save()
    elif as_read:
        seen = locked.version  # ``result`` may be ``locked`` itself
        result.version = seen + 1
        if not result.save_if_version(seen):
            raise _stale()
    else:
        # The row is locked since the start of this transaction: its version cannot move.
        result.version = locked.version + 1
        result.save()
    event = _record_event(action, actor, capacity, from_status, change, now)
    audit.record(
        actor=actor, verb=action, obj=result, at=now, reason=change.reason, code=result.code
    )
    if idempotency_key:
        IdempotencyKey.objects.create(
            key=idempotency_key, action=action, dossier=result, event=event
        )
    send_event_recorded(event)
    send_changed([result.pk], never_received=result.received_at is None)
    events.dispatch(event)
    return result


def _stale() -> StaleDossier:
    return StaleDossier(
        _(
            "Hồ sơ đã được thay đổi từ khi bạn mở (bởi người khác hoặc ở cửa sổ khác). "
            "Hãy tải lại trang để xem tình trạng mới nhất; thao tác của bạn chưa được ghi."
        ),
        code="stale",
    )


def _record_event(action, actor, capacity, from_status, change: Change, now) -> Event:
    dossier = change.dossier
    # The next number computed by the INSERT and returned by it (one statement, not a read and
    # a write); the dossier's row is locked by the caller, so no other event of it is written
    # meanwhile, and the unique (dossier, sequence) constraint stands behind that.
    last = Event.objects.filter(dossier=dossier).order_by("-sequence").values("sequence")[:1]
    step = change.step
    event = Event.objects.create(
        dossier=dossier,
        sequence=Coalesce(Subquery(last), Value(0)) + Value(1),
        action=action,
        from_status=from_status or "",
        to_status=change.to_status,
        at=now,
        actor=actor,
        actor_unit=capacity.unit,
        actor_role=capacity.role,
        reason=change.reason,
        step=step,
        step_quota_hours=step.quota_hours if step else None,
        step_worked_hours=step.worked_hours if step else None,
        due_at=dossier.due_at,
        data=change.data,
    )
    if change.attachments:
        event.attachments.set(change.attachments)
    return event


def _action_label(action: str) -> str:
    from ..constants import Action

    return Action(action).label


def next_code(rules: RuleSet, unit: Agency, moment: datetime.datetime) -> str:
    """The next dossier code of ``unit`` for the local day of ``moment``: one statement that
    creates or increments the unit's counter row of the day. The row stays locked until the
    caller's transaction ends, so codes are unique and gap-free (a rolled-back filing gives its
    number back); callers take the code as the last thing before their history rows, so the lock
    is held for a handful of inserts and the commit. Units never wait for each other."""
    day = timezone.localtime(moment).date()
    table = CodeCounter._meta.db_table
    with connection.cursor() as cursor:
        # Constant identifiers (the model's own table name); values are parameters.
        cursor.execute(
            f"INSERT INTO {table} (unit_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608  # nosec B608
            f"ON CONFLICT (unit_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [unit.pk, day],
        )
        (seq,) = cursor.fetchone()
    return rules.format_code(unit=identity_code_of(unit), day=day, seq=seq)


def identity_code_of(unit: Agency) -> str:
    """The identity code printed in dossier codes: the unit's own, or that of the nearest agency
    above it (an internal desk such as a provincial service centre may have none)."""
    if unit.code:
        return unit.code
    for ancestor in reversed(agency_selectors.ancestors(unit)):
        if ancestor.code:
            return ancestor.code
    raise RuleViolation(
        _("Đơn vị %(unit)s chưa có mã định danh để cấp mã hồ sơ.") % {"unit": unit.name},
        code="no_identity_code",
    )


def require_text(value: str, message: str, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(message, code=code)
    return text


def hours(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))

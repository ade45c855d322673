"""The one path every change of a feedback takes: lock, check the state and the person's role,
apply, then write the history row and the audit entry in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit

from ..access import Capacity, capacity_for
from ..constants import ALLOWED_FROM, TARGET, Action, Status
from ..errors import RuleViolation, TransitionNotAllowed
from ..models import Feedback, FeedbackEvent

# apply(feedback, capacity, now) -> (reason, data) for the history row.
Apply = Callable[[Feedback, Capacity, datetime.datetime], tuple[str, dict[str, Any]]]


def perform(
    action: str,
    *,
    actor,
    feedback: Feedback,
    apply: Apply,
    capacity: Capacity | None = None,
    at: datetime.datetime | None = None,
) -> Feedback:
    """Run ``apply`` as ``action`` by ``actor``; a refusal leaves the database as it was."""
    now = at or timezone.now()
    with transaction.atomic():
        locked = (
            Feedback.objects.select_for_update(of=("self",))
            .select_related("agency", "rules", "concerned_agency")
            .get(pk=feedback.pk)
        )
        from_status = locked.status
        if from_status not in ALLOWED_FROM[action]:
            raise TransitionNotAllowed(
                _("Không thể “%(action)s” khi phản ánh, kiến nghị đang ở trạng thái “%(status)s”.")
                % {"action": Action(action).label, "status": Status(from_status).label},
                code="transition_not_allowed",
            )
        if capacity is None:
            capacity = capacity_for(actor, locked, action)
        reason, data = apply(locked, capacity, now)
        if TARGET[action] is not None:
            locked.status = TARGET[action]
        locked.save()
        record(locked, action, actor, capacity, from_status, now, reason, data)
    return locked


def record(feedback, action, actor, capacity, from_status, now, reason="", data=None) -> None:
    """Append the history row and the audit entry of ``action``."""
    last = (
        FeedbackEvent.objects.filter(feedback=feedback)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    user = actor if getattr(actor, "is_authenticated", False) else None
    FeedbackEvent.objects.create(
        feedback=feedback,
        sequence=(last or 0) + 1,
        action=action,
        from_status=from_status or "",
        to_status=feedback.status,
        at=now,
        actor=user,
        actor_unit=capacity.unit if capacity else None,
        actor_role=capacity.role if capacity else "",
        reason=reason,
        data=data or {},
    )
    audit.record(
        actor=actor,
        verb=f"feedback.{action}",
        obj=feedback,
        at=now,
        reason=reason,
        code=feedback.code,
    )


def require_text(value: str, message: str, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(message, code=code)
    return text

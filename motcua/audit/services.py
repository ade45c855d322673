"""Writing the audit trail. Call inside the transaction of the act being audited, so the entry
exists if and only if the act happened."""

from __future__ import annotations

from django.utils import timezone

from .models import AuditAction, AuditEntry


def record(
    *,
    actor,
    verb: str,
    obj,
    action: str = AuditAction.CHANGE,
    reason: str = "",
    at=None,
    **data,
) -> AuditEntry:
    return AuditEntry.objects.create(
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        reason=reason,
        data=data,
    )

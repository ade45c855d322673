"""Recording personal data breaches and their notification to the authority (Decree 13/2023
art. 23). Each change is one transaction with its audit row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit

from .constants import NOTIFY_WITHIN
from .models import BreachIncident

FIELDS = ("nature", "data_categories", "sensitive", "subjects_affected", "measures")


def check_discovered(discovered_at) -> None:
    if discovered_at > timezone.now():
        raise ValidationError(
            {"discovered_at": _("Thời điểm phát hiện không thể ở tương lai.")}, code="future"
        )


@transaction.atomic
def record_incident(*, actor, discovered_at, **details) -> BreachIncident:
    """Enter a breach in the register; its notification deadline is 72 hours after discovery."""
    check_discovered(discovered_at)
    incident = BreachIncident.objects.create(
        discovered_at=discovered_at,
        notify_by=discovered_at + NOTIFY_WITHIN,
        recorded_by=actor,
        **{name: details[name] for name in FIELDS if name in details},
    )
    audit.record(
        actor=actor,
        verb="record_breach",
        obj=incident,
        notify_by=incident.notify_by,
        subjects_affected=incident.subjects_affected,
    )
    return incident


@transaction.atomic
def update_incident(*, actor, incident: BreachIncident, **details) -> BreachIncident:
    """Correct what is known of a breach (nature, data, people affected, measures)."""
    incident = BreachIncident.objects.select_for_update().get(pk=incident.pk)
    changed = {}
    for name in FIELDS:
        if name in details and getattr(incident, name) != details[name]:
            changed[name] = [getattr(incident, name), details[name]]
            setattr(incident, name, details[name])
    if changed:
        incident.save(update_fields=list(changed))
        audit.record(actor=actor, verb="update_breach", obj=incident, changed=changed)
    return incident


def check_notification(incident: BreachIncident, notified_at, late_reason: str) -> bool:
    """Refuse (ValidationError by field) a notification time in the future, before discovery,
    or after the deadline without a reason; whether it is late."""
    if notified_at > timezone.now():
        raise ValidationError(
            {"authority_notified_at": _("Thời điểm thông báo không thể ở tương lai.")},
            code="future",
        )
    if notified_at < incident.discovered_at:
        raise ValidationError(
            {"authority_notified_at": _("Thời điểm thông báo không thể trước khi phát hiện.")},
            code="before_discovery",
        )
    late = notified_at > incident.discovered_at + NOTIFY_WITHIN
    if late and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": _(
                    "Thông báo sau hạn 72 giờ: ghi rõ lý do chậm (Điều 23 Nghị định 13/2023)."
                )
            },
            code="late_without_reason",
        )
    return late


@transaction.atomic
def record_notification(
    *, actor, incident: BreachIncident, notified_at, reference: str = "", late_reason: str = ""
) -> BreachIncident:
    """Record that the authority was notified; after the deadline a reason is required."""
    incident = BreachIncident.objects.select_for_update().get(pk=incident.pk)
    late = check_notification(incident, notified_at, late_reason)
    incident.authority_notified_at = notified_at
    incident.authority_reference = reference.strip()
    incident.late_reason = late_reason.strip() if late else ""
    incident.save(update_fields=["authority_notified_at", "authority_reference", "late_reason"])
    audit.record(
        actor=actor,
        verb="notify_breach",
        obj=incident,
        notified_at=notified_at,
        late=late,
        reference=incident.authority_reference,
    )
    return incident

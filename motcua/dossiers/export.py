"""One JSON object per dossier, with everything the statistics need to be recomputed
independently (``manage.py export_dossiers``). Datetimes are ISO 8601 in Vietnam time."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone

from motcua.catalog import answers
from motcua.catalog.constants import NATIONAL_CHANNEL_CODE
from motcua.worktime.constants import PauseReason

from . import clock
from .constants import Status
from .models import Dossier, DossierStep
from .national import national_status
from .services._core import identity_code_of


def _iso(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def dossiers_between(start: datetime.date | None, end: datetime.date | None):
    """Dossiers received (or, before acceptance, submitted) between two local dates, inclusive.
    Drafts are never exported."""
    qs = Dossier.objects.exclude(status=Status.DRAFT).annotate(
        day=Coalesce("received_at", "submitted_at")
    )
    tz = timezone.get_current_timezone()
    if start:
        qs = qs.filter(day__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=tz))
    if end:
        qs = qs.filter(
            day__lt=datetime.datetime.combine(
                end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
            )
        )
    return (
        qs.select_related(
            "procedure_version__procedure", "receiving_unit", "resolving_agency", "rules"
        )
        .prefetch_related(
            "pauses",
            "fees",
            "components",
            "results",
            "reappointments",
            Prefetch("steps", queryset=DossierStep.objects.order_by("order")),
        )
        .order_by("day", "pk")
    )


def record(dossier: Dossier, *, as_of: datetime.datetime | None = None) -> dict:
    calendar = clock.calendar_of(dossier)
    pauses = list(dossier.pauses.all())
    fees = list(dossier.fees.all())
    components = list(dossier.components.all())
    legal = clock.legal_punctuality(dossier, as_of=as_of)
    statistical = clock.statistical_punctuality(dossier, as_of=as_of)
    return {
        "code": dossier.code,
        "procedure_code": dossier.procedure_version.procedure.code,
        "procedure_version": dossier.procedure_version.number,
        "receiving_agency": identity_code_of(dossier.receiving_unit),
        "resolving_agency": identity_code_of(dossier.resolving_agency),
        "channel": dossier.channel,
        "channel_code": NATIONAL_CHANNEL_CODE[dossier.channel],
        "status": dossier.status,
        "national_status": national_status(dossier.status),
        "outcome": dossier.outcome,
        "rules": dossier.rules.name,
        "submitted_at": _iso(dossier.submitted_at),
        "received_at": _iso(dossier.received_at),
        "original_due_at": _iso(dossier.original_due_at),
        "due_at": _iso(dossier.due_at),
        "finished_at": _iso(dossier.finished_at),
        "returned_at": _iso(dossier.returned_at),
        "pauses": [
            {"reason": p.reason, "start": _iso(p.started_at), "end": _iso(p.ended_at)}
            for p in pauses
        ],
        "supplement_count": sum(1 for p in pauses if p.reason == PauseReason.SUPPLEMENT),
        "apology": bool(dossier.reappointments.all()),
        "fee_total": str(sum((f.amount for f in fees), Decimal(0))),
        "paid_online": any(f.paid_online for f in fees),
        "digitized": any(c.digitized for c in components),
        "reused_from_store": any(c.reused for c in components),
        "e_result": any(r.file_id for r in dossier.results.all()),
        "vneid_verified": dossier.vneid_verified,
        # The procedure's own form as the applicant typed it (dates dd/mm/yyyy, choices by label).
        "answers": [{"label": a.label, "value": a.text} for a in answers.given_answers(dossier)],
        "legal_punctuality": legal,
        "statistical_punctuality": statistical,
        "steps": [
            {
                "order": s.order,
                "stage": s.stage,
                "name": s.name,
                "role": s.role,
                "quota_hours": _decimal(s.quota_hours),
                "started_at": _iso(s.started_at),
                "due_at": _iso(s.due_at),
                "finished_at": _iso(s.finished_at),
                "worked_hours": _decimal(s.worked_hours),
                "punctuality": clock.step_punctuality(s, calendar),
            }
            for s in dossier.steps.all()
        ],
    }


def export(start=None, end=None, *, as_of=None, chunk_size: int = 500) -> Iterator[dict]:
    for dossier in dossiers_between(start, end).iterator(chunk_size=chunk_size):
        yield record(dossier, as_of=as_of)

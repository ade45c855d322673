"""Reads other code calls: the campaigns a dossier with a result is invited to (its page and
the result notification link to them)."""

from __future__ import annotations

from django.utils import timezone

from ..access import RATABLE
from ..models import Survey, SurveyResponse
from .constants import SurveyChannel


def open_for_dossier(dossier, *, day=None) -> list[Survey]:
    """Open campaigns taking answers after a result that cover the unit which received
    ``dossier`` and have no answer about it yet; none before its result."""
    if dossier.status not in RATABLE or not dossier.applicant_id:
        return []
    day = day or timezone.localdate()
    candidates = Survey.objects.filter(
        starts_on__lte=day, ends_on__gte=day, closed_at__isnull=True
    ).prefetch_related("units")
    path = dossier.receiving_unit.path
    answered = set(
        SurveyResponse.objects.filter(dossier=dossier).values_list("survey_id", flat=True)
    )
    return [
        s
        for s in candidates
        if SurveyChannel.RESULT in s.channels
        and s.pk not in answered
        and any(path.startswith(u.path) for u in s.units.all())
    ]

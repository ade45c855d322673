"""Reads of ratings and feedback. The 766 engine (group 5) reads ``ratings_between``,
``feedback_between`` and ``dossier_satisfaction``; pages read the queues below."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.catalog import selectors as catalog
from motcua.dossiers.access import visible_to as dossiers_visible_to

from . import access, clock
from .constants import Status
from .models import CriteriaSet, Feedback, Rating


def criteria_set_for(agency: Agency | None, day: datetime.date) -> CriteriaSet | None:
    """The criteria set in force on ``day`` for ``agency``: the one of its nearest ancestor (or
    itself) that has its own, else the national one."""
    candidates = CriteriaSet.objects.active_on(day).prefetch_related("criteria")
    ids = agency.ancestor_ids() if agency is not None else []
    depth = {agency_id: rank for rank, agency_id in enumerate(ids)}
    rows = [c for c in candidates if c.agency_id is None or c.agency_id in depth]
    rows.sort(key=lambda c: (depth.get(c.agency_id, -1), c.valid_from), reverse=True)
    return rows[0] if rows else None


@dataclass(frozen=True)
class RatingFact:
    """One dossier's rating, as the 766 engine needs it (indicator 5.4)."""

    dossier_id: int
    dossier_code: str
    resolving_agency_id: int
    procedure_code: str
    received_at: datetime.datetime | None
    rated_at: datetime.datetime
    level: str
    satisfied: bool
    points: int | None
    channel: str


def ratings_between(
    agency_path: str, start: datetime.datetime, end: datetime.datetime
) -> list[RatingFact]:
    """Ratings given in [start, end) of dossiers resolved in the subtree at ``agency_path``."""
    qs = Rating.objects.filter(
        dossier__resolving_agency__path__startswith=agency_path,
        rated_at__gte=start,
        rated_at__lt=end,
    ).select_related("dossier__procedure_version__procedure")
    return [
        RatingFact(
            dossier_id=r.dossier_id,
            dossier_code=r.dossier.code or "",
            resolving_agency_id=r.dossier.resolving_agency_id,
            procedure_code=r.dossier.procedure_version.procedure.code,
            received_at=r.dossier.received_at,
            rated_at=r.rated_at,
            level=r.level,
            satisfied=r.satisfied,
            points=r.points,
            channel=r.channel,
        )
        for r in qs.order_by("rated_at", "pk")
    ]


@dataclass(frozen=True)
class FeedbackFact:
    """One feedback, as the 766 engine needs it (indicators 5.1–5.4)."""

    feedback_id: int
    code: str
    agency_id: int
    concerned_agency_id: int
    classification: str
    status: str
    punctuality: str
    received_at: datetime.datetime
    finished_at: datetime.datetime | None
    received_in_period: bool
    handled_in_period: bool
    likes: int
    dislikes: int
    repeat_complaint: bool
    dossier_id: int | None
    procedure_code: str

    @property
    def unsatisfied(self) -> bool:
        """More dislikes than likes (766 indicator 5.3)."""
        return self.dislikes > self.likes


def feedback_between(
    agency_path: str,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    at: datetime.datetime | None = None,
) -> list[FeedbackFact]:
    """Feedback handled in the subtree at ``agency_path`` that was first received in
    [start, end) or answered/refused in it, with its handling status at ``at`` (the period end
    by default, or now if that is earlier)."""
    moment = at or min(end, timezone.now())
    qs = (
        Feedback.objects.filter(agency__path__startswith=agency_path)
        .filter(
            Q(received_at__gte=start, received_at__lt=end)
            | Q(finished_at__gte=start, finished_at__lt=end)
        )
        .select_related("procedure", "rules")
        .order_by("received_at", "pk")
    )
    return [
        FeedbackFact(
            feedback_id=f.pk,
            code=f.code,
            agency_id=f.agency_id,
            concerned_agency_id=f.concerned_agency_id,
            classification=f.classification,
            status=f.status,
            punctuality=clock.punctuality(f, moment),
            received_at=f.received_at,
            finished_at=f.finished_at,
            received_in_period=start <= f.received_at < end,
            handled_in_period=f.finished_at is not None and start <= f.finished_at < end,
            likes=f.likes,
            dislikes=f.dislikes,
            repeat_complaint=f.repeat_complaint,
            dossier_id=f.dossier_id,
            procedure_code=f.procedure.code if f.procedure_id else "",
        )
        for f in qs
    ]


@dataclass(frozen=True)
class DossierSatisfaction:
    """What indicator 5.4 needs of one dossier besides its punctuality."""

    rated: bool
    satisfied: bool | None
    has_feedback: bool


def dossier_satisfaction(dossier_ids: Iterable[int]) -> dict[int, DossierSatisfaction]:
    """For each dossier id: its rating (if any) and whether a feedback names it. Two queries."""
    ids = list(dossier_ids)
    ratings = dict(Rating.objects.filter(dossier_id__in=ids).values_list("dossier_id", "satisfied"))
    with_feedback = set(
        Feedback.objects.filter(dossier_id__in=ids).values_list("dossier_id", flat=True)
    )
    return {
        i: DossierSatisfaction(
            rated=i in ratings, satisfied=ratings.get(i), has_feedback=i in with_feedback
        )
        for i in ids
    }


def queue(user, *, status: str = "") -> QuerySet[Feedback]:
    """The officer's list: open feedback first, by the limit that runs."""
    qs = access.visible_to(user).select_related("agency", "dossier", "procedure")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "answer_due_at", "pk")


def mine(user) -> QuerySet[Feedback]:
    return access.visible_to(user).select_related("agency").order_by("-received_at", "-pk")


def published_answers() -> QuerySet[Feedback]:
    return access.published().select_related("agency", "procedure").order_by("-published_at", "-pk")


def ratable_dossiers(user):
    """The applicant's dossiers with a result and no rating yet."""
    if not getattr(user, "is_applicant", False):
        return Rating.objects.none()
    return (
        dossiers_visible_to(user)
        .filter(status__in=access.RATABLE, rating__isnull=True)
        .select_related("procedure_version")
        .order_by("-finished_at", "-pk")
    )


@dataclass(frozen=True)
class RatingPrompt:
    """What the applicant's dossier page says about rating it: an invitation (``rating`` None)
    once the result is out, or the rating given."""

    rating: Rating | None

    @property
    def invite(self) -> bool:
        return self.rating is None


def rating_prompt(user, dossier) -> RatingPrompt | None:
    """None before the result, or when ``user`` is not the dossier's applicant."""
    if not getattr(user, "is_applicant", False) or dossier.applicant_id != user.pk:
        return None
    if dossier.status not in access.RATABLE:
        return None
    return RatingPrompt(rating=Rating.objects.filter(dossier=dossier).first())


def unrated_among(user, dossiers) -> set[int]:
    """Ids of the ``dossiers`` (a page of a list) that ``user`` may rate now: their result is
    out and they have no rating yet. One query whatever their number."""
    if not getattr(user, "is_applicant", False):
        return set()
    ids = [d.pk for d in dossiers if d.status in access.RATABLE and d.applicant_id == user.pk]
    if not ids:
        return set()
    rated = set(Rating.objects.filter(dossier_id__in=ids).values_list("dossier_id", flat=True))
    return set(ids) - rated


def own_dossiers(user):
    """The applicant's submitted dossiers, to pick the one a feedback is about."""
    if not getattr(user, "is_applicant", False):
        return []
    return (
        dossiers_visible_to(user)
        .exclude(code__isnull=True)
        .select_related("procedure_version")
        .order_by("-created_at", "-pk")[:50]
    )


def procedure_version_of(feedback: Feedback):
    """The version of the procedure a feedback names, as in force the day it was received (what
    the sender read), so pages show its name and not only its code. A dossier's feedback
    names the dossier's own version."""
    if feedback.dossier_id:
        return feedback.dossier.procedure_version
    if feedback.procedure_id is None:
        return None
    return catalog.published_version_on(
        feedback.procedure, timezone.localdate(feedback.received_at)
    )


def history(feedback: Feedback):
    return feedback.events.select_related("actor", "actor_unit").order_by("sequence")


OPEN_STATES = (Status.RECEIVED, Status.TRANSFERRED, Status.SUPPLEMENT_REQUESTED)

"""The per-dossier side of the TT 01/2018 evaluation: which dossiers are evaluated, what the
system holds about each (steps, transfers, supplement requests, who received it, complaints),
and the points of indices 1, 2, 3, 4, 6 and 7 for each. A fixed number of queries, whatever
the number of dossiers. The readings are explained in ``evaluation.py``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from motcua.catalog.constants import Channel, OnlineLevel, StepUnit
from motcua.dossiers.constants import Action, Outcome
from motcua.dossiers.models import Dossier, DossierStep, Event, SupplementRequest, Transfer
from motcua.feedback import selectors as feedback

from ..common.periods import Period
from ..measurement import facts as facts_module
from ..measurement.facts import DossierFact
from . import indices as points

# Dossiers evaluated: ended in the period with a result — granted, or refused after appraisal.
RESULT_OUTCOMES = (Outcome.GRANTED, Outcome.REFUSED)
DESK_STEP_UNITS = frozenset({StepUnit.DESK, StepUnit.APPLICANT})
# The officer who appraises (công chức xử lý) is evaluated with the desk officer who received.
HANDLER_STEP_UNITS = frozenset({StepUnit.SPECIALIST_UNIT})
RECEIPT_ACTIONS = (Action.RECEIVE, Action.ACCEPT)


@dataclass
class DossierScore:
    """One evaluated dossier: its points per index and what the unit indices need of it."""

    pk: int
    code: str
    unit_id: int
    procedure_id: int
    online: bool
    late: bool
    at_desk: bool  # received by a unit running a one-stop desk (index 5)
    desk_decided: bool  # every step of its process was the desk's (index 5)
    officer_ids: tuple[int, ...]
    points: dict[int, int] = field(default_factory=dict)
    steps_missing: bool = False  # index 2 took index 1's value


def evaluated(facts: list[DossierFact]) -> list[DossierFact]:
    """The dossiers that ended in the period with a result (the facts hold ``finished_at`` only
    for an end before the period end, and only dossiers not ended before it began)."""
    return [f for f in facts if f.finished_at is not None and f.outcome in RESULT_OUTCOMES]


def _base(agency, period: Period):
    """The evaluated dossiers as a subquery, so the reads below send no long id lists."""
    return (
        facts_module.scope_queryset(agency)
        .filter(
            finished_at__gte=period.start_at,
            finished_at__lt=period.end_at,
            outcome__in=RESULT_OUTCOMES,
        )
        .values("pk")
    )


def _steps(base, period: Period) -> dict[int, list[dict]]:
    rows = DossierStep.objects.filter(dossier__in=base).values(
        "dossier_id",
        "agency_id",
        "stage",
        "process_step_id",
        "name",
        "unit_kind",
        "assignee_id",
        "quota_hours",
        "worked_hours",
        "finished_at",
    )
    by_dossier: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if row["finished_at"] is not None and row["finished_at"] >= period.end_at:
            row["finished_at"] = row["worked_hours"] = None  # not finished at the period end
        by_dossier[row["dossier_id"]].append(row)
    return by_dossier


def _step_times(rows: list[dict], unit_id: int) -> list[points.StepTime]:
    return [
        points.StepTime(
            agency_id=row["agency_id"] or unit_id,
            key=(row["stage"], row["process_step_id"] or row["name"]),
            quota_hours=row["quota_hours"],
            worked_hours=row["worked_hours"],
        )
        for row in rows
        if row["worked_hours"] is not None
    ]


def load(agency, period: Period, facts: list[DossierFact]) -> list[DossierScore]:
    """Score every evaluated dossier of ``facts`` (the facts of ``agency``'s subtree)."""
    chosen = evaluated(facts)
    if not chosen:
        return []
    base = _base(agency, period)
    end = period.end_at
    extras = {
        row["pk"]: row
        for row in Dossier.objects.filter(pk__in=base).values(
            "pk",
            "delivery",
            "receiving_unit__runs_one_stop_desk",
            "procedure_version__decision_number",
            "procedure_version__decision_date",
        )
    }
    steps = _steps(base, period)
    transferred = set(
        Transfer.objects.filter(dossier__in=base, sent_at__lt=end).values_list(
            "dossier_id", flat=True
        )
    )
    supplements = dict(
        SupplementRequest.objects.filter(dossier__in=base, requested_at__lt=end)
        .values("dossier_id")
        .annotate(n=Count("pk"))
        .values_list("dossier_id", "n")
    )
    receivers: dict[int, set[int]] = defaultdict(set)
    for dossier_id, actor_id in Event.objects.filter(
        dossier__in=base, action__in=RECEIPT_ACTIONS, actor__isnull=False
    ).values_list("dossier_id", "actor_id"):
        receivers[dossier_id].add(actor_id)
    satisfaction = feedback.dossier_satisfaction([f.pk for f in chosen])
    return [
        _score(
            fact,
            extras[fact.pk],
            steps.get(fact.pk, []),
            transferred=fact.pk in transferred,
            supplement_requests=supplements.get(fact.pk, 0),
            receivers=receivers.get(fact.pk, set()),
            state=satisfaction[fact.pk],
        )
        for fact in chosen
        if fact.pk in extras
    ]


def _score(fact, extra, step_rows, *, transferred, supplement_requests, receivers, state):
    index_1 = points.time_points(fact.punctuality)
    index_2 = points.agency_time_points(_step_times(step_rows, fact.unit_id))
    complaint = state.has_feedback or (state.rated and state.satisfied is False)
    version_decided = bool(
        extra["procedure_version__decision_number"] and extra["procedure_version__decision_date"]
    )
    handlers = {
        row["assignee_id"]
        for row in step_rows
        if row["unit_kind"] in HANDLER_STEP_UNITS and row["assignee_id"] is not None
    }
    if fact.assignee_id is not None:
        handlers.add(fact.assignee_id)
    return DossierScore(
        pk=fact.pk,
        code=fact.code,
        unit_id=fact.unit_id,
        procedure_id=fact.procedure_id,
        online=fact.channel == Channel.ONLINE,
        late=fact.late,
        at_desk=bool(extra["receiving_unit__runs_one_stop_desk"]),
        desk_decided=bool(step_rows)
        and all(row["unit_kind"] in DESK_STEP_UNITS for row in step_rows),
        officer_ids=tuple(sorted(receivers | handlers)),
        points={
            1: index_1,
            2: index_1 if index_2 is None else index_2,
            3: points.contact_points(supplement_requests),
            4: points.agencies_points(fact.channel, extra["delivery"], transferred),
            6: points.publicity_points(
                version_decided, fact.online_level not in ("", OnlineLevel.NONE)
            ),
            7: points.attitude_points(fact.punctuality, complaint),
        },
        steps_missing=index_2 is None,
    )

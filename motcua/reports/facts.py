"""What the reports need to know about each dossier, measured at the end of a period.

One query loads every dossier of an agency subtree that was accepted before the period ended and
had not ended before it began, with its pauses, fees, components and results; the state at the
period end is then reconstructed from the stored instants (``received_at``, ``finished_at``,
pause intervals), so a past period reads the same today as it did on its last day.

Readings (domain.md §4.1, §5.5, §8.1):
- a dossier belongs to its resolving agency (cơ quan giải quyết);
- received = accepted (``received_at`` set); submitted-but-not-accepted, refused at intake and
  withdrawn before acceptance dossiers have no ``received_at`` and never count;
- end event = ``finished_at`` (result issued, stopped, or withdrawal after acceptance);
- processed (đã xử lý, codes 9 + 10 + 7) = ended in the period with a result or a withdrawal;
  stopped (code 8) is counted under paused (tạm dừng, 5 + 6 + 8) as the 766 dashboard does;
- early / on time / late is the statistical rule of Decision 766 (``dossiers.clock``): supplement
  time subtracted, more than the allowed supplement requests count late, a dossier waiting for
  the applicant measured at its request time, an open dossier at the period end.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from motcua.catalog.constants import CITIZEN_SUBJECTS, Channel
from motcua.dossiers.constants import FileOrigin, Outcome
from motcua.dossiers.models import Dossier
from motcua.worktime import clock as wt
from motcua.worktime import pauses as wt_pauses
from motcua.worktime.constants import PauseReason, Punctuality
from motcua.worktime.selectors import get_calendar

from .constants import Bucket, PauseKind
from .periods import Period

POPULATION_DB_WORDS = ("dân cư", "dan cu", "population")


@dataclass
class DossierFact:
    """One dossier as the reports see it at the end of a period."""

    pk: int
    code: str
    unit_id: int
    unit_name: str
    procedure_id: int
    procedure_code: str
    procedure_name: str
    field_code: str
    field_name: str
    channel: str
    assignee_id: int | None
    received_at: datetime.datetime
    finished_at: datetime.datetime | None  # only if it ended before the period end
    outcome: str
    carried_over: bool
    received_in_period: bool
    bucket: str
    pause_kind: str = ""
    punctuality: str | None = None
    supplement_count: int = 0
    due_at: datetime.datetime | None = None  # statistical due time at the period end
    result_is_document: bool = True
    online_level: str = ""
    full_online_eligible: bool = False
    citizen_subject: bool = False
    fee_total: Decimal = Decimal(0)
    paid_online: bool = False
    digitized: bool = False
    reused: bool = False
    from_data_store: bool = False
    population_data: bool = False
    has_result: bool = False
    e_result: bool = False
    worked_days: Decimal | None = None
    rules_name: str = ""

    @property
    def late(self) -> bool:
        return self.punctuality == Punctuality.LATE

    @property
    def ended_in_period(self) -> bool:
        return self.finished_at is not None


def scope_queryset(agency, *, field_code: str | None = None):
    """Accepted dossiers resolved in ``agency``'s subtree (optionally of one field)."""
    qs = Dossier.objects.filter(
        resolving_agency__path__startswith=agency.path, received_at__isnull=False
    )
    if field_code:
        qs = qs.filter(procedure_version__field__code=field_code)
    return qs


def load(agency, period: Period, *, field_code: str | None = None) -> list[DossierFact]:
    """Facts of every dossier that is part of ``period``: accepted before its end and not ended
    before its start."""
    qs = (
        scope_queryset(agency, field_code=field_code)
        .filter(received_at__lt=period.end_at)
        .filter(Q(finished_at__isnull=True) | Q(finished_at__gte=period.start_at))
        .select_related(
            "procedure_version__procedure",
            "procedure_version__field",
            "resolving_agency",
            "rules",
        )
        .prefetch_related(
            "pauses",
            "fees",
            "components",
            "results",
        )
        .order_by("received_at", "pk")
    )
    calendars: dict[int, object] = {}
    facts = []
    for dossier in qs.iterator(chunk_size=1000):
        calendar = calendars.get(dossier.resolving_agency_id)
        if calendar is None:
            calendar = calendars[dossier.resolving_agency_id] = get_calendar(
                dossier.resolving_agency
            )
        facts.append(fact_of(dossier, period, calendar))
    return facts


def _pauses_at(dossier, moment) -> list[wt_pauses.Pause]:
    """The pauses as they stood at ``moment``: later ones unknown, unfinished ones open."""
    result = []
    for pause in dossier.pauses.all():
        if pause.started_at >= moment:
            continue
        end = pause.ended_at if pause.ended_at is not None and pause.ended_at < moment else None
        result.append(wt_pauses.Pause(start=pause.started_at, end=end, reason=pause.reason))
    return result


def _statistical(dossier, finished, pauses, calendar, as_of):
    if dossier.original_due_at is None:
        return None, None
    punctuality = wt_pauses.statistical_punctuality(
        finished,
        dossier.original_due_at,
        pauses,
        calendar,
        as_of=as_of,
        max_supplement_requests=dossier.rules.max_supplements_on_time,
    )
    closed = [p for p in pauses if p.end is not None]
    due = wt_pauses.shift_due_by_pauses(dossier.original_due_at, closed, calendar, as_of=as_of)
    return punctuality, due


def fact_of(dossier, period: Period, calendar) -> DossierFact:
    as_of = period.end_at
    version = dossier.procedure_version
    finished = dossier.finished_at if dossier.finished_at and dossier.finished_at < as_of else None
    pauses = _pauses_at(dossier, as_of)
    open_pause = next((p for p in pauses if p.end is None), None)
    if finished is not None and dossier.outcome == Outcome.STOPPED:
        bucket, pause_kind = Bucket.PAUSED, PauseKind.STOPPED
    elif finished is not None:
        bucket, pause_kind = Bucket.PROCESSED, ""
    elif open_pause is not None:
        bucket = Bucket.PAUSED
        pause_kind = (
            PauseKind.SUPPLEMENT
            if open_pause.reason == PauseReason.SUPPLEMENT
            else PauseKind.FINANCIAL
        )
    else:
        bucket, pause_kind = Bucket.IN_PROGRESS, ""
    punctuality, due = _statistical(dossier, finished, pauses, calendar, as_of)
    fees = list(dossier.fees.all())
    components = list(dossier.components.all())
    results = [r for r in dossier.results.all() if r.issued_at < as_of]
    worked_days = None
    if finished is not None and dossier.outcome in (Outcome.GRANTED, Outcome.REFUSED):
        start = dossier.clock_start_at or dossier.received_at
        paused = Decimal(wt_pauses.paused_working_micros(pauses, calendar, as_of=as_of))
        total = Decimal(wt.working_micros_between(start, finished, calendar))
        worked_days = max(Decimal(0), total - paused) / Decimal(3_600_000_000 * 8)
    return DossierFact(
        pk=dossier.pk,
        code=dossier.code or "",
        unit_id=dossier.resolving_agency_id,
        unit_name=dossier.resolving_agency.name,
        procedure_id=version.procedure_id,
        procedure_code=version.procedure.code,
        procedure_name=version.name,
        field_code=version.field.code if version.field_id else "",
        field_name=version.field.name if version.field_id else "",
        channel=dossier.channel,
        assignee_id=dossier.assignee_id,
        received_at=dossier.received_at,
        finished_at=finished,
        outcome=dossier.outcome if finished else "",
        carried_over=dossier.received_at < period.start_at,
        received_in_period=period.contains(dossier.received_at),
        bucket=bucket,
        pause_kind=pause_kind,
        punctuality=punctuality,
        supplement_count=sum(1 for p in pauses if p.reason == PauseReason.SUPPLEMENT),
        due_at=due,
        result_is_document=version.result_is_document,
        online_level=version.online_level,
        full_online_eligible=version.full_online_eligible,
        citizen_subject=bool(set(version.subjects or []) & CITIZEN_SUBJECTS),
        fee_total=sum((f.amount for f in fees), Decimal(0)),
        paid_online=any(f.paid_online and f.paid_at and f.paid_at < as_of for f in fees),
        digitized=any(c.digitized for c in components),
        reused=any(c.reused for c in components),
        from_data_store=any(c.origin == FileOrigin.DATA_STORE for c in components),
        population_data=dossier.vneid_verified or any(_population(c) for c in components),
        has_result=bool(results),
        e_result=any(r.file_id for r in results),
        worked_days=worked_days,
        rules_name=dossier.rules.name,
    )


def _population(component) -> bool:
    if component.origin == FileOrigin.DATA_STORE:
        return True
    source = component.source_database.lower()
    return component.origin == FileOrigin.NATIONAL_DATABASE and any(
        word in source for word in POPULATION_DB_WORDS
    )


def online(fact: DossierFact) -> bool:
    return fact.channel == Channel.ONLINE


def received(facts: Iterable[DossierFact]) -> list[DossierFact]:
    return [f for f in facts if f.received_in_period]

"""What the reports need to know about each dossier, measured at a period's measuring moment.

One query loads every dossier of an agency subtree that was accepted before the period ended and
had not ended before it began, with its pauses, fees, components and results; the state at the
measuring moment — the period end, or now while the period has not ended
(``Period.measured_at``) — is then reconstructed from the stored instants (``received_at``,
``finished_at``, pause intervals) by ``history.state_at``, so a past period's counts of
received, processed, in-progress and paused dossiers read the same today as on its last day,
and an open dossier of the current period is overdue only once its due time has passed. A dossier's attributes
(fees paid online, digitised or reused components, results) are read as they stand now, as the
national portal reads the synced dossier's fields when it computes the 766 index.

Readings (domain.md §4.1, §5.5, §8.1):
- a dossier belongs to its resolving agency (cơ quan giải quyết);
- received = accepted (``received_at`` set); submitted-but-not-accepted, refused at intake and
  withdrawn before acceptance dossiers have no ``received_at`` and never count;
- end event = ``finished_at`` (result issued, stopped, or withdrawal after acceptance);
- processed (đã xử lý, codes 9 + 10 + 7) = ended in the period with a result or a withdrawal;
  stopped (code 8) is counted under paused (tạm dừng, 5 + 6 + 8) as the 766 dashboard does;
- early / on time / late is the statistical rule of Decision 766 (``dossiers.clock``): supplement
  time subtracted, more than the allowed supplement requests count late, a dossier waiting for
  the applicant measured at its request time, an open dossier at the measuring moment.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BigIntegerField, Case, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce

from motcua.agencies.models import Agency
from motcua.catalog.constants import CITIZEN_SUBJECTS, Channel
from motcua.dossiers.constants import FileOrigin, Outcome, SourceDatabase
from motcua.dossiers.models import Dossier, DossierMove
from motcua.worktime import clock as wt
from motcua.worktime import pauses as wt_pauses
from motcua.worktime.constants import Punctuality
from motcua.worktime.selectors import get_calendar

from ..common.periods import Period
from . import history, records

POPULATION_DB_WORDS = ("dân cư", "dan cu", "population")
# Outcomes with a resolution time (granted or refused), as plain strings for speed.
RESOLVED = frozenset({str(Outcome.GRANTED), str(Outcome.REFUSED)})


@dataclass
class DossierFact:
    """One dossier as the reports see it at a period's measuring moment."""

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
    finished_at: datetime.datetime | None  # only if it ended before the measuring moment
    outcome: str
    carried_over: bool
    received_in_period: bool
    bucket: str
    pause_kind: str = ""
    punctuality: str | None = None
    supplement_count: int = 0
    due_at: datetime.datetime | None = None  # statistical due time at the measuring moment
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


def unit_at_end(period: Period):
    """A query expression: the resolving agency a dossier had at the end of ``period`` (the
    agency before the first reorganisation that moved it after the period, else its own)."""
    later = (
        DossierMove.objects.filter(dossier=OuterRef("pk"), effective_date__gt=period.end)
        .order_by("effective_date", "pk")
        .values("from_resolving_agency")[:1]
    )
    own = F("resolving_agency_id")
    # Most periods have no reorganisation after them: one uncorrelated EXISTS, evaluated once,
    # spares the per-dossier subquery (a province's half-year on PostgreSQL: ~0.35 s -> ~0.1 s).
    any_later = Exists(DossierMove.objects.filter(effective_date__gt=period.end))
    return Case(
        When(any_later, then=Coalesce(Subquery(later), own)),
        default=own,
        output_field=BigIntegerField(),
    )


def scope(agency, period: Period, *, field_code: str | None = None, ended: bool = False):
    """Every dossier that is part of ``period`` for ``agency``'s subtree: accepted before its end
    and not ended before its start, with what ``facts_of`` reads, in (``received_at``, pk)
    order. ``ended``: only those that ended in the period, selected by a plain range on the end
    time (the "open, or ended after the start" condition is an OR that makes the planner expect
    a few rows and sort them rather than read the index on the end time in order)."""
    if ended:
        in_period = Q(finished_at__gte=period.start_at, finished_at__lt=period.end_at)
    else:
        in_period = Q(finished_at__isnull=True) | Q(finished_at__gte=period.start_at)
    # A dossier counts with the unit it had at the period's end: one moved by a later
    # reorganisation stays with its old unit in the reports of earlier periods.
    subtree = Agency.objects.subtree_of(agency).values("pk")
    moved_out = DossierMove.objects.filter(
        effective_date__gt=period.end, from_resolving_agency__in=subtree
    ).values("dossier_id")
    qs = (
        Dossier.objects.filter(
            Q(resolving_agency__path__startswith=agency.path) | Q(pk__in=moved_out),
            received_at__isnull=False,
        )
        .annotate(unit_then=unit_at_end(period))
        .filter(unit_then__in=subtree)
        .filter(received_at__lt=period.end_at)
        .filter(in_period)
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
    if field_code:
        qs = qs.filter(procedure_version__field__code=field_code)
    return qs


def load(agency, period: Period, *, field_code: str | None = None) -> list[DossierFact]:
    """Facts of every dossier that is part of ``period`` (``scope``)."""
    return facts_of(scope(agency, period, field_code=field_code).iterator(chunk_size=1000), period)


def facts_of(dossiers: Iterable, period: Period) -> list[DossierFact]:
    """The facts of ``dossiers`` of ``scope`` (annotated with their unit at the period end)."""
    calendars: dict[int, object] = {}
    names: dict[int, str] = {}
    moment = period.measured_at()
    facts = []
    for dossier in dossiers:
        calendar = calendars.get(dossier.resolving_agency_id)
        if calendar is None:
            calendar = calendars[dossier.resolving_agency_id] = get_calendar(
                dossier.resolving_agency
            )
        fact = fact_of(dossier, period, calendar, moment)
        if dossier.unit_then != fact.unit_id:  # moved by a reorganisation after the period
            if dossier.unit_then not in names:
                names[dossier.unit_then] = Agency.objects.get(pk=dossier.unit_then).name
            fact.unit_id, fact.unit_name = dossier.unit_then, names[dossier.unit_then]
        facts.append(fact)
    return facts


def fact_of(dossier, period: Period, calendar, moment=None) -> DossierFact:
    """The dossier at the period's measuring moment (``moment``, by default
    ``period.measured_at()``); its attributes (fees paid online, results, components) as they
    stand now, as the national portal reads the synced dossier (see ``attributes``)."""
    as_of = moment or period.measured_at()
    version = dossier.procedure_version
    record = records.DossierRecord.from_model(dossier)
    state = history.state_at(history.History.of(record), calendar, as_of)
    attrs = attributes(record, calendar)
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
        finished_at=dossier.finished_at if state.finished else None,
        outcome=dossier.outcome if state.finished else "",
        carried_over=dossier.received_at < period.start_at,
        received_in_period=period.contains(dossier.received_at),
        bucket=state.bucket,
        pause_kind=state.pause_kind,
        punctuality=state.punctuality,
        supplement_count=state.supplement_count,
        due_at=state.due_at,
        result_is_document=version.result_is_document,
        online_level=version.online_level,
        full_online_eligible=version.full_online_eligible,
        citizen_subject=bool(set(version.subjects or []) & CITIZEN_SUBJECTS),
        fee_total=attrs.fee_total,
        paid_online=attrs.paid_online,
        digitized=attrs.digitized,
        reused=attrs.reused,
        from_data_store=attrs.from_data_store,
        population_data=attrs.population_data,
        has_result=attrs.has_result,
        e_result=attrs.e_result,
        worked_days=(
            None
            if attrs.resolved_micros is None
            else Decimal(attrs.resolved_micros) / Decimal(3_600_000_000 * 8)
        ),
        rules_name=dossier.rules.name,
    )


@dataclass(frozen=True)
class Attributes:
    """What a dossier is, as it stands now (the 766 counts read the synced dossier's fields)."""

    fee_total: Decimal
    paid_online: bool
    digitized: bool
    reused: bool
    from_data_store: bool
    population_data: bool
    has_result: bool
    e_result: bool
    resolved_micros: int | None  # working time to resolve (granted or refused), pauses excluded


def attributes(dossier: records.DossierRecord, calendar) -> Attributes:
    """The attributes of a dossier (``records.DossierRecord``) as it stands now."""
    fees = dossier.fees
    components = dossier.components
    results = dossier.result_files
    resolved = None
    if dossier.finished_at is not None and dossier.outcome in RESOLVED:
        start = dossier.clock_start_at or dossier.received_at
        pauses = [p for p in dossier.pauses if p.start < dossier.finished_at]
        paused = wt_pauses.paused_working_micros(pauses, calendar, as_of=dossier.finished_at)
        total = wt.working_micros_between(start, dossier.finished_at, calendar)
        resolved = max(0, total - paused)
    return Attributes(
        fee_total=sum((f.amount for f in fees), Decimal(0)),
        paid_online=any(f.paid_online and f.paid_at for f in fees),
        digitized=any(c.digitized for c in components),
        reused=any(c.reused for c in components),
        from_data_store=any(c.origin == FileOrigin.DATA_STORE for c in components),
        population_data=(
            dossier.vneid_verified
            or dossier.applicant_data_source == SourceDatabase.POPULATION
            or any(_population(c) for c in components)
        ),
        has_result=bool(results),
        e_result=any(file_id for file_id in results),
        resolved_micros=resolved,
    )


def _population(component) -> bool:
    if component.origin == FileOrigin.DATA_STORE:
        return True
    if component.origin != FileOrigin.NATIONAL_DATABASE:
        return False
    if component.source_database == SourceDatabase.POPULATION:
        return True
    # Components recorded before the MaCSDL code was stored name the database in words.
    source = component.source_database.lower()
    return any(word in source for word in POPULATION_DB_WORDS)


def online(fact: DossierFact) -> bool:
    return fact.channel == Channel.ONLINE


def received(facts: Iterable[DossierFact]) -> list[DossierFact]:
    return [f for f in facts if f.received_in_period]

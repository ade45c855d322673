"""The dossiers that cost an indicator points, one page at a time, for the drill-down page.

The page's figures come from the daily aggregates, as the index's (``report.build``); the list
of the dossiers behind them cannot, so it is read here a page at a time: the dossiers of the
indicator's denominator, in (``received_at``, pk) order after a cursor — (``finished_at``, pk)
for an indicator over the dossiers ended in the period (4.1), so that the index on the end time
gives the page in order without reading the whole period — narrowed in SQL to those that may
cost points (``candidates``: never fewer than those that do), then measured one by one by the
indicator's own evaluator (``report.EVALUATORS``), which gives the verdict and the reason.
A page stops at ``PAGE_SIZE`` dossiers costing points or after ``SCAN_LIMIT`` candidates, so its
cost does not grow with the period or the database; the full list is the export's
(``exports.jobs``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from motcua.catalog.constants import Channel, OnlineLevel
from motcua.dossiers.constants import FileOrigin, Outcome, SourceDatabase
from motcua.dossiers.models import Dossier
from motcua.worktime.constants import Punctuality

from ..aggregates.models import DossierContribution
from ..common.periods import Period
from ..measurement import facts as facts_module
from ..measurement import history
from .items import Item

PAGE_SIZE = 50
SCAN_LIMIT = 1000
CHUNK = 200

RECEIVED, HANDLED, FINISHED = "received", "handled", "finished"
# The dossiers each indicator counts (``dossier_indicators``): received in the period, handled
# in it (carried over or received), or ended in it.
POPULATION = {
    "1.4": RECEIVED,
    "2.1": HANDLED,
    "3.3": RECEIVED,
    "3.4": RECEIVED,
    "3.6": RECEIVED,
    "4.1": FINISHED,
    "4.2": RECEIVED,
    "4.3": RECEIVED,
    "4.4": RECEIVED,
    "4.5b": RECEIVED,
    "5.4": HANDLED,
}


def _related(name: str):
    return Dossier._meta.get_field(name).related_model.objects.filter(dossier=OuterRef("pk"))


def _ever_late() -> Q:
    """The dossier's stored contribution to the aggregates counts it late somewhere: ended late
    (a finished flow with punctuality "late") or open past its due time (a ``*_late`` stock
    state); or no contribution is stored (aggregates not built yet), then it is measured. Every
    dossier late at a measuring moment is among them (the stock projects an open dossier forward,
    so one overdue by now or by a future period end is there).

    Asked of the dossier's own contribution (a scalar subquery by its primary key, true when
    none is stored) rather than as "no contribution, or one of the late ones": PostgreSQL reads
    that EXISTS as a hashed subplan, matching the text of every stored contribution before the
    first row (1 s on 300,000 dossiers), where the page needs a few hundred."""
    late = Q(flows_text__contains=f'"{Punctuality.LATE}"')
    for state in sorted(history.LATE_STATES):
        late |= Q(stock_text__contains=f'"{state}"')
    verdict = (
        DossierContribution.objects.filter(dossier=OuterRef("pk"))
        .annotate(flows_text=Cast("flows", TextField()), stock_text=Cast("stock", TextField()))
        .annotate(late=ExpressionWrapper(late, output_field=BooleanField()))
        .values("late")[:1]
    )
    return Q(Coalesce(Subquery(verdict), Value(True)))


def _with_result_document() -> Q:
    return Q(procedure_version__result_is_document=True) & Exists(_related("results"))


def _synced_in_time() -> Exists:
    from motcua.integrations.models import PortalCursor
    from motcua.integrations.portal import conf as portal_conf

    return Exists(
        PortalCursor.objects.filter(
            dossier=OuterRef("pk"),
            received_synced_at__lte=OuterRef("received_at") + portal_conf.sync_grace(),
        )
    )


def _complained() -> Q:
    from motcua.feedback.models import Feedback, Rating

    return Exists(Rating.objects.filter(dossier=OuterRef("pk"), satisfied=False)) | Exists(
        Feedback.objects.filter(dossier=OuterRef("pk"))
    )


def candidates(indicator_id: str) -> Q:
    """The dossiers of the indicator's denominator that may cost it points (a superset of those
    that do, as ``dossier_indicators`` decides)."""
    components = _related("components")
    online = Q(channel=Channel.ONLINE)
    if indicator_id == "1.4":
        return ~_synced_in_time()
    if indicator_id == "2.1":
        return _ever_late()
    if indicator_id == "3.3":
        return ~online | _with_result_document()
    if indicator_id == "3.4":
        return Q(procedure_version__full_online_eligible=True) & (
            ~online | ~Q(procedure_version__online_level=OnlineLevel.FULL)
        )
    if indicator_id == "3.6":
        return Exists(_related("fees").filter(amount__gt=0))
    if indicator_id == "4.1":
        return Q(outcome__in=(Outcome.GRANTED, Outcome.REFUSED)) & _with_result_document()
    if indicator_id == "4.2":
        return ~Exists(components.filter(digitized=True)) | _with_result_document()
    if indicator_id == "4.3":
        return ~Exists(components.filter(reused=True))
    if indicator_id == "4.4":
        return ~Exists(components.filter(origin=FileOrigin.DATA_STORE))
    if indicator_id == "4.5b":
        return Q(vneid_verified=False) & ~Q(applicant_data_source=SourceDatabase.POPULATION)
    if indicator_id == "5.4":
        return _ever_late() | _complained()
    raise KeyError(indicator_id)


def order_field(indicator_id: str) -> str:
    """The instant the list is ordered by: the end for the dossiers ended in the period, else
    the receipt."""
    return "finished_at" if POPULATION[indicator_id] == FINISHED else "received_at"


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after the dossier ``pk`` whose ordering instant (``order_field``)
    is ``at``."""

    at: datetime.datetime
    pk: int

    def __str__(self) -> str:
        return f"{self.at.isoformat()}~{self.pk}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """The cursor of a page's link; ``None`` (the first page) for anything else."""
        if not text or "~" not in text:
            return None
        moment, _sep, pk = text.rpartition("~")
        try:
            at = datetime.datetime.fromisoformat(moment)
            number = int(pk)
        except ValueError:
            return None
        if at.tzinfo is None or number < 0:
            return None
        return cls(at, number)


@dataclass
class Page:
    items: list[Item]
    next: Cursor | None  # None: the list ends here
    scanned: int  # candidates measured for this page


def queryset(agency, period: Period, indicator_id: str):
    population = POPULATION[indicator_id]
    if population == FINISHED:
        # In end-time order: the index on the end time reads the page in order and stops, where
        # walking the receipt index from the oldest dossier measured every dossier received
        # since the beginning (1.9 s on 300,000 dossiers).
        qs = facts_module.scope(agency, period, ended=True).order_by("finished_at", "pk")
    else:
        qs = facts_module.scope(agency, period)
    if population == RECEIVED:
        qs = qs.filter(received_at__gte=period.start_at)
    return qs.filter(candidates(indicator_id))


def _after(qs, field: str, at, pk):
    """The rows after (``at``, ``pk``) in (``field``, pk) order. Said as "from ``at`` on, less
    those at ``at`` up to ``pk``" rather than "after ``at``, or at ``at`` after ``pk``": the first
    condition lets the index on ``field`` start the scan at the cursor, and without an OR the
    planner still expects most of the rows to pass, so it reads the index in order and stops
    at a page instead of sorting every dossier of the period (0.95 s on 300,000 dossiers)."""
    return qs.filter(**{f"{field}__gte": at}).exclude(**{field: at, "pk__lte": pk})


def page(agency, period: Period, indicator_id: str, after: Cursor | None = None) -> Page:
    """Up to ``PAGE_SIZE`` dossiers costing ``indicator_id`` points, after ``after``, with the
    reason for each; ``next`` is where the following page starts."""
    from .report import EVALUATORS, Context, Shared

    qs = queryset(agency, period, indicator_id)
    field = order_field(indicator_id)
    evaluate = EVALUATORS[indicator_id]
    shared = Shared(agency, [agency], period)
    items: list[Item] = []
    scanned = 0
    last = after
    while scanned < SCAN_LIMIT:
        chunk = list((qs if last is None else _after(qs, field, last.at, last.pk))[:CHUNK])
        measured = facts_module.facts_of(chunk, period)
        verdicts = evaluate(Context(agency, period, facts=measured, shared=shared)).items
        where = {fact.code: dossier for fact, dossier in zip(measured, chunk, strict=True)}
        for item in verdicts:
            if item.passed:
                continue
            items.append(item)
            if len(items) == PAGE_SIZE:
                dossier = where[item.key]
                at = getattr(dossier, field)
                more = _after(qs, field, at, dossier.pk).exists()
                return Page(items, Cursor(at, dossier.pk) if more else None, scanned)
        scanned += len(chunk)
        if len(chunk) < CHUNK:
            return Page(items, None, scanned)
        last = Cursor(getattr(chunk[-1], field), chunk[-1].pk)
    return Page(items, last, scanned)

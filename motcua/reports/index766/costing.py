"""The dossiers that cost an indicator points, one page at a time, for the drill-down page.

The page's figures come from the daily aggregates, as the index's (``report.build``); the list
of the dossiers behind them cannot, so it is read here a page at a time: the dossiers of the
indicator's denominator, in (``received_at``, pk) order after a cursor, narrowed in SQL to those
that may cost points (``CANDIDATES``: never fewer than those that do), then measured one by one
by the indicator's own evaluator (``report.EVALUATORS``), which gives the verdict and the reason.
A page stops at ``PAGE_SIZE`` dossiers costing points or after ``SCAN_LIMIT`` candidates, so its
cost does not grow with the period or the database; the full list is the export's
(``exports.jobs``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast

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
    dossier late at a period end is among them."""
    late_states = Q()
    for state in sorted(history.LATE_STATES):
        late_states |= Q(stock_text__contains=f'"{state}"')
    contribution = DossierContribution.objects.filter(dossier=OuterRef("pk"))
    return ~Exists(contribution) | Exists(
        contribution.annotate(
            flows_text=Cast("flows", TextField()), stock_text=Cast("stock", TextField())
        ).filter(Q(flows_text__contains=f'"{Punctuality.LATE}"') | late_states)
    )


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


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after the dossier received at ``received_at`` with ``pk``."""

    received_at: datetime.datetime
    pk: int

    def __str__(self) -> str:
        return f"{self.received_at.isoformat()}~{self.pk}"

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
    qs = facts_module.scope(agency, period)
    population = POPULATION[indicator_id]
    if population == RECEIVED:
        qs = qs.filter(received_at__gte=period.start_at)
    elif population == FINISHED:
        qs = qs.filter(finished_at__lt=period.end_at)
    return qs.filter(candidates(indicator_id))


def _after(qs, received_at, pk):
    # The first condition alone lets the index on ``received_at`` start the scan at the cursor.
    return qs.filter(received_at__gte=received_at).filter(
        Q(received_at__gt=received_at) | Q(received_at=received_at, pk__gt=pk)
    )


def page(agency, period: Period, indicator_id: str, after: Cursor | None = None) -> Page:
    """Up to ``PAGE_SIZE`` dossiers costing ``indicator_id`` points, after ``after``, with the
    reason for each; ``next`` is where the following page starts."""
    from .report import EVALUATORS, Context, Shared

    qs = queryset(agency, period, indicator_id)
    evaluate = EVALUATORS[indicator_id]
    shared = Shared(agency, [agency], period)
    items: list[Item] = []
    scanned = 0
    last = after
    while scanned < SCAN_LIMIT:
        chunk = list((qs if last is None else _after(qs, last.received_at, last.pk))[:CHUNK])
        measured = facts_module.facts_of(chunk, period)
        verdicts = evaluate(Context(agency, period, facts=measured, shared=shared)).items
        where = {fact.code: dossier for fact, dossier in zip(measured, chunk, strict=True)}
        for item in verdicts:
            if item.passed:
                continue
            items.append(item)
            if len(items) == PAGE_SIZE:
                dossier = where[item.key]
                more = _after(qs, dossier.received_at, dossier.pk).exists()
                return Page(
                    items, Cursor(dossier.received_at, dossier.pk) if more else None, scanned
                )
        scanned += len(chunk)
        if len(chunk) < CHUNK:
            return Page(items, None, scanned)
        last = Cursor(chunk[-1].received_at, chunk[-1].pk)
    return Page(items, last, scanned)

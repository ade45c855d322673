"""What one dossier contributes to the aggregates: its receipt and end as daily flows, and its
open life as spans of constant state, keyed by its unit, procedure version, channel and current
attributes. A pure function of the dossier's stored data and its unit's calendar."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from motcua.feedback import selectors as feedback_selectors

from .. import facts, history, records
from .models import OPEN_UNTIL, Flow

# Attribute bits (thuộc tính hồ sơ) stored in ``flags``.
FEE = 1  # a non-zero financial obligation
PAID_ONLINE = 2
DIGITIZED = 4
REUSED = 8
DATA_STORE = 16
POPULATION = 32
HAS_RESULT = 64
E_RESULT = 128
COMPLAINT = 256  # rated "not satisfied" or named in a feedback (PAKN)

# Keys as stored in DossierContribution and upserted in the tables.
FlowKey = tuple  # (day, unit, version, channel, flow, outcome, punctuality, flags, rules)
SpanKey = tuple  # (unit, version, channel, state, flags, since, until, rules)


@dataclass(frozen=True)
class Contribution:
    flows: dict[FlowKey, tuple[int, int]]  # key → (dossiers, resolved micros)
    spans: dict[SpanKey, int]  # key → dossiers

    @classmethod
    def empty(cls) -> Contribution:
        return cls({}, {})

    def as_json(self) -> tuple[list, list]:
        return (
            [[*key, n, micros] for key, (n, micros) in sorted(self.flows.items())],
            [[*key, n] for key, n in sorted(self.spans.items())],
        )

    @classmethod
    def from_json(cls, flows: list, spans: list) -> Contribution:
        return cls(
            {tuple(row[:9]): (row[9], row[10]) for row in flows},
            {tuple(row[:8]): row[8] for row in spans},
        )


def flags_of(attrs: facts.Attributes, complaint: bool) -> int:
    bits = 0
    for on, bit in (
        (attrs.fee_total > 0, FEE),
        (attrs.paid_online, PAID_ONLINE),
        (attrs.digitized, DIGITIZED),
        (attrs.reused, REUSED),
        (attrs.from_data_store, DATA_STORE),
        (attrs.population_data, POPULATION),
        (attrs.has_result, HAS_RESULT),
        (attrs.e_result, E_RESULT),
        (complaint, COMPLAINT),
    ):
        if on:
            bits |= bit
    return bits


def _day(moment: datetime.datetime, calendar) -> str:
    """The local day, in the zone the report periods are cut in (``periods.Period``)."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date().isoformat()


def compute(dossier: records.DossierRecord, calendar, *, complaint: bool) -> Contribution:
    """``complaint``: the dossier was rated not satisfied or is named in a feedback."""
    if dossier.received_at is None:
        return Contribution.empty()
    attrs = facts.attributes(dossier, calendar)
    flags = flags_of(attrs, complaint)
    base = (dossier.unit_id, dossier.version_id, dossier.channel)
    life = history.History.of(dossier)
    finish = history.finish_state(life, calendar)
    flows: dict[FlowKey, tuple[int, int]] = {}
    received_key = (
        _day(dossier.received_at, calendar),
        *base,
        Flow.RECEIVED,
        dossier.outcome if finish is not None else "",
        "",
        flags,
        dossier.rules_id,
    )
    flows[received_key] = (1, attrs.resolved_micros or 0)
    if finish is not None:
        finished_key = (
            _day(dossier.finished_at, calendar),
            *base,
            Flow.FINISHED,
            dossier.outcome,
            finish.punctuality or "",
            flags,
            dossier.rules_id,
        )
        flows[finished_key] = (1, 0)
    spans: dict[SpanKey, int] = {}
    for span in history.timeline(life, calendar):
        since = _day(span.start, calendar)
        until = OPEN_UNTIL.isoformat() if span.end is None else _day(span.end, calendar)
        if since < until:  # a span inside one day holds at no midnight
            key = (*base, span.state, flags, since, until, dossier.rules_id)
            spans[key] = spans.get(key, 0) + 1
    return Contribution(flows, spans)


def complaints(dossier_ids) -> set[int]:
    """The dossiers rated "not satisfied" or named in a feedback."""
    states = feedback_selectors.dossier_satisfaction(dossier_ids)
    return {
        pk
        for pk, state in states.items()
        if (state.rated and state.satisfied is False) or state.has_feedback
    }


def flags_of_fact(fact) -> int:
    """The attribute bits of a ``facts.DossierFact`` (COMPLAINT is not part of a fact)."""
    return flags_of(
        facts.Attributes(
            fee_total=fact.fee_total,
            paid_online=fact.paid_online,
            digitized=fact.digitized,
            reused=fact.reused,
            from_data_store=fact.from_data_store,
            population_data=fact.population_data,
            has_result=fact.has_result,
            e_result=fact.e_result,
            resolved_micros=None,
        ),
        False,
    )

"""What one dossier contributes to the aggregates, at day grain: its receipt and end as flows,
counting its current attributes, and its open life as changes of the number of dossiers in each
state (+1 on the first day it is in a state at midnight, -1 on the first day it no longer is).
A pure function of the dossier's stored data and its unit's calendar."""

from __future__ import annotations

import datetime
import itertools
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from motcua.feedback.models import Feedback, Rating

from ..measurement import facts, history, records
from .models import FLOW_VALUES, STOCK_VALUES, Flow

# Keys as stored in DossierContribution (day grain) and, with the grain, in the tables.
FlowKey = tuple  # (day, unit, version, channel, flow, outcome, punctuality, rules)
StockKey = tuple  # (day, unit, version, channel, state, rules)
Values = tuple  # the counts of FLOW_VALUES / STOCK_VALUES, in that order


@dataclass(frozen=True)
class Contribution:
    flows: dict[FlowKey, Values]
    stock: dict[StockKey, Values]

    @classmethod
    def empty(cls) -> Contribution:
        return cls({}, {})

    def as_json(self) -> tuple[list, list]:
        return (
            [[*key, *values] for key, values in sorted(self.flows.items())],
            [[*key, *values] for key, values in sorted(self.stock.items())],
        )

    def as_copy_line(self, pk: int) -> str:
        """The contribution as a line of PostgreSQL's COPY text format (dossier, flows, stock)."""
        flows, stock = self.as_json()
        return f"{pk}\t{_copy_escaped(as_text(flows))}\t{_copy_escaped(as_text(stock))}\n"

    @classmethod
    def from_json(cls, flows: list, stock: list) -> Contribution:
        flow_width, stock_width = len(FLOW_VALUES), len(STOCK_VALUES)
        return cls(
            {tuple(row[:-flow_width]): tuple(row[-flow_width:]) for row in flows},
            {tuple(row[:-stock_width]): tuple(row[-stock_width:]) for row in stock},
        )


def as_text(rows: list) -> str:
    """JSON text of a contribution's rows, as stored."""
    return json.dumps(rows, separators=(",", ":"))


def _copy_escaped(text: str) -> str:
    # COPY's text format reads a backslash as an escape (JSON escapes contain them).
    return text.replace("\\", "\\\\")


# What each counted attribute of a flow row means for one dossier (FLOW_ATTRIBUTES).
ATTRIBUTE_TESTS: dict[str, Callable[[facts.Attributes, bool], bool]] = {
    "fee": lambda a, c: a.fee_total > 0,
    "paid_online": lambda a, c: a.paid_online,
    "fee_paid_online": lambda a, c: a.fee_total > 0 and a.paid_online,
    "digitized": lambda a, c: a.digitized,
    "digitized_e_missing": lambda a, c: a.digitized and a.has_result and not a.e_result,
    "e_missing": lambda a, c: a.has_result and not a.e_result,
    "reused": lambda a, c: a.reused,
    "shared": lambda a, c: a.from_data_store or a.e_result,
    "population": lambda a, c: a.population_data,
    "has_result": lambda a, c: a.has_result,
    "complaint": lambda a, c: c,
}


def flow_values(attrs: facts.Attributes, complaint: bool, micros: int) -> Values:
    """One dossier's counts in a flow row: 1, its resolution time, then 1 or 0 per attribute."""
    return (1, micros, *(int(test(attrs, complaint)) for test in ATTRIBUTE_TESTS.values()))


def fact_has(fact: facts.DossierFact, attribute: str) -> bool:
    """Whether a ``facts.DossierFact`` has one of the counted attributes (not "complaint")."""
    attrs = facts.Attributes(
        fee_total=fact.fee_total,
        paid_online=fact.paid_online,
        digitized=fact.digitized,
        reused=fact.reused,
        from_data_store=fact.from_data_store,
        population_data=fact.population_data,
        has_result=fact.has_result,
        e_result=fact.e_result,
        resolved_micros=None,
    )
    return ATTRIBUTE_TESTS[attribute](attrs, False)


def _day(moment: datetime.datetime) -> datetime.date:
    """The local day, in the zone the report periods are cut in (``periods.Period``)."""
    return moment.astimezone(timezone.get_default_timezone()).date()


# One string per day: a rebuild writes each day in millions of keys.
_ISO: dict[datetime.date, str] = {}


def iso(day: datetime.date) -> str:
    text = _ISO.get(day)
    if text is None:
        text = _ISO[day] = day.isoformat()
    return text


def plus(a: Values, b: Values) -> Values:
    return tuple(map(operator.add, a, b))


def _add(target: dict, key: tuple, values: Values) -> None:
    old = target.get(key)
    target[key] = values if old is None else plus(old, values)


def compute(dossier: records.DossierRecord, calendar, *, complaint: bool) -> Contribution:
    """``complaint``: the dossier was rated not satisfied or is named in a feedback."""
    if dossier.received_at is None:
        return Contribution.empty()
    attrs = facts.attributes(dossier, calendar)
    rest = (dossier.version_id, dossier.channel)

    def base(day: datetime.date) -> tuple:
        # The unit it had that day: a reorganisation never moves what was counted before it.
        return (dossier.unit_on(day), *rest)

    life = history.History.of(dossier)
    finish = history.finish_state(life, calendar)
    flows: dict[FlowKey, Values] = {}
    received_day = _day(dossier.received_at)
    received_key = (
        iso(received_day),
        *base(received_day),
        Flow.RECEIVED,
        dossier.outcome if finish is not None else "",
        "",
        dossier.rules_id,
    )
    counted = flow_values(attrs, complaint, 0)
    flows[received_key] = (1, attrs.resolved_micros or 0, *counted[2:])
    if finish is not None:
        finished_day = _day(dossier.finished_at)
        finished_key = (
            iso(finished_day),
            *base(finished_day),
            Flow.FINISHED,
            dossier.outcome,
            finish.punctuality or "",
            dossier.rules_id,
        )
        flows[finished_key] = counted
    changes: dict[StockKey, Values] = {}
    one = (1, int(complaint))
    minus_one = (-1, -int(complaint))
    day = datetime.timedelta(days=1)
    for span in history.timeline(life, calendar):
        # In the state at the first instant of every day after its start, up to its end's.
        first = _day(span.start) + day
        after = None if span.end is None else _day(span.end) + day
        if after is not None and after <= first:
            continue  # a span inside one day holds at no midnight
        # A reorganisation inside the span ends it at the old unit and starts it at the new.
        cuts = [m for m, _unit in dossier.moves if first < m and (after is None or m < after)]
        bounds = [first, *cuts, after]
        for start, end in itertools.pairwise(bounds):
            key = (iso(start), *base(start), span.state, dossier.rules_id)
            _add(changes, key, one)
            if end is not None:
                _add(changes, (iso(end), *base(start), span.state, dossier.rules_id), minus_one)
    stock = {key: values for key, values in changes.items() if any(values)}
    return Contribution(flows, stock)


def complaints(dossier_ids) -> set[int]:
    """The dossiers of ``dossier_ids`` rated "not satisfied" or named in a feedback."""
    return _complained(dossier_id__in=list(dossier_ids))


def complaints_between(first: int, last: int) -> set[int]:
    """``complaints`` of the dossiers with ids from ``first`` to ``last`` (a rebuild's chunk:
    a range scan instead of a list of thousands of ids)."""
    return _complained(dossier_id__gte=first, dossier_id__lte=last)


def _complained(**scope) -> set[int]:
    # As feedback.selectors.dossier_satisfaction reads them: rated and not satisfied, or named
    # in a feedback (phản ánh, kiến nghị).
    rated = Rating.objects.filter(satisfied=False, **scope).values_list("dossier_id", flat=True)
    named = Feedback.objects.filter(**scope).values_list("dossier_id", flat=True)
    return set(rated) | set(named)

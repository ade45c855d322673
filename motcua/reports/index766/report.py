"""The Decision 766 index of an agency subtree over a period (domain.md §9): every indicator with
numerator, denominator, ratio, target, points and maximum, the group totals and the total out of
100, under the indicator configuration (``IndicatorSet``) in force at the period end.

An indicator whose denominator is 0, or whose data does not exist in the system, is N/A: it
scores no points and its maximum is still part of the 100 (the total is what the unit would be
shown), and ``applicable_max`` tells how many points could be earned from the data held.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from motcua.worktime.selectors import calendars_for

from ..aggregates import contribution, tally
from ..aggregates import indicators as counts
from ..common.periods import Period
from ..constants import Group
from ..measurement import facts as facts_module
from ..models import IndicatorSet
from . import catalogue_indicators as cat
from . import dossier_indicators as dos
from . import satisfaction_indicators as sat
from .items import Evaluation, Item
from .scoring import ratio, round2, score


def _unpublished(ctx) -> Evaluation:
    return Evaluation.unavailable(_("Công thức tính chưa được công bố."))


EVALUATORS: dict[str, Callable] = {
    "1.1": cat.published_on_time,
    "1.2": cat.made_public_on_time,
    "1.3": cat.complete_parts,
    "1.4": dos.synced,
    "2.1": dos.progress,
    "2.2": dos.average_time,
    "3.1": cat.online_services,
    "3.2": cat.services_used,
    "3.3": dos.online_dossiers,
    "3.4": dos.full_online,
    "3.5a": cat.fees_integrated,
    "3.5b": cat.paid_online_procedures,
    "3.6": dos.online_payment,
    "4.1": dos.e_results,
    "4.2": dos.digitised,
    "4.3": dos.reused,
    "4.4": dos.shared,
    "4.5a": cat.population_procedures,
    "4.5b": dos.population_dossiers,
    "4.6": _unpublished,
    "5.1": sat.classified,
    "5.2": sat.answered_on_time,
    "5.3": sat.feedback_satisfaction,
    "5.4": sat.dossier_satisfaction,
}


class Shared:
    """What the indices of ``units`` read once for all of them, whatever their number: the
    catalogue (``cat.Catalogue``), the feedback and the working calendars. ``units`` are disjoint
    subtrees inside the one at ``root``: the child units of a ranking, or ``root`` alone for one
    index, so both go through the same code."""

    def __init__(self, root, units, period: Period):
        self.root = root
        self.units = list(units)
        self.period = period
        self.catalogue = cat.Catalogue(root, self.units, period)

    @cached_property
    def feedback(self) -> dict[int, list]:
        return sat.feedback_by_unit(self.root, self.units, self.catalogue.owner, self.period)

    @cached_property
    def calendars(self) -> dict:
        return calendars_for(self.units)

    @cached_property
    def synced(self) -> dict[int, tuple[int, int]]:
        """Unit id → (dossiers received in the period, those synced to DVCQG in time), 1.4."""
        return dos.synced_counts(self.root, self.catalogue.owner, self.units, self.period)


class Context:
    """What the indicators read, loaded once per index: the daily aggregates always; the
    dossiers themselves (``facts``) only for a drill-down, or when given. The catalogue, the
    feedback and the calendar come from ``shared`` (read once for the units of a ranking)."""

    def __init__(
        self,
        agency,
        period: Period,
        facts=None,
        counted: tally.Tally | None = None,
        shared: Shared | None = None,
    ):
        self.agency = agency
        self.period = period
        self.detailed = facts is not None
        if facts is not None:
            self.facts = facts
        if counted is not None:
            self.tally = counted
        self.shared = shared if shared is not None else Shared(agency, [agency], period)

    @cached_property
    def calendar(self):
        return self.shared.calendars[self.agency.pk]

    @cached_property
    def facts(self):
        return facts_module.load(self.agency, self.period)

    @cached_property
    def received(self):
        return facts_module.received(self.facts)

    @cached_property
    def tally(self):
        return tally.load(self.agency, self.period, per_unit=False)

    def procedures_received(
        self, attribute: str | None = None, *, channel: str | None = None
    ) -> set:
        """Procedures with a dossier received in the period (having ``attribute``, one of the
        counted ``FLOW_ATTRIBUTES``, through ``channel``)."""
        if self.detailed:
            return {
                f.procedure_id
                for f in self.received
                if (attribute is None or contribution.fact_has(f, attribute))
                and (channel is None or f.channel == channel)
            }
        return counts.procedures_received(self.tally, attribute, channel=channel)

    @cached_property
    def competence(self):
        return self.shared.catalogue.competence_of(self.agency)

    @cached_property
    def decided(self):
        return self.shared.catalogue.decided_of(self.agency)

    @property
    def feedback(self):
        """Feedback (PAKN) of the subtree received or handled in the period, for 5.1–5.3."""
        return self.shared.feedback[self.agency.pk]

    def missing_parts(self, version) -> list[str]:
        return self.shared.catalogue.missing_parts(version)

    def working_days(self, first, last) -> int:
        """Working days after ``first`` up to ``last`` in the agency's calendar (1.1, 1.2)."""
        return self.shared.catalogue.working_days(first, last, self.calendar)


@dataclass
class IndicatorResult:
    id: str
    name: str
    group: str
    numerator: Decimal | int | None
    denominator: int | None
    ratio: Decimal | None
    target: Decimal | None
    points: Decimal | None
    max: Decimal
    not_applicable: str = ""
    average: bool = False
    items: list[Item] = field(default_factory=list, repr=False)

    @property
    def costing(self) -> list[Item]:
        """The dossiers or procedures that cost points, with the reason for each."""
        return [item for item in self.items if not item.passed]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "group": self.group,
            "numerator": _num(self.numerator),
            "denominator": self.denominator,
            "ratio": _num(self.ratio),
            "target": _num(self.target),
            "points": _num(self.points),
            "max": _num(self.max),
            "not_applicable": self.not_applicable or None,
        }


@dataclass
class GroupResult:
    id: str
    name: str
    points: Decimal
    max: Decimal

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "points": _num(self.points),
            "max": _num(self.max),
        }


@dataclass
class Index:
    agency: object
    period: Period
    indicator_set: IndicatorSet
    indicators: list[IndicatorResult]
    groups: list[GroupResult]
    total: Decimal
    applicable_max: Decimal

    def indicator(self, indicator_id: str) -> IndicatorResult | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def as_dict(self) -> dict:
        return {
            "agency": self.agency.code,
            "agency_name": self.agency.name,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "indicator_set": self.indicator_set.name,
            "total": _num(self.total),
            "max": _num(sum((g.max for g in self.groups), Decimal(0))),
            "applicable_max": _num(self.applicable_max),
            "groups": [g.as_dict() for g in self.groups],
            "indicators": [i.as_dict() for i in self.indicators],
        }


def _num(value):
    """JSON numbers: integers stay integers, decimals become floats with 2 decimals."""
    if value is None or isinstance(value, int):
        return value
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(round2(value))


def indicator_set_for(period: Period) -> IndicatorSet:
    found = IndicatorSet.objects.in_force_on(period.end)
    if found is None:
        found = IndicatorSet.objects.order_by("valid_from").first()
    if found is None:
        raise IndicatorSet.DoesNotExist(_("Chưa có bộ chỉ số 766 nào được cấu hình."))
    return found


def _evaluation(indicator: str, ctx: Context) -> Evaluation | None:
    """From the aggregates where the indicator counts dossiers, unless the dossiers are listed
    (drill-down, or facts given): then one by one, with the reason each costs points."""
    if indicator in counts.COUNTS and not ctx.detailed:
        return counts.COUNTS[indicator](ctx.tally)
    return EVALUATORS[indicator](ctx) if indicator in EVALUATORS else None


def evaluate(weight, ctx: Context) -> IndicatorResult:
    evaluation = _evaluation(weight.indicator, ctx)
    if evaluation is None:
        evaluation = Evaluation.unavailable(_("Hệ thống chưa có cách tính chỉ số này."))
    if evaluation.not_applicable:
        r, points = None, None
    elif evaluation.average:
        r = (
            round2(Decimal(evaluation.numerator) / evaluation.denominator)
            if evaluation.denominator
            else None
        )
        points = None if r is None else Decimal("0.00")
    else:
        r = ratio(evaluation.numerator, evaluation.denominator)
        points = score(r, weight.max_points, weight.target)
    reason = evaluation.not_applicable
    if not reason and r is None:
        reason = _("Mẫu số bằng 0 trong kỳ: không tính (N/A).")
    return IndicatorResult(
        id=weight.indicator,
        name=weight.name,
        group=weight.group,
        numerator=None if evaluation.not_applicable else evaluation.numerator,
        denominator=None if evaluation.not_applicable else evaluation.denominator,
        ratio=r,
        target=weight.target,
        points=points,
        max=weight.max_points,
        not_applicable=reason,
        average=evaluation.average,
        items=evaluation.items,
    )


def build(
    agency,
    period: Period,
    *,
    facts=None,
    only: str | None = None,
    counted: tally.Tally | None = None,
    weights: list | None = None,
    indicator_set: IndicatorSet | None = None,
    shared: Shared | None = None,
    detailed: bool | None = None,
) -> Index:
    """``only``: that indicator alone, its dossiers listed one by one (unless ``detailed`` is
    False: then counted from the aggregates, as in the whole index). For a ranking, what was read once for all its units: ``counted``, the subtree's
    aggregates cut per unit (``tally.split``); ``indicator_set`` and its ``weights``; ``shared``,
    the catalogue, feedback and calendars of the units (``Shared``)."""
    if indicator_set is None:
        indicator_set = indicator_set_for(period)
    if weights is None:
        weights = list(indicator_set.weights.order_by("order"))
    if only is not None:
        weights = [w for w in weights if w.indicator == only]
    ctx = Context(agency, period, facts, counted, shared)
    if only is not None and facts is None and detailed is not False:
        ctx.detailed = True  # a drill-down lists the dossiers
    results = [evaluate(weight, ctx) for weight in weights]
    groups = []
    labels = dict(Group.choices)
    for group_id in dict.fromkeys(w.group for w in weights):
        members = [r for r in results if r.group == group_id]
        groups.append(
            GroupResult(
                id=group_id,
                name=str(labels.get(group_id, group_id)),
                points=sum((r.points or Decimal(0) for r in members), Decimal(0)),
                max=sum((r.max for r in members), Decimal(0)),
            )
        )
    return Index(
        agency=agency,
        period=period,
        indicator_set=indicator_set,
        indicators=results,
        groups=groups,
        total=round2(sum((g.points for g in groups), Decimal(0))),
        applicable_max=sum((r.max for r in results if r.points is not None), Decimal(0)),
    )

"""The 766 satisfaction indicators (domain.md §9, group 5), from the feedback app's selectors.

Readings chosen where the domain reference leaves a choice:
- 5.1: feedback classified "quy định, chính sách, thủ tục" or "hành vi cán bộ" ÷ all feedback
  first received in the period (monitored, 0 points);
- 5.2: (answered on time + in progress within time) ÷ feedback received or handled in the
  period, measured at the measuring moment (``Period.measured_at``);
- 5.3: feedback first received in the period, less those unsatisfied (more dislikes than likes),
  with a repeat complaint about the result, or overdue, ÷ feedback first received in the period;
- 5.4: dossiers handled in the period (carried over or received, as 2.1 counts them), less those
  rated "not satisfied", named in a feedback, or late, ÷ dossiers handled in the period.

The feedback of several units (the child units of a ranking) is read once and shared out
(``feedback_by_unit``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.feedback import selectors as feedback
from motcua.feedback.constants import Classification, Punctuality

from .dossier_indicators import _item, late_reason
from .items import Evaluation, Item


def feedback_by_unit(root, units, owner: dict[int, int], period) -> dict[int, list]:
    """The feedback of the subtree at ``root`` received or handled in ``period`` (read once, in
    the order ``feedback_between`` gives), shared out to ``units`` by ``owner`` (agency id → id of
    the unit whose subtree holds it): unit id → its feedback, as if read for the unit alone."""
    shared: dict[int, list] = {unit.pk: [] for unit in units}
    for fact in feedback.feedback_between(
        root.path, period.start_at, period.end_at, at=period.measured_at()
    ):
        unit = owner.get(fact.agency_id)
        if unit is not None:
            shared[unit].append(fact)
    return shared


def _feedback_item(fact, passed: bool, reason: str = "") -> Item:
    return Item("feedback", fact.code, fact.procedure_code, "", passed, reason)


def classified(ctx) -> Evaluation:
    """5.1 feedback by classification."""
    first = [f for f in ctx.feedback if f.received_in_period]
    known = {Classification.POLICY, Classification.CONDUCT}
    return Evaluation.of(
        [_feedback_item(f, f.classification in known, _("Chưa phân loại")) for f in first]
    )


def answered_on_time(ctx) -> Evaluation:
    """5.2 feedback handled on time or still within time."""
    counted = [f for f in ctx.feedback if f.received_in_period or f.handled_in_period]
    good = {Punctuality.ON_TIME, Punctuality.WITHIN_TIME}
    return Evaluation.of(
        [_feedback_item(f, f.punctuality in good, _("Xử lý phản ánh quá hạn")) for f in counted]
    )


def feedback_satisfaction(ctx) -> Evaluation:
    """5.3 satisfaction with the handling of feedback."""
    items = []
    for fact in (f for f in ctx.feedback if f.received_in_period):
        if fact.unsatisfied:
            items.append(_feedback_item(fact, False, _("Nhiều lượt không hài lòng hơn hài lòng")))
        elif fact.repeat_complaint:
            items.append(_feedback_item(fact, False, _("Phản ánh lặp lại về kết quả xử lý")))
        elif fact.punctuality == Punctuality.OVERDUE:
            items.append(_feedback_item(fact, False, _("Xử lý phản ánh quá hạn")))
        else:
            items.append(_feedback_item(fact, True))
    return Evaluation.of(items)


def dossier_satisfaction(ctx) -> Evaluation:
    """5.4 satisfaction with receipt and resolution of dossiers."""
    states = feedback.dossier_satisfaction([fact.pk for fact in ctx.facts])
    items = []
    for fact in ctx.facts:
        state = states[fact.pk]
        if state.rated and state.satisfied is False:
            items.append(_item(fact, False, _("Người nộp đánh giá không hài lòng")))
        elif state.has_feedback:
            items.append(_item(fact, False, _("Có phản ánh, kiến nghị về hồ sơ")))
        elif fact.late:
            items.append(_item(fact, False, late_reason(fact)))
        else:
            items.append(_item(fact, True))
    return Evaluation.of(items)

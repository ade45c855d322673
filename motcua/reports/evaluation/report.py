"""Evaluation of officers and units under the nine indices of TT 01/2018/TT-VPCP Arts. 13–15
(domain.md §12.1): for an agency subtree and a period, every index per unit, a score and band
per unit (agency bands) and per officer (staff bands).

Art. 15: an index's score = Σ points ÷ dossiers, to one decimal (half up); a unit's score is the
sum of its nine index scores (0–18); an officer's the sum of the scores of the indices in
``EvaluationRules.staff_indices``. Bands and boundaries: ``evaluation_rules`` (each band's lower
bound inclusive: 5.0 is "100%", 4.9 is "70 to under 100%"; 15.0 is xuất sắc, 14.9 tốt).

Readings chosen, where the data the system holds cannot support an index exactly:

- **Dossiers evaluated**: resolved in the subtree (by their resolving agency) and ended in the
  period with a result, granted or refused after appraisal. Withdrawn and stopped dossiers and
  open ones are not evaluated: the applicant has not been served yet, or asked for nothing more.
- **1** total time: the statistical punctuality of Decision 766 (early 2, on time 1, late 0;
  more supplement requests than allowed count late).
- **2** each agency against its quota: the finished steps of the dossier's internal process,
  grouped by the agency that ran them; per agency the working time of its steps (pauses
  excluded) against the sum of their quotas — a stage sent back and run again adds its time but
  not its quota a second time. Shorter 2, equal 1, longer 0; the worst agency gives the
  dossier's points (Form 05 compares a step to its quota the same way). A dossier without a
  finished step takes index 1's value.
- **3** desk contacts: supplement requests of either stage (before acceptance, after
  appraisal), each a contact to complete the dossier: none 2, one 1, more 0. Whether a request
  was the applicant's fault is not recorded, so none is excused.
- **4** agencies contacted: transferred to another agency (liên thông) 0; filed online or by
  post and the result taken online or by post (no agency met in person) 2; else (the desk
  only) 1.
- **5** (per unit) all at the desk: 2 if ≥ 20% of the procedures of the unit's evaluated
  dossiers had a dossier decided wholly at the desk (every step of its process a desk step);
  else 1 if every evaluated dossier was received by a unit running a one-stop desk (the result
  is always handed over by the desk's "trả kết quả"); else 0.
- **6** publicity, per dossier: posted = the procedure version it was filed under was published
  by a decision (number and date recorded), the text the desk posts and the national catalogue
  lists; electronic = the procedure has its online page on the portal, an online public service
  (partial or full). Every version a dossier is filed under is public on the portal's catalogue,
  so that alone would not discriminate. Both 2, one 1, neither 0. Per unit, the average of its
  dossiers (Art. 15), i.e. the publicity of the procedures it actually served.
- **7** attitude: a complaint (a feedback naming the dossier, or a "not satisfied" rating, made
  at any time — so a period's index 7 can fall as complaints arrive) 0; else early 2, on time
  1, late 0.
- **8** (per unit) feedback (PAKN) handled by the unit and received or handled in the period:
  answered on time or still within time at the measuring moment (the period end, or now) ÷ those; 100% 2, ≥ 90% 1, less 0;
  a unit with no feedback to handle 2 (none was late).
- **9** (per unit) online: procedures in the unit's competence offered online (partial or full,
  the old levels 3/4) ÷ procedures in competence; online dossiers ÷ evaluated dossiers; late
  online dossiers among them. 2 if ≥ 20%, ≥ 30% and none late; 1 if both shares ≥ 15% (the
  reference's "15–30%"); else 0.
- **Officers**: the desk officer who received or accepted the dossier and the officers of its
  specialist steps (the handler is cleared from the dossier when it ends, so the steps say who
  appraised it). An officer's score sums indices 1, 3, 4 and 7 — those the applicant judges
  per dossier (Art. 14: slip, kiosk, online rating) and that depend on the officers serving
  them; 2 and 6 measure the agencies and the catalogue.
- **Units**: a unit's row holds the dossiers it resolved, the feedback it handles and the
  procedures in its own competence (not its children's, which have their own rows); a last row
  evaluates the whole subtree.
- **Denominator 0**: a unit or the whole scope without an evaluated dossier has no score for
  the per-dossier indices, nor for 5 and 9, and therefore no total and no band.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.selectors import subtree
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import OnlineLevel
from motcua.feedback import selectors as feedback_selectors
from motcua.feedback.constants import Punctuality as FeedbackPunctuality

from ..common import compare
from ..common.periods import Period
from ..index766 import catalogue_indicators as cat
from ..measurement import facts as facts_module
from . import data as evaluation_data
from . import indices as points
from .data import DossierScore
from .rules import Band, EvaluationRules, band_of, round1, rules_on

INDICES = (1, 2, 3, 4, 5, 6, 7, 8, 9)
DOSSIER_INDICES = (1, 2, 3, 4, 6, 7)
INDEX_NAMES = {
    1: gettext_lazy("Thời gian giải quyết so với quy định"),
    2: gettext_lazy("Thời gian của từng cơ quan so với quy định"),
    3: gettext_lazy("Số lần liên hệ Bộ phận Một cửa để hoàn thiện hồ sơ"),
    4: gettext_lazy("Số cơ quan phải liên hệ"),
    5: gettext_lazy("Giải quyết tại Bộ phận Một cửa"),
    6: gettext_lazy("Công khai thủ tục hành chính"),
    7: gettext_lazy("Thái độ của cán bộ"),
    8: gettext_lazy("Tiếp nhận, xử lý phản ánh, kiến nghị"),
    9: gettext_lazy("Cung cấp dịch vụ công trực tuyến"),
}
ON_TIME_FEEDBACK = frozenset({FeedbackPunctuality.ON_TIME, FeedbackPunctuality.WITHIN_TIME})


@dataclass
class Scorecard:
    """A unit, the whole scope or an officer: the index scores, the total and the band."""

    key: str
    label: str
    dossiers: int
    scores: dict[int, Decimal | None]
    total: Decimal | None
    band: Band | None

    @property
    def values(self) -> list[Decimal | None]:
        """The index scores in index order (what the page's table shows)."""
        return [self.scores[i] for i in sorted(self.scores)]

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "dossiers": self.dossiers,
            "indices": {str(i): _num(s) for i, s in self.scores.items()},
            "score": _num(self.total),
            "band": self.band.code if self.band else None,
            "band_label": str(self.band.label) if self.band else None,
        }


@dataclass
class Evaluation:
    agency: object
    period: Period
    rules: EvaluationRules
    units: list[Scorecard]
    total: Scorecard
    officers: list[Scorecard]
    dossiers: list[DossierScore]

    def as_dict(self) -> dict:
        return {
            "agency": self.agency.code,
            "agency_name": self.agency.name,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "rules": self.rules.name,
            "staff_indices": list(self.rules.staff_indices),
            "total": self.total.as_dict(),
            "units": [u.as_dict() for u in self.units],
            "officers": [o.as_dict() for o in self.officers],
        }


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _average(scores: list[DossierScore], index: int) -> Decimal | None:
    if not scores:
        return None
    return round1(Decimal(sum(s.points[index] for s in scores)) / len(scores))


def _dossier_scores(scores: list[DossierScore]) -> dict[int, Decimal | None]:
    return {i: _average(scores, i) for i in DOSSIER_INDICES}


class _Scope:
    """What the per-unit indices read, loaded once for the whole subtree."""

    def __init__(self, agency, period: Period):
        self.agencies = list(subtree(agency))
        unit_ids, levels = cat.subtree_scope(agency, period.end)
        in_force = catalog.in_force(period.end).prefetch_related("agencies")
        self.versions = cat.in_competence(in_force, unit_ids, levels)
        self.feedback = feedback_selectors.feedback_between(
            agency.path, period.start_at, period.end_at, at=period.measured_at()
        )
        self.unit_ids, self.levels = unit_ids, levels


def _unit_scores(
    scores: list[DossierScore], ids: set[int], levels: set[str], scope: _Scope, rules
) -> dict[int, Decimal | None]:
    """The nine scores of the dossiers ``scores`` resolved by the units ``ids`` (of ``levels``):
    one unit of the table, or the whole subtree."""
    result = _dossier_scores(scores)
    handled = [f for f in scope.feedback if f.agency_id in ids]
    on_time = sum(1 for f in handled if f.punctuality in ON_TIME_FEEDBACK)
    result[8] = Decimal(points.feedback_points(on_time, len(handled), rules))
    if not scores:
        result[5] = result[9] = None
    else:
        procedures = {s.procedure_id for s in scores}
        decided = {s.procedure_id for s in scores if s.desk_decided}
        result[5] = Decimal(
            points.desk_points(
                points.share(len(decided), len(procedures)),
                all(s.at_desk for s in scores),
                rules,
            )
        )
        versions = cat.in_competence(scope.versions, ids, levels)
        online_versions = [v for v in versions if v.online_level != OnlineLevel.NONE]
        online = [s for s in scores if s.online]
        result[9] = Decimal(
            points.online_points(
                points.share(len(online_versions), len(versions)),
                points.share(len(online), len(scores)),
                sum(1 for s in online if s.late),
                rules,
            )
        )
    return {i: None if result[i] is None else round1(result[i]) for i in INDICES}


def _unit_card(key, label, scores, ids, levels, scope, rules) -> Scorecard:
    by_index = _unit_scores(scores, ids, levels, scope, rules)
    values = list(by_index.values())
    total = None if any(v is None for v in values) else sum(values, Decimal(0))
    return Scorecard(key, label, len(scores), by_index, total, band_of(total, rules.agency_bands))


def _officer_cards(scores: list[DossierScore], rules: EvaluationRules) -> list[Scorecard]:
    by_officer: dict[int, list[DossierScore]] = defaultdict(list)
    for score in scores:
        for officer_id in score.officer_ids:
            by_officer[officer_id].append(score)
    users = get_user_model().objects.in_bulk(list(by_officer))
    cards = []
    for officer_id, own in by_officer.items():
        by_index = _dossier_scores(own)
        total = sum((by_index[i] for i in rules.staff_indices), Decimal(0))
        user = users.get(officer_id)
        cards.append(
            Scorecard(
                user.username if user else str(officer_id),
                user.get_full_name() if user else str(officer_id),
                len(own),
                by_index,
                total,
                band_of(total, rules.staff_bands),
            )
        )
    return sorted(cards, key=lambda c: (-c.total, c.label))


def build(agency, period: Period, *, facts=None) -> Evaluation:
    """The evaluation of ``agency``'s subtree over ``period``."""
    rules = rules_on(period.end)
    facts = facts if facts is not None else facts_module.load(agency, period)
    scores = evaluation_data.load(agency, period, facts)
    scope = _Scope(agency, period)
    by_unit: dict[int, list[DossierScore]] = defaultdict(list)
    for score in scores:
        by_unit[score.unit_id].append(score)
    agencies = {a.pk: a for a in scope.agencies}
    unit_ids = sorted({f.unit_id for f in facts}, key=lambda pk: agencies[pk].path)
    # A unit's row holds the dossiers it resolved, the feedback it handled and the procedures
    # in its own competence; the last row the whole subtree.
    units = [
        _unit_card(
            agencies[pk].code,
            agencies[pk].name,
            by_unit.get(pk, []),
            {pk},
            {agencies[pk].level},
            scope,
            rules,
        )
        for pk in unit_ids
    ]
    total = _unit_card(
        agency.code, _("Toàn bộ phạm vi"), scores, scope.unit_ids, scope.levels, scope, rules
    )
    return Evaluation(
        agency=agency,
        period=period,
        rules=rules,
        units=units,
        total=total,
        officers=_officer_cards(scores, rules),
        dossiers=scores,
    )


def _cell(value) -> str:
    return "N/A" if value is None else str(value)


def _figures(card: Scorecard | None, indices) -> list:
    """A card's figures in column order: dossiers, index scores, total, band (None: no card)."""
    if card is None:
        return [0, *[None] * (len(indices) + 2)]
    band = str(card.band.label) if card.band else None
    return [card.dossiers, *[card.scores[i] for i in indices], card.total, band]


def card_rows(cards, indices, prior_cards=None) -> list[tuple[Scorecard, list]]:
    """Each card with its figures as cells ``(value, Compared | None)``; with ``prior_cards``
    (the same period a year earlier), each figure beside the same unit's or officer's (by key):
    0 dossiers and N/A scores where one side had none, and a unit or officer evaluated only a
    year earlier listed after the others."""
    if prior_cards is None:
        return [(card, [(v, None) for v in _figures(card, indices)]) for card in cards]
    prior = {c.key: c for c in prior_cards}
    now = {c.key for c in cards}
    rows = []
    # A unit or officer evaluated only a year earlier is listed with nothing evaluated now.
    for card in [*cards, *(c for c in prior_cards if c.key not in now)]:
        current = _figures(card if card.key in now else None, indices)
        before = _figures(prior.get(card.key), indices)
        cells = [(v, compare.compare(v, p)) for v, p in zip(current, before, strict=True)]
        rows.append((card, cells))
    return rows


def unit_rows(evaluation: Evaluation, prior: Evaluation | None = None) -> list:
    """The units, then the whole scope, as ``card_rows`` (beside ``prior`` when given)."""
    if prior is None:
        return card_rows([*evaluation.units, evaluation.total], INDICES)
    return card_rows(evaluation.units, INDICES, prior.units) + card_rows(
        [evaluation.total], INDICES, [prior.total]
    )


def officer_rows(evaluation: Evaluation, prior: Evaluation | None = None) -> list:
    return card_rows(
        evaluation.officers, DOSSIER_INDICES, None if prior is None else prior.officers
    )


def to_csv(evaluation: Evaluation, prior: Evaluation | None = None) -> bytes:
    """Units (with the whole scope) then officers, as CSV with a byte-order mark so that
    spreadsheet programs read the Vietnamese text as UTF-8. With ``prior`` (the same period a
    year earlier), each figure is followed by the prior one and the difference."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Đánh giá giải quyết TTHC (%(rules)s) – %(agency)s – %(period)s")
            % {
                "rules": evaluation.rules.name,
                "agency": evaluation.agency.name,
                "period": evaluation.period,
            }
        ]
    )

    def write(keys, indices, rows):
        labels = [
            _("Số hồ sơ"),
            *[_("Chỉ số %(n)s") % {"n": i} for i in indices],
            _("Tổng điểm"),
            _("Xếp loại"),
        ]
        writer.writerow([*keys, *(labels if prior is None else compare.compared_header(labels))])
        for card, cells in rows:
            values = [v for v, _c in cells] if prior is None else compare.compared_values(cells)
            writer.writerow([card.key, card.label, *map(_cell, values)])

    write([_("Mã"), _("Đơn vị")], INDICES, unit_rows(evaluation, prior))
    writer.writerow([])
    write([_("Tài khoản"), _("Cán bộ")], DOSSIER_INDICES, officer_rows(evaluation, prior))
    writer.writerow(
        [
            _("Điểm cán bộ = tổng điểm các chỉ số %(indices)s.")
            % {"indices": ", ".join(str(i) for i in evaluation.rules.staff_indices)}
        ]
    )
    if prior is not None:
        writer.writerow([_("Cùng kỳ năm trước: %(period)s") % {"period": prior.period}])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

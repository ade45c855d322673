"""The dated configuration of the evaluation under TT 01/2018/TT-VPCP Arts. 13–15 (domain.md
§12.1): the thresholds of the indices scored per unit, which indices make an officer's score,
and the bands of officers and agencies.

A band is read as "at least its minimum and below the next band's minimum": ≥ 5 is "100%",
3.5 ≤ score < 5 is "70 to under 100%", < 3.5 "under 70%"; for agencies ≥ 15 xuất sắc,
12 ≤ score < 15 tốt, 9 ≤ score < 12 khá, 6 ≤ score < 9 trung bình, < 6 yếu. The lower bound of
each range is inclusive, as the law's "từ … trở lên" / "từ … đến dưới …" reads.

TT 03/2025 replaced TT 01/2018 on 15/09/2025; whether it keeps the nine indices and their bands
is unconfirmed (domain.md §1), so the 2018 rules stay in force until a dated entry is added to
``RULES``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TENTH = Decimal("0.1")


def round1(value: Decimal) -> Decimal:
    """TT 01/2018 Art. 15: scores to one decimal, half up (1.25 → 1.3)."""
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Band:
    code: str
    minimum: Decimal  # inclusive
    label: str | Promise


@dataclass(frozen=True)
class EvaluationRules:
    name: str
    valid_from: datetime.date
    # Indices summed into an officer's score (see evaluation.py, "Reading chosen").
    staff_indices: tuple[int, ...]
    staff_bands: tuple[Band, ...]  # highest first
    agency_bands: tuple[Band, ...]  # highest first
    # Index 5: share (%) of procedures decided at the desk for 2 points.
    desk_decided_share: Decimal
    # Index 8: share (%) of feedback handled on time for 2 and for 1 point.
    feedback_full_share: Decimal
    feedback_partial_share: Decimal
    # Index 9: shares (%) of procedures online and of online dossiers for 2 points, and the
    # lower share both must reach for 1 point.
    online_procedures_share: Decimal
    online_dossiers_share: Decimal
    online_partial_share: Decimal


TT01_2018 = EvaluationRules(
    name="TT 01/2018/TT-VPCP",
    valid_from=datetime.date(2019, 1, 6),
    staff_indices=(1, 3, 4, 7),
    staff_bands=(
        Band("full", Decimal(5), _("Hoàn thành 100% nhiệm vụ")),
        Band("partial", Decimal("3.5"), _("Hoàn thành từ 70% đến dưới 100% nhiệm vụ")),
        Band("low", Decimal(0), _("Hoàn thành dưới 70% nhiệm vụ")),
    ),
    agency_bands=(
        Band("excellent", Decimal(15), _("Xuất sắc")),
        Band("good", Decimal(12), _("Tốt")),
        Band("fair", Decimal(9), _("Khá")),
        Band("average", Decimal(6), _("Trung bình")),
        Band("weak", Decimal(0), _("Yếu")),
    ),
    desk_decided_share=Decimal(20),
    feedback_full_share=Decimal(100),
    feedback_partial_share=Decimal(90),
    online_procedures_share=Decimal(20),
    online_dossiers_share=Decimal(30),
    online_partial_share=Decimal(15),
)

RULES: tuple[EvaluationRules, ...] = (TT01_2018,)


def rules_on(day: datetime.date) -> EvaluationRules:
    """The rules in force on ``day`` (the earliest ones before any took effect)."""
    in_force = [r for r in RULES if r.valid_from <= day]
    return max(in_force, key=lambda r: r.valid_from) if in_force else RULES[0]


def band_of(score: Decimal | None, bands: tuple[Band, ...]) -> Band | None:
    """The first band whose minimum ``score`` reaches; None when there is no score."""
    if score is None:
        return None
    return next((b for b in bands if score >= b.minimum), bands[-1])

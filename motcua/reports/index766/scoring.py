"""The scoring rule of Decision 766 (domain.md §9): with a target T, score = Pmax if R ≥ T else
R × Pmax / T; without one, R × Pmax / 100%. R in %, everything rounded to 2 decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def ratio(numerator, denominator) -> Decimal | None:
    """numerator ÷ denominator in %, or None when the denominator is 0 (N/A)."""
    if not denominator:
        return None
    return round2(HUNDRED * Decimal(numerator) / Decimal(denominator))


def score(ratio_pct: Decimal | None, max_points: Decimal, target: Decimal | None) -> Decimal | None:
    if ratio_pct is None:
        return None
    target = target or HUNDRED
    if ratio_pct >= target:
        return round2(Decimal(max_points))
    return round2(ratio_pct * Decimal(max_points) / target)

"""What one indicator evaluates: the dossiers or procedures it counts, each passing or costing
points with the reason (the drill-down of the manager pages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Item:
    """A dossier or a procedure counted in an indicator's denominator."""

    kind: str  # "dossier" or "procedure"
    key: str  # dossier code or procedure code
    label: str
    unit: str
    passed: bool
    reason: str = ""


@dataclass
class Evaluation:
    """Numerator and denominator of an indicator, or why it cannot be computed."""

    numerator: Decimal | int = 0
    denominator: int = 0
    items: list[Item] = field(default_factory=list)
    not_applicable: str = ""
    average: bool = False  # the ratio is an average, not a share (2.2)

    @classmethod
    def of(cls, items: list[Item]) -> Evaluation:
        return cls(sum(1 for i in items if i.passed), len(items), items)

    @classmethod
    def unavailable(cls, reason: str) -> Evaluation:
        return cls(not_applicable=reason)

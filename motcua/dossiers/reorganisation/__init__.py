"""Reorganisations that move open work (sắp xếp tổ chức: sáp nhập, chia tách, giải thể đơn vị):
``build`` previews, ``carry_out`` does it in one transaction. docs/reorganisations.md."""

from .execute import carry_out
from .plan import DossierPlan, Kind, Plan, Request, build, open_dossiers_of
from .preview import as_lines
from .split import SplitRule, read_mapping

__all__ = [
    "DossierPlan",
    "Kind",
    "Plan",
    "Request",
    "SplitRule",
    "as_lines",
    "build",
    "carry_out",
    "open_dossiers_of",
    "read_mapping",
]

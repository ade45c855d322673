"""Which agencies a report may be about."""

from __future__ import annotations

from motcua.agencies.constants import Level


def is_agency_of_record(agency) -> bool:
    """Whether dossiers are resolved, and so reported, in ``agency``'s name. An internal unit
    (phòng, ban; a desk centre) never is: a commune's or a department's dossiers are counted in
    the agency's own name (domain.md §8.1: the report's rows are agencies; §9: "a commune covers
    the dossiers it executes"), so a report "of a phòng" would answer another question."""
    return agency.level != Level.UNIT

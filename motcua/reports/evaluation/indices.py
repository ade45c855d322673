"""The points (0, 1 or 2) of each of the nine indices of TT 01/2018 Art. 13 (domain.md §12.1),
as pure functions of what the system holds. The readings are explained in ``evaluation.py``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from motcua.catalog.constants import Channel
from motcua.dossiers.constants import Delivery
from motcua.worktime.constants import Punctuality

from .rules import EvaluationRules

HUNDRED = Decimal(100)

# Index 4: an applicant who filed online or by post and took the result online or by post
# dealt with no agency in person.
REMOTE_CHANNELS = frozenset({Channel.ONLINE, Channel.POSTAL})
REMOTE_DELIVERIES = frozenset({Delivery.ONLINE, Delivery.POST})


@dataclass(frozen=True)
class StepTime:
    """One finished step of a dossier's internal process: who did it, its quota and the
    working time it took (both in working hours, pauses excluded)."""

    agency_id: int
    key: tuple  # the process step it runs; a stage sent back runs the same key again
    quota_hours: Decimal
    worked_hours: Decimal


def share(numerator: int, denominator: int) -> Decimal | None:
    """numerator ÷ denominator in %, None when the denominator is 0."""
    return None if not denominator else HUNDRED * numerator / denominator


def time_points(punctuality: str | None) -> int:
    """Index 1: total time against the rule (early 2, on time 1, late 0)."""
    return {Punctuality.EARLY: 2, Punctuality.ON_TIME: 1}.get(punctuality, 0)


def _compare(worked: Decimal, quota: Decimal) -> int:
    # Form 05: quota > time spent → early, equal → on time, quota < time spent → late.
    if worked < quota:
        return 2
    return 1 if worked == quota else 0


def agency_time_points(steps: Iterable[StepTime]) -> int | None:
    """Index 2: each agency's time against its quota; the worst agency decides. None when no
    step finished (the caller falls back on index 1)."""
    quota: dict[int, dict[tuple, Decimal]] = defaultdict(dict)
    worked: dict[int, Decimal] = defaultdict(Decimal)
    for step in steps:
        # A stage run again after being sent back adds its time, not a second quota.
        quota[step.agency_id][step.key] = step.quota_hours
        worked[step.agency_id] += step.worked_hours
    if not quota:
        return None
    return min(_compare(worked[a], sum(quota[a].values(), Decimal(0))) for a in quota)


def contact_points(supplement_requests: int) -> int:
    """Index 3: contacts with the desk to complete the dossier (0 requests 2, 1 → 1, more 0)."""
    if supplement_requests == 0:
        return 2
    return 1 if supplement_requests == 1 else 0


def agencies_points(channel: str, delivery: str, transferred: bool) -> int:
    """Index 4: agencies contacted — none (filed and returned remotely) 2, the desk only 1, more
    (the dossier went to another agency, liên thông) 0."""
    if transferred:
        return 0
    if channel in REMOTE_CHANNELS and delivery in REMOTE_DELIVERIES:
        return 2
    return 1


def publicity_points(decided: bool, online_page: bool) -> int:
    """Index 6: posted (published by a decision) and electronic (an online page on the portal)
    2, one of them 1, neither 0."""
    return int(decided) + int(online_page)


def attitude_points(punctuality: str | None, complaint: bool) -> int:
    """Index 7: early without complaint 2, on time without complaint 1, else 0."""
    if complaint:
        return 0
    return {Punctuality.EARLY: 2, Punctuality.ON_TIME: 1}.get(punctuality, 0)


def desk_points(decided_share: Decimal | None, all_at_desk: bool, rules: EvaluationRules) -> int:
    """Index 5: ≥ 20% of the procedures decided at the desk 2; every dossier received and
    returned at the desk 1; else 0."""
    if decided_share is not None and decided_share >= rules.desk_decided_share:
        return 2
    return 1 if all_at_desk else 0


def feedback_points(on_time: int, counted: int, rules: EvaluationRules) -> int:
    """Index 8: feedback handled on time — 100% 2, ≥ 90% 1, less 0; none to handle 2."""
    rate = share(on_time, counted)
    if rate is None or rate >= rules.feedback_full_share:
        return 2
    return 1 if rate >= rules.feedback_partial_share else 0


def online_points(
    procedures_share: Decimal | None,
    dossiers_share: Decimal | None,
    late_online: int,
    rules: EvaluationRules,
) -> int:
    """Index 9: ≥ 20% of procedures online and ≥ 30% online dossiers and none of them late 2;
    both shares ≥ 15% 1; else 0."""
    procedures = procedures_share or Decimal(0)
    dossiers = dossiers_share or Decimal(0)
    if (
        procedures >= rules.online_procedures_share
        and dossiers >= rules.online_dossiers_share
        and not late_online
    ):
        return 2
    if procedures >= rules.online_partial_share and dossiers >= rules.online_partial_share:
        return 1
    return 0

"""The 766 indicators counted over dossiers (groups 2–5), from the aggregates: the same readings
as ``dossier_indicators`` and ``satisfaction_indicators`` (which list the dossiers one by one for
the drill-down), as numerator ÷ denominator; tests hold the two equal."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from motcua.catalog.constants import Channel, OnlineLevel
from motcua.dossiers.constants import Outcome
from motcua.worktime.constants import Punctuality

from ..index766.items import Evaluation
from ..index766.scoring import round2
from ..measurement import history
from .tally import Tally

RESOLVED = (Outcome.GRANTED, Outcome.REFUSED)


def _share(rows, passed: Callable, counted: Callable = lambda r: r.dossiers) -> Evaluation:
    """Σ passed(row) ÷ Σ counted(row): each a number of the row's dossiers."""
    denominator = numerator = 0
    for row in rows:
        denominator += counted(row)
        numerator += passed(row)
    return Evaluation(numerator, denominator)


def _all_if(condition: bool, row) -> int:
    return row.dossiers if condition else 0


def received(t: Tally):
    return t.received


def finished(t: Tally):
    return t.finished


def handled(t: Tally):
    """Every dossier of the period, once, as it stands at the measuring moment: carried over or
    received (``t.at_start`` + receipts) = ended in the period + open at its end."""
    return [*finished(t), *t.at_end]


def _late(row) -> bool:
    if hasattr(row, "state"):
        return row.state in history.LATE_STATES
    return row.punctuality == Punctuality.LATE


def progress(t: Tally) -> Evaluation:
    """2.1"""
    return _share(handled(t), lambda r: _all_if(not _late(r), r))


def average_time(t: Tally) -> Evaluation:
    """2.2 — the numerator in working days of 8 hours, rounded as ``dossier_indicators``."""
    done = [r for r in received(t) if r.outcome in RESOLVED]
    micros = sum(r.resolved_micros for r in done)
    days = round2(Decimal(micros) / Decimal(3_600_000_000 * 8))
    return Evaluation(days, sum(r.dossiers for r in done), [], average=True)


def _document(t: Tally, row) -> bool:
    return t.versions[row.version_id].result_is_document


def online_dossiers(t: Tally) -> Evaluation:
    """3.3 — online, and with an electronic result once a document result exists."""
    return _share(
        received(t),
        lambda r: (
            r.dossiers - (r.e_missing if _document(t, r) else 0)
            if r.channel == Channel.ONLINE
            else 0
        ),
    )


def full_online(t: Tally) -> Evaluation:
    """3.4"""
    rows = [r for r in received(t) if t.versions[r.version_id].full_online_eligible]
    return _share(
        rows,
        lambda r: _all_if(
            r.channel == Channel.ONLINE
            and t.versions[r.version_id].online_level == OnlineLevel.FULL,
            r,
        ),
    )


def online_payment(t: Tally) -> Evaluation:
    """3.6"""
    return _share(received(t), lambda r: r.fee_paid_online, lambda r: r.fee)


def e_results(t: Tally) -> Evaluation:
    """4.1"""
    rows = [r for r in finished(t) if r.outcome in RESOLVED and _document(t, r)]
    return _share(rows, lambda r: r.has_result - r.e_missing, lambda r: r.has_result)


def digitised(t: Tally) -> Evaluation:
    """4.2"""
    return _share(
        received(t),
        lambda r: r.digitized - (r.digitized_e_missing if _document(t, r) else 0),
    )


def reused(t: Tally) -> Evaluation:
    """4.3"""
    return _share(received(t), lambda r: r.reused)


def shared(t: Tally) -> Evaluation:
    """4.4"""
    return _share(received(t), lambda r: r.shared)


def population_dossiers(t: Tally) -> Evaluation:
    """4.5b"""
    return _share(received(t), lambda r: r.population)


def dossier_satisfaction(t: Tally) -> Evaluation:
    """5.4"""
    return _share(handled(t), lambda r: 0 if _late(r) else r.dossiers - r.complaint)


COUNTS: dict[str, Callable[[Tally], Evaluation]] = {
    "2.1": progress,
    "2.2": average_time,
    "3.3": online_dossiers,
    "3.4": full_online,
    "3.6": online_payment,
    "4.1": e_results,
    "4.2": digitised,
    "4.3": reused,
    "4.4": shared,
    "4.5b": population_dossiers,
    "5.4": dossier_satisfaction,
}


def procedures_received(
    t: Tally, attribute: str | None = None, *, channel: str | None = None
) -> set:
    """Procedures with at least one dossier received in the period (having ``attribute``, one
    of the counted ``FLOW_ATTRIBUTES``, through ``channel``): 3.2, 3.5a, 3.5b, 4.5a."""
    return {
        t.versions[r.version_id].procedure_id
        for r in received(t)
        if (attribute is None or getattr(r, attribute) > 0)
        and (channel is None or r.channel == channel)
    }

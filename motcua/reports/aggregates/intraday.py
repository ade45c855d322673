"""The open dossiers at an instant inside a day — the measuring moment of a period not yet ended
(``Period.measured_at``: now) — from the stored totals and the few dossiers whose state can
differ between that instant and the next midnight.

The stock is kept at the first instant of each day. A dossier's contribution is computed from
what has happened so far and projects its open life forward (``history.timeline``), so the stock
at the next midnight counts every dossier received before now and not ended, in the state it
will have then if nothing else happens. Between now and that midnight its state can differ from
its state now only if

- something is stored as happening at or after now (received, ended, a pause started or ended:
  data written ahead of the clock, e.g. an import), or
- it is in progress and its statistical due time — the original one moved later by the working
  time paused, so never earlier than ``original_due_at`` — falls in [now, midnight): overdue at
  midnight, not yet now.

Those dossiers are found by two queries (a superset: the second reads the dossier's stored
contribution to the stock, which enters "in_progress_late" on the midnight after its due time),
measured at both instants with ``history.state_at``, and
their counts moved from the midnight state to the state now — as the feedback figures and the
early warning are computed from the records at read time.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.dossiers.models import Dossier, DossierMove, Pause
from motcua.worktime.selectors import get_calendar

from ..measurement import history, records
from .contribution import complaints
from .models import DossierContribution

BATCH = 5000  # ids per query (SQLite's limit on parameters)


def next_midnight(moment: datetime.datetime) -> datetime.datetime:
    """The first instant of the local day after ``moment``'s."""
    day = timezone.localtime(moment, timezone.get_default_timezone()).date()
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_default_timezone()
    )


def candidates(
    agency: Agency, moment: datetime.datetime, midnight: datetime.datetime, field_code
) -> list[int]:
    """The ids of the accepted dossiers of the subtree (or moved out of it) whose open state at
    ``moment`` may differ from their state at ``midnight`` (see the module's docstring). Two
    queries: a UNION of conditions each with an index to start from (the end time, the receipt
    time, the primary key) — an OR of them reads the whole table — then the stored
    contributions of the open ones, by primary key (a join the planner drives from the
    contributions matches the text of all of them; so does, on PostgreSQL, a subquery per
    dossier, whose cost estimate sets off the JIT compiler)."""
    subtree = Agency.objects.subtree_of(agency).values("pk")
    moved_out = DossierMove.objects.filter(from_resolving_agency__in=subtree).values("dossier_id")
    qs = records.accepted().filter(
        Q(resolving_agency__path__startswith=agency.path) | Q(pk__in=moved_out),
        received_at__lt=midnight,
    )
    if field_code:
        qs = qs.filter(procedure_version__field__code=field_code)
    # Anything stored at or after the moment (data written ahead of the clock): kept.
    paused_ahead = Pause.objects.filter(Q(started_at__gte=moment) | Q(ended_at__gte=moment))
    ahead = [
        qs.filter(received_at__gte=moment),
        qs.filter(finished_at__gte=moment),
        qs.filter(pk__in=paused_ahead.values("dossier_id")),
    ]
    # Open, and its statistical due time (never before the original one) may fall before that
    # midnight: to be read in its stored contribution.
    due = qs.filter(finished_at__isnull=True, original_due_at__lt=midnight)
    first, *rest = (
        branch.order_by().annotate(is_due=Value(is_due)).values_list("pk", "is_due")
        for branch, is_due in [(due, True), *((branch, False) for branch in ahead)]
    )
    ids: set[int] = set()
    open_ids: list[int] = []
    for pk, is_due in first.union(*rest):
        if is_due:
            open_ids.append(pk)
        else:
            ids.add(pk)
    # Kept if its stored contribution enters "in_progress_late" on that midnight's day (the
    # row's day comes first, the state four places later; a false match only costs a
    # measurement).
    day = f'["{midnight.date().isoformat()}",'
    for start in range(0, len(open_ids), BATCH):
        ids.update(
            DossierContribution.objects.filter(pk__in=open_ids[start : start + BATCH])
            .annotate(text=Cast("stock", TextField()))
            .filter(text__contains=day)
            .filter(text__contains=f'"{history.IN_PROGRESS_LATE}"')
            .values_list("pk", flat=True)
        )
    return sorted(ids)


def _open_state(life: history.History, calendar, moment: datetime.datetime) -> str | None:
    """The aggregate's state of the dossier at ``moment``; None if not open then."""
    if life.received_at >= moment:
        return None
    state = history.state_at(life, calendar, moment)
    return None if state.finished else history.open_state(state)


def corrections(
    agency: Agency, moment: datetime.datetime, *, field_code=None, per_unit: bool = True
) -> dict[tuple, tuple[int, int]]:
    """What to add to the stock at the midnight after ``moment`` to get the stock at
    ``moment``: full stock key (``STOCK_KEY``; unit and rule set 0 unless ``per_unit``) →
    (dossiers, complaint) to add."""
    midnight = next_midnight(moment)
    ids = candidates(agency, moment, midnight, field_code)
    found = records.load(Dossier.objects.filter(pk__in=ids).order_by("pk"), parts=False)
    if not found:
        return {}
    units = set(Agency.objects.subtree_of(agency).values_list("pk", flat=True))
    complained = complaints(r.pk for r in found)
    agencies = Agency.objects.in_bulk({r.unit_id for r in found})
    calendars: dict[int, object] = {}
    delta: dict[tuple, tuple[int, int]] = {}
    for record in found:
        unit = record.unit_on(midnight.date())
        if unit not in units:
            continue
        if record.unit_id not in calendars:
            calendars[record.unit_id] = get_calendar(agencies[record.unit_id])
        calendar = calendars[record.unit_id]
        life = history.History.of(record)
        then = _open_state(life, calendar, midnight)
        now = _open_state(life, calendar, moment)
        if then == now:
            continue
        complaint = int(record.pk in complained)
        for state, sign in ((then, -1), (now, 1)):
            if state is None:
                continue
            key = (
                unit if per_unit else 0,
                record.version_id,
                record.channel,
                state,
                record.rules_id if per_unit else 0,
            )
            dossiers, complaints_so_far = delta.get(key, (0, 0))
            delta[key] = (dossiers + sign, complaints_so_far + sign * complaint)
    return delta

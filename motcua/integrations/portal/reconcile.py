"""The daily reconciliation with the national portal (đối soát, domain.md §4.3): what this system
received on a day, counted by unit, procedure and national status, against what the portal holds;
every dossier missing there or shown in another status is listed and its record sent again."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.national import national_status
from motcua.dossiers.services import identity_code_of

from ..models import MessageState, PortalMessage
from . import conf, outbox, registry


@dataclass(frozen=True)
class Difference:
    code: str
    local_status: int | None
    portal_status: int | None  # None: the portal does not hold it

    @property
    def reason(self) -> str:
        if self.portal_status is None:
            return "missing"
        if self.local_status is None:
            return "unknown_here"
        return "status"


@dataclass
class Reconciliation:
    day: datetime.date
    local: Counter = field(default_factory=Counter)  # (unit, procedure, status) -> n
    portal: Counter = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)
    resent: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.differences and self.local == self.portal

    def rows(self) -> list[tuple[str, str, int, int, int]]:
        """(unit, procedure, status, here, portal) for every key either side counts."""
        keys = sorted(set(self.local) | set(self.portal))
        return [(*key, self.local.get(key, 0), self.portal.get(key, 0)) for key in keys]


def _local(day: datetime.date, unit_code: str = "") -> dict[str, tuple[tuple, int]]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    dossiers = (
        Dossier.objects.exclude(status=Status.DRAFT)
        .filter(received_at__gte=start, received_at__lt=start + datetime.timedelta(days=1))
        .select_related("procedure_version__procedure", "resolving_agency")
        .only("code", "status", "procedure_version__procedure__code", "resolving_agency")
    )
    held = {}
    for dossier in dossiers.iterator(chunk_size=500):
        unit = identity_code_of(dossier.resolving_agency)
        if unit_code and unit != unit_code:
            continue
        status = national_status(dossier.status)
        code = int(status) if status is not None else None
        held[dossier.code] = ((unit, dossier.procedure_version.procedure.code, code), dossier.pk)
    return held


def reconcile(day: datetime.date, *, unit_code: str = "", resend: bool = True) -> Reconciliation:
    """Compare the day; with ``resend``, queue a fresh record of every dossier that differs and
    has nothing already waiting to go (what is waiting will fix it when delivered)."""
    portal = registry.get(conf.plugin() if conf.plugin() != "off" else "dvcqg")
    theirs = portal.counts(day, unit_code)
    ours = _local(day, unit_code)
    result = Reconciliation(day=day)
    for key, _pk in ours.values():
        result.local[key] += 1
    for key, n in theirs.by_key.items():
        result.portal[key] += n
    for code, (key, _pk) in sorted(ours.items()):
        if theirs.codes.get(code) != key[2]:
            result.differences.append(Difference(code, key[2], theirs.codes.get(code)))
    for code, status in sorted(theirs.codes.items()):
        if code not in ours:
            result.differences.append(Difference(code, None, status))
    if resend:
        waiting = set(
            Dossier.objects.filter(
                code__in=[d.code for d in result.differences if d.local_status is not None]
            )
            .filter(
                Exists(
                    PortalMessage.objects.filter(
                        dossier=OuterRef("pk"), state__in=[MessageState.PENDING, MessageState.DEAD]
                    )
                )
            )
            .values_list("code", flat=True)
        )
        for difference in result.differences:
            if difference.local_status is None or difference.code in waiting:
                continue
            outbox.enqueue_record(
                ours[difference.code][1], reason=f"reconcile {day}: {difference.reason}"
            )
            result.resent.append(difference.code)
    return result

"""The demo province's boundary-free intake (docs/boundary-free.md): the list of procedures any
desk of Lâm Đồng takes for any of its communes, and, with a workload, dossiers received at one
ward's desk (or at the provincial centre) for another ward, resolved there by that ward's staff
and returned at the desk of receipt — some early, some late, some still open — so the
boundary-free register and its counts have rows. Through the dossier services, as the desk and
the ward would do it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.catalog.constants import Channel
from motcua.catalog.models import BoundaryFreeList, Procedure
from motcua.dossiers.models import Dossier
from motcua.dossiers.simulation import Simulator
from motcua.dossiers.simulation_support import desk_for

from .province import REFORM_DAY

DECISION = "Quyết định số 1500/QĐ-UBND ngày 30/6/2025 của Chủ tịch UBND tỉnh (dữ liệu demo)"
# Kept off the demo's list, so the desk sees both cases: the household's own ward reviews it.
OFF_LIST = {"1.011607"}  # Công nhận hộ nghèo, hộ cận nghèo

# (receiving desk's unit, resolving ward, how many): Xuân Hương and Cam Ly take each other's
# dossiers, and the provincial centre takes some of Xuân Hương's.
FLOWS = [("camly", "xuanhuong", 5), ("xuanhuong", "camly", 5), ("province", "xuanhuong", 3)]
SEED = 118


def load_list(province: Agency) -> BoundaryFreeList:
    """The province's list from the reform day: every procedure of the catalogue but one. A
    demo database migrated from before the lists holds the upgrade's "every procedure" list
    (catalog migration 0010); unused, it gives way to the demo's own."""
    BoundaryFreeList.objects.filter(
        province=province, all_procedures=True, dossiers__isnull=True
    ).delete()
    row, _created = BoundaryFreeList.objects.get_or_create(
        province=province, decision=DECISION, defaults={"valid_from": REFORM_DAY}
    )
    row.procedures.set(Procedure.objects.exclude(code__in=OFF_LIST))
    return row


def load_dossiers(units: dict[str, Agency], days: int = 60) -> int:
    """Once (when no dossier was received boundary-free yet): the ``FLOWS`` over the last
    ``days`` days, direct at the desk, each worked to its end by the resolving ward's staff as
    the simulation works any dossier. Returns how many were created."""
    if Dossier.objects.filter(boundary_free_basis__isnull=False).exists():
        return 0
    today = timezone.localdate()
    created = 0
    for index, (at_key, for_key, count) in enumerate(FLOWS):
        agency = units[for_key]
        desk = desk_for(units[at_key], today)
        simulator = Simulator(
            seed=SEED + index,
            start=today - datetime.timedelta(days=days),
            end=today - datetime.timedelta(days=1),
        )
        rows = [
            (version, channels)
            for version, resolver, _own_desk, channels in simulator.catalogue
            if resolver == agency
            and Channel.DIRECT in channels
            and version.procedure.code not in OFF_LIST
        ]
        for moment in sorted(simulator.arrival() for _ in range(count)):
            version, _channels = rows[simulator.rng.randrange(len(rows))]
            dossier = simulator.life(moment, version, agency, desk, [Channel.DIRECT])
            created += dossier is not None
    return created

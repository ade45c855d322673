"""The demo's boundary-free intake (demo/boundary.py): the province's list is loaded with the
catalogue (one procedure kept off it), and with a workload, dossiers received at one ward for
another are worked to their end by the resolving ward and fill the boundary-free register —
some returned at the desk of receipt, some late; a second run adds none."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog import boundary as lists
from motcua.catalog.models import BoundaryFreeList
from motcua.demo import boundary
from motcua.demo.province import PROVINCE_CODE
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.notices import boundary as register

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_boundary_free_register():
    call_command("demo", "--quiet", "--dossiers", "3")
    province = Agency.objects.get(code=PROVINCE_CODE)
    [listed] = BoundaryFreeList.objects.filter(province=province)
    ward = Agency.objects.get(code="000.00.31.H36")
    today = timezone.localdate()
    off = boundary.OFF_LIST.copy().pop()
    assert lists.basis_for(ward, listed.procedures.first().pk, today) == listed
    assert not listed.procedures.filter(code=off).exists()

    crossed = Dossier.objects.filter(boundary_free_basis=listed)
    assert crossed.count() >= 10
    returned = crossed.filter(status=Status.RETURNED)
    assert returned.exists()
    # Returned where it was received: the desk of receipt handed it over.
    for dossier in returned:
        handed = dossier.events.filter(to_status=Status.RETURNED).get()
        assert handed.actor_unit_id == dossier.receiving_unit_id

    manager = User.objects.get(username="tinh.giamsat")
    book = register.build(manager, today - datetime.timedelta(days=61), today)
    assert book.counts.total >= crossed.exclude(status=Status.REFUSED_AT_INTAKE).count() - 1
    assert book.counts.early + book.counts.on_time > 0
    assert book.counts.late + book.counts.open_late > 0
    assert {part.unit.code for part in book.by_unit} >= {"000.00.31.H36", "000.00.32.H36"}

    again = Dossier.objects.count()
    call_command("demo", "--quiet", "--dossiers", "3")
    assert Dossier.objects.count() == again

"""The aggregates under concurrent officers, on real PostgreSQL sessions: several dossiers of one
unit changing at the same instant update the same day, month and year rows without a deadlock, lost update or
leftover, and the tables still equal a recomputation."""

import pytest
from django.db import connection

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import vn
from motcua.dossiers.tests.test_concurrency import _race
from motcua.reports.aggregates import store
from motcua.reports.aggregates.models import FlowCount, Grain

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent PostgreSQL sessions"
    ),
]


def test_simultaneous_changes_of_one_units_dossiers_keep_the_aggregates_exact(walk_in, people):
    at = vn(2026, 3, 2, 9, 0)
    outcomes = _race(*[lambda: walk_in(at=at) for _ in range(4)])
    assert all(isinstance(o, Dossier) for o in outcomes), outcomes
    received = FlowCount.objects.get(grain=Grain.DAY, flow="received", start=at.date())
    assert received.dossiers == 4  # one row, four increments, none lost
    later = vn(2026, 3, 3, 9, 0)
    outcomes = _race(
        *[
            lambda d=d: services.withdraw(d, actor=people.desk_x, reason="Đơn rút", at=later)
            for d in outcomes
        ]
    )
    assert all(isinstance(o, Dossier) for o in outcomes), outcomes
    assert FlowCount.objects.get(grain=Grain.MONTH, flow="finished").dossiers == 4
    assert store.differences() == []

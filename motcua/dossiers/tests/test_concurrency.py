"""Two officers at the same instant, on real PostgreSQL connections (SQLite serialises writers,
so these run where CI runs the suite on PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from motcua.dossiers import services
from motcua.dossiers.errors import DossierError, StaleDossier
from motcua.dossiers.models import Dossier, Event

from .conftest import vn

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent PostgreSQL sessions"
    ),
]


def _race(*calls):
    """Run each call in its own thread and database session, released together."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # collected for the assertions
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_officers_on_the_same_version_cannot_both_succeed(walk_in, people):
    dossier = walk_in()
    opened = dossier.version
    outcomes = _race(
        lambda: services.assign(
            dossier, actor=people.desk_x, assignee=people.specialist_x, expected_version=opened
        ),
        lambda: services.assign(
            dossier, actor=people.desk_x, assignee=people.leader_x, expected_version=opened
        ),
    )
    successes = [o for o in outcomes if isinstance(o, Dossier)]
    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(successes) == 1 and len(failures) == 1
    assert isinstance(failures[0], StaleDossier)
    dossier.refresh_from_db()
    assert dossier.version == opened + 1
    assert Event.objects.filter(dossier=dossier).count() == 2


def test_without_a_version_the_row_lock_still_serialises_them(walk_in, people):
    dossier = services.assign(walk_in(), actor=people.desk_x)
    outcomes = _race(
        lambda: services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0)),
        lambda: services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0)),
    )
    assert sum(isinstance(o, Dossier) for o in outcomes) == 1
    assert sum(isinstance(o, DossierError) for o in outcomes) == 1
    assert dossier.steps.filter(finished_at__isnull=False).count() == 2  # intake + specialist


def test_simultaneous_receipts_get_distinct_codes(walk_in):
    outcomes = _race(*[lambda: walk_in(at=vn(2026, 3, 2, 9, 0)) for _ in range(4)])
    codes = sorted(o.code for o in outcomes)
    assert codes == [f"000.00.31.H99-260302-000{n}" for n in range(1, 5)]


def test_duplicate_requests_racing_act_once(walk_in):
    outcomes = _race(*[lambda: walk_in(idempotency_key="same-click") for _ in range(3)])
    assert all(isinstance(o, Dossier) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert Dossier.objects.count() == 1

"""Dossier codes (TT 01/2018 Art. 19: unit identity code + date + daily sequence): unique and
gap-free per unit and day, with the counter row locked only from the increment to the commit."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import CodeCounter, Dossier
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.services._core import next_code

from .conftest import vn


def _online(version, tree, user, **overrides):
    paper = store_file(
        b"%PDF-1.4 form",
        name="to-khai.pdf",
        content_type="application/pdf",
        uploaded_by=user,
        owner=user,
    )
    kwargs = {
        "actor": user,
        "procedure_version": version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
        "components": [
            ComponentInput(name=c.name, component=c, files=[paper])
            for c in version.components.all()
        ],
        "at": vn(2026, 3, 2, 9, 0),
    }
    return services.submit_online(**(kwargs | overrides))


@pytest.mark.django_db
def test_a_rolled_back_filing_gives_its_number_back(version, tree, people):
    first = _online(version, tree, people.citizen_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        code = next_code(first.rules, tree.commune_x, vn(2026, 3, 2, 10, 0))
        assert code.endswith("-0002")
        raise RuntimeError("the filing failed after taking its code")
    # A filing refused by a check never reaches its code either.
    with pytest.raises(RuleViolation):
        _online(version, tree, people.citizen_a, delivery="post", delivery_address="")
    second = _online(version, tree, people.citizen_a)
    assert first.code.endswith("-260302-0001") and second.code.endswith("-260302-0002")
    assert CodeCounter.objects.get(unit=tree.commune_x).last == 2


@pytest.mark.django_db
def test_each_unit_and_day_counts_on_its_own(version, tree, people):
    monday = _online(version, tree, people.citizen_a)
    tuesday = _online(version, tree, people.citizen_a, at=vn(2026, 3, 3, 9, 0))
    other = _online(
        version,
        tree,
        people.citizen_b,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    assert monday.code == "000.00.31.H99-260302-0001"
    assert tuesday.code == "000.00.31.H99-260303-0001"
    assert other.code == "000.00.32.H99-260302-0001"


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent PostgreSQL sessions"
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_citizens_filing_at_once_in_one_unit_get_consecutive_codes(version, tree, people):
    barrier = threading.Barrier(2)
    outcomes = [None, None]

    def run(index, user):
        try:
            barrier.wait()
            outcomes[index] = _online(version, tree, user)
        except Exception as error:  # collected for the assertions
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, u))
        for i, u in enumerate([people.citizen_a, people.citizen_b])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(isinstance(o, Dossier) for o in outcomes), outcomes
    assert sorted(o.code for o in outcomes) == [
        "000.00.31.H99-260302-0001",
        "000.00.31.H99-260302-0002",
    ]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_filing_waits_on_the_counter_only_for_the_others_last_statements(
    version, tree, people, monkeypatch
):
    """While one filing is slow in its checks and attachments (here: held 0.5 s before its
    components are written), another filing in the same unit is not blocked: the counter row is
    locked only once the code is taken, last."""
    from motcua.dossiers.services import intake

    slow_started, release = threading.Event(), threading.Event()
    attach = intake.attach_components

    def slow_attach(dossier, components):
        if threading.current_thread().name == "slow":
            slow_started.set()
            release.wait(5)
        attach(dossier, components)

    monkeypatch.setattr(intake, "attach_components", slow_attach)
    outcomes = {}

    def run(name, user):
        try:
            outcomes[name] = _online(version, tree, user)
        except Exception as error:  # collected for the assertions
            outcomes[name] = error
        finally:
            connections.close_all()

    slow = threading.Thread(target=run, args=("slow", people.citizen_a), name="slow")
    slow.start()
    assert slow_started.wait(10)
    began = time.monotonic()
    fast = threading.Thread(target=run, args=("fast", people.citizen_b), name="fast")
    fast.start()
    fast.join(timeout=10)
    waited = time.monotonic() - began
    release.set()
    slow.join(timeout=10)
    assert isinstance(outcomes["fast"], Dossier) and isinstance(outcomes["slow"], Dossier), outcomes
    assert not fast.is_alive() and waited < 5  # it did not wait for the slow one to commit
    assert outcomes["fast"].code.endswith("-0001") and outcomes["slow"].code.endswith("-0002")

"""Concurrent takers and callers on PostgreSQL (threads with their own connections): numbers
stay unique and gap-free, and no ticket is called twice. Skipped on SQLite, whose writers are
serialised by the database lock anyway."""

import threading

import pytest
from django.db import connection, connections

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role

from .. import services
from ..errors import RuleViolation
from ..models import Ticket

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _run(workers, target):
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def work(i):
        try:
            barrier.wait()
            results.extend(target(i))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_concurrent_takers_get_unique_gap_free_numbers(tree, fields, counters):
    def take(_i):
        return [services.take_ticket(tree.commune_x, fields.civil).number for _ in range(5)]

    numbers = _run(8, take)
    assert sorted(numbers) == list(range(1, 41))
    assert sorted(Ticket.objects.values_list("number", flat=True)) == list(range(1, 41))


def test_concurrent_callers_never_share_a_ticket(tree, fields, counters):
    for _ in range(30):
        services.take_ticket(tree.commune_x, fields.certify)
    officers = [
        make_officer(f"Cán bộ {i}", unit=tree.commune_x, role=Role.DESK_OFFICER) for i in range(2)
    ]
    services.open_session(counters.one, officers[0])
    services.open_session(counters.two, officers[1])
    desks = [(counters.one, officers[0]), (counters.two, officers[1])]

    def serve(i):
        counter, officer = desks[i]
        called = []
        while True:
            try:
                called.append(services.call_next(counter, officer).pk)
            except RuleViolation:
                return called
            services.act(counter, officer, "done")

    called = _run(2, serve)
    assert len(called) == len(set(called)) == 30
    assert Ticket.objects.filter(status="done").count() == 30

"""An action locks its dossier's row only, never the ward, procedure version or rule set it
joins (issue #17 item 7): while one officer's action on a dossier of a ward is still open, work
on another dossier of that ward goes on without waiting. PostgreSQL only (SQLite has no row
locks)."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, RuleSet

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent PostgreSQL sessions"
    ),
]


class _HeldAction:
    """``assign`` on ``dossier`` in another session whose transaction stays open (so its locks
    are held) until ``release``."""

    def __init__(self, dossier, actor, assignee):
        self.locked = threading.Event()
        self.done = threading.Event()
        self.error = None

        def run():
            try:
                with transaction.atomic():
                    services.assign(dossier, actor=actor, assignee=assignee)
                    self.locked.set()
                    self.done.wait(timeout=30)
            except Exception as error:  # reported by the test
                self.error = error
                self.locked.set()
            finally:
                connections.close_all()

        self.thread = threading.Thread(target=run)

    def __enter__(self):
        self.thread.start()
        assert self.locked.wait(timeout=30)
        assert self.error is None, self.error
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join(timeout=30)


def _lock_now(model, pk):
    """Lock ``model``'s row ``pk`` or fail at once (NOWAIT) if another session holds it."""
    with transaction.atomic():
        list(model.objects.select_for_update(nowait=True).filter(pk=pk).values_list("pk"))


def test_an_open_action_leaves_the_ward_version_and_rules_free(walk_in, people):
    first = walk_in()
    with _HeldAction(first, people.desk_x, people.specialist_x):
        for model, pk in (
            (Agency, first.receiving_unit_id),
            (Agency, first.resolving_agency_id),
            (ProcedureVersion, first.procedure_version_id),
            (RuleSet, first.rules_id),
        ):
            try:
                _lock_now(model, pk)
            except OperationalError as error:
                pytest.fail(f"{model.__name__} {pk} is locked by the other action: {error}")
        with pytest.raises(OperationalError):
            _lock_now(Dossier, first.pk)  # the dossier itself stays serialised


def test_an_open_action_does_not_hold_up_another_dossier_of_the_ward(walk_in, people):
    first, second = walk_in(), walk_in()
    with _HeldAction(first, people.desk_x, people.specialist_x), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '1s'")
        services.assign(second, actor=people.desk_x, assignee=people.leader_x)
        third = walk_in()  # a new dossier received in the same ward
    assert third.receiving_unit_id == first.receiving_unit_id

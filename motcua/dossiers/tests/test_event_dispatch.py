"""An event is dispatched (``dispatch_event`` enqueued in its transaction) only if a subscribed
handler wants it; a handler registered without ``wants`` gets every event."""

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.audit.models import AuditEntry
from motcua.dossiers import events, services
from motcua.dossiers.constants import Action
from motcua.dossiers.models import Event

from .conftest import vn

pytestmark = pytest.mark.django_db


def _dispatches() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="dispatch_event").count()


@pytest.fixture
def seen():
    """A handler subscribed to every dossier event (no ``wants``), for one test."""
    received = []
    events.register("test-every-event", received.append)
    yield received
    events.unregister("test-every-event")


def test_the_installed_handlers_want_no_draft_save(people, where):
    draft = services.save_draft(actor=people.citizen_a, **where)
    services.save_draft(actor=people.citizen_a, draft=draft, form_data={"a": 1}, **where)
    assert _dispatches() == 0
    # The history and the audit are written all the same.
    assert Event.objects.filter(dossier=draft, action=Action.SAVE_DRAFT).count() == 2
    assert AuditEntry.objects.filter(object_id=str(draft.pk)).count() == 2


def test_an_event_with_a_topic_is_still_dispatched(walk_in):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    event = Event.objects.get(dossier=dossier, action=Action.RECEIVE)
    task = DBTaskResult.objects.get(task_path__endswith="dispatch_event")
    assert task.args_kwargs["args"] == [event.pk]


def test_a_handler_without_wants_gets_every_event(people, where, seen):
    draft = services.save_draft(actor=people.citizen_a, **where)
    assert _dispatches() == 1
    event = Event.objects.get(dossier=draft)
    assert events.dispatch_event.call(event.pk) == ["test-every-event"]
    assert seen == [event]


def test_a_handler_runs_only_on_the_events_it_wants(people, where, walk_in):
    picked = []
    events.register("test-receipts", picked.append, wants=lambda e: e.action == Action.RECEIVE)
    try:
        draft = services.save_draft(actor=people.citizen_a, **where)
        assert _dispatches() == 0
        dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
        assert _dispatches() == 1
        received = Event.objects.get(dossier=dossier, action=Action.RECEIVE)
        assert "test-receipts" in events.dispatch_event.call(received.pk)
        saved = Event.objects.get(dossier=draft)
        assert "test-receipts" not in events.dispatch_event.call(saved.pk)
        assert picked == [received]
    finally:
        events.unregister("test-receipts")

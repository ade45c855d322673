"""Each history row's number (Event.sequence) is computed by its INSERT and given back by it:
the receivers of ``event_recorded`` (the portal's and the webhooks' outboxes put it in their
payloads) see the number itself, 1, 2, 3 … per dossier, without a read before the write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers import services
from motcua.dossiers.models import Event
from motcua.dossiers.signals import event_recorded

pytestmark = pytest.mark.django_db


def test_each_event_carries_its_number_as_written(walk_in, people):
    seen = []

    def receiver(sender, event, **kwargs):
        seen.append((event.dossier_id, event.sequence))

    event_recorded.connect(receiver, dispatch_uid="test_event_numbers")
    try:
        first = walk_in()
        second = walk_in()
        with CaptureQueriesContext(connection) as captured:
            services.assign(first, actor=people.desk_x)
    finally:
        event_recorded.disconnect(dispatch_uid="test_event_numbers")
    assert seen == [(first.pk, 1), (second.pk, 1), (first.pk, 2)]
    assert all(isinstance(number, int) for _pk, number in seen)
    rows = Event.objects.filter(dossier=first).order_by("pk").values_list("sequence", flat=True)
    assert list(rows) == [1, 2]
    reads = [q["sql"] for q in captured if q["sql"].startswith('SELECT "dossiers_event"')]
    assert reads == []

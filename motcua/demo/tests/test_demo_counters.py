"""The demo's counter equipment: three counters at Xuân Hương with their tablets, and a week of
tickets served through the services (when dossiers are simulated), once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from motcua.counter import report
from motcua.counter.constants import TicketStatus
from motcua.counter.models import Counter, CounterSession, Ticket, TicketRating
from motcua.demo.counters import demo_token

pytestmark = pytest.mark.django_db


def test_demo_counters_and_a_week_of_tickets(client):
    call_command("demo", "--quiet", "--dossiers", "1")
    counters = list(Counter.objects.order_by("number"))
    assert [c.number for c in counters] == [1, 2, 3]
    centre = counters[0].centre
    assert centre.code == "000.00.31.H36" and all(c.fields.exists() for c in counters)
    made = Ticket.objects.count()
    assert made >= 5 * 25  # the last seven days hold five working days
    # Every past ticket was called and ended; nobody is left sitting at a counter.
    assert not Ticket.objects.exclude(status__in=[TicketStatus.DONE, TicketStatus.NO_SHOW]).exists()
    assert not CounterSession.objects.filter(ended_at__isnull=True).exists()
    days = Ticket.objects.values_list("day", flat=True)
    figures = report.waiting_times(centre, min(days), max(days)).total
    assert figures.taken == made and figures.mean_wait > 0 and figures.mean_service >= 4
    assert figures.rated == TicketRating.objects.count() > 0
    tablet = reverse("counter:tablet", args=[counters[0].pk, demo_token(1)])
    assert client.get(tablet).status_code == 200
    call_command("demo", "--quiet", "--dossiers", "1")
    assert Counter.objects.count() == 3 and Ticket.objects.count() == made

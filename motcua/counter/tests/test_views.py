"""The kiosk, the printed ticket, the board, the desk and the report, with who reaches them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role

from .. import services
from ..constants import TicketStatus
from ..models import Ticket

pytestmark = pytest.mark.django_db


def test_kiosk_takes_a_number_and_prints_it(client, tree, fields, counters):
    kiosk = reverse("counter:kiosk", args=[tree.commune_x.pk])
    page = client.get(kiosk).content.decode()
    assert "Hộ tịch" in page and "Chứng thực" in page and "Đất đai" not in page
    response = client.post(kiosk, {"field": fields.civil.pk})
    ticket = Ticket.objects.get()
    assert response.url == reverse(
        "counter:ticket", args=[tree.commune_x.pk, ticket.pk, ticket.key]
    )
    printed = client.get(response.url).content.decode()
    assert "001" in printed and "Hộ tịch" in printed
    # Refused: a field nobody serves there; the guessed address of a ticket.
    assert client.post(kiosk, {"field": fields.land.pk}).status_code == 400
    wrong = reverse("counter:ticket", args=[tree.commune_x.pk, ticket.pk, "guess"])
    assert client.get(wrong).status_code == 404
    other_centre = reverse("counter:ticket", args=[tree.commune_y.pk, ticket.pk, ticket.key])
    assert client.get(other_centre).status_code == 404
    assert Ticket.objects.count() == 1


def test_screens_are_bound_to_a_centre_with_counters(client, tree, counters):
    for name in ("counter:kiosk", "counter:board"):
        assert client.get(reverse(name, args=[tree.commune_x.pk])).status_code == 200
        # The department runs no desk and has no counter.
        assert client.get(reverse(name, args=[tree.department.pk])).status_code == 404
    counters.y.is_open = False
    counters.y.save()
    assert client.get(reverse("counter:board", args=[tree.commune_y.pk])).status_code == 404


def test_board_shows_the_called_number_and_counter(client, tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    services.take_ticket(tree.commune_x, fields.certify)
    services.open_session(counters.two, people.desk_x)
    services.call_next(counters.two, people.desk_x)
    page = client.get(reverse("counter:board", args=[tree.commune_x.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "<script" not in page
    called = page.split("board-waiting")[0]
    assert "002" in called and '<td class="board-counter">2</td>' in called
    assert "001" in page.split("board-waiting")[1]


def test_officer_sits_calls_and_finishes(client, tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    client.force_login(people.desk_x)
    desk = reverse("counter:desk")
    assert "Ngồi quầy này" in client.get(desk).content.decode()
    client.post(reverse("counter:desk_act", args=[counters.one.pk, "open"]))
    client.post(reverse("counter:desk_act", args=[counters.one.pk, "call"]))
    page = client.get(desk).content.decode()
    assert "Đang phục vụ số" in page and "001" in page
    client.post(reverse("counter:desk_act", args=[counters.one.pk, "done"]))
    assert Ticket.objects.get().status == TicketStatus.DONE


def test_desk_refuses_other_units_and_citizens(client, tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    act = reverse("counter:desk_act", args=[counters.one.pk, "open"])
    assert client.post(act).url.startswith(reverse("backoffice:login"))
    client.force_login(people.citizen_a)
    assert client.get(reverse("counter:desk")).status_code == 403
    assert client.post(act).status_code == 403
    client.force_login(people.desk_y)
    assert client.post(act).status_code == 404
    assert (
        client.post(reverse("counter:desk_act", args=[counters.one.pk, "call"])).status_code == 404
    )
    # A colleague of the centre who is not sitting there cannot call at that counter.
    services.open_session(counters.one, people.desk_x)
    other = make_officer("Cán bộ Hai", unit=tree.commune_x, role=Role.DESK_OFFICER)
    client.force_login(other)
    client.post(reverse("counter:desk_act", args=[counters.one.pk, "call"]))
    assert Ticket.objects.get().status == TicketStatus.WAITING
    assert client.get(act).status_code == 405


def test_report_for_the_centres_managers(client, tree, fields, counters, people):
    t0 = timezone.now() - datetime.timedelta(minutes=30)
    services.take_ticket(tree.commune_x, fields.civil, at=t0)
    url = reverse("counter:report")
    for allowed in (people.manager, people.leader_x):
        client.force_login(allowed)
        page = client.get(url, {"centre": tree.commune_x.pk})
        assert page.status_code == 200 and "Hộ tịch" in page.content.decode()
    for refused in (people.desk_x, people.specialist_x):
        client.force_login(refused)
        assert client.get(url).status_code == 403
    # Commune X's leader may not pick commune Y's centre.
    client.force_login(people.leader_x)
    assert client.get(url, {"centre": tree.commune_y.pk}).status_code == 400
    client.force_login(people.citizen_a)
    assert client.get(url).status_code == 403


def test_the_board_and_the_kiosk_have_a_query_budget(
    client, tree, fields, counters, people, django_assert_max_num_queries
):
    """Every screen in the hall reloads every few seconds: a fixed number of queries, whatever
    the queue's length."""
    for _ in range(12):
        services.take_ticket(tree.commune_x, fields.civil)
        services.take_ticket(tree.commune_x, fields.certify)
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("counter:board", args=[tree.commune_x.pk])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("counter:kiosk", args=[tree.commune_x.pk])).status_code == 200
    with django_assert_max_num_queries(6):
        tablet = reverse("counter:tablet", args=[counters.one.pk, "tablet-token-counter-1"])
        assert client.get(tablet).status_code == 200

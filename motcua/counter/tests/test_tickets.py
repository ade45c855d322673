"""Taking numbers, sitting at a counter, calling, finishing; who may do it."""

import datetime

import pytest
from django.utils import timezone

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role

from .. import selectors, services
from ..constants import TicketStatus
from ..errors import NotPermitted, RuleViolation
from ..models import Ticket

pytestmark = pytest.mark.django_db


def test_numbers_are_per_centre_per_day_and_gap_free(tree, fields, counters):
    day1 = timezone.now() - datetime.timedelta(days=1)
    a = [services.take_ticket(tree.commune_x, fields.civil, at=day1).number for _ in range(3)]
    b = [services.take_ticket(tree.commune_x, fields.certify).number for _ in range(2)]
    y = services.take_ticket(tree.commune_y, fields.civil).number
    assert a == [1, 2, 3]
    assert b == [1, 2]  # a new day starts again at 1
    assert y == 1  # each centre has its own numbers


def test_a_field_no_counter_serves_is_refused(tree, fields, counters):
    with pytest.raises(RuleViolation):
        services.take_ticket(tree.commune_x, fields.land)
    assert not Ticket.objects.exists()


def test_call_next_takes_the_oldest_ticket_of_the_counters_fields(tree, fields, counters, people):
    civil = services.take_ticket(tree.commune_x, fields.civil)
    certify = services.take_ticket(tree.commune_x, fields.certify)
    services.open_session(counters.two, people.desk_x)
    # Counter 2 serves certification only: it skips the older civil-status ticket.
    assert services.call_next(counters.two, people.desk_x) == certify
    with pytest.raises(RuleViolation):
        services.call_next(counters.two, people.desk_x)  # still serving one
    services.act(counters.two, people.desk_x, "done")
    with pytest.raises(RuleViolation):
        services.call_next(counters.two, people.desk_x)  # nobody waits for certification
    civil.refresh_from_db()
    assert civil.status == TicketStatus.WAITING


def test_two_counters_never_get_the_same_ticket(tree, fields, counters, people):
    other = make_officer("Cán bộ Hai", unit=tree.commune_x, role=Role.DESK_OFFICER)
    tickets = [services.take_ticket(tree.commune_x, fields.certify) for _ in range(2)]
    services.open_session(counters.one, people.desk_x)
    services.open_session(counters.two, other)
    first = services.call_next(counters.one, people.desk_x)
    second = services.call_next(counters.two, other)
    assert [first, second] == tickets
    assert first.counter == counters.one and second.counter == counters.two


def test_recall_no_show_done(tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    services.take_ticket(tree.commune_x, fields.civil)
    services.open_session(counters.one, people.desk_x)
    t1 = services.call_next(counters.one, people.desk_x)
    t1 = services.act(counters.one, people.desk_x, "recall")
    assert t1.recalls == 1 and t1.status == TicketStatus.CALLED
    t1 = services.act(counters.one, people.desk_x, "no_show")
    assert t1.status == TicketStatus.NO_SHOW and t1.finished_at
    services.call_next(counters.one, people.desk_x)
    t2 = services.act(counters.one, people.desk_x, "done")
    assert t2.status == TicketStatus.DONE
    with pytest.raises(RuleViolation):
        services.act(counters.one, people.desk_x, "done")  # nothing being served


def test_done_may_name_only_a_dossier_the_officer_sees(tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    with pytest.raises(RuleViolation):
        services.act(counters.one, people.desk_x, "done", dossier_code="000.00.32.H99-260101-0001")
    assert selectors.serving(counters.one) is not None


def test_who_may_sit_and_call(tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    for outsider in (people.desk_y, people.specialist_x, people.manager, people.citizen_a):
        with pytest.raises(NotPermitted):
            services.open_session(counters.one, outsider)
    # Not sitting at the counter: cannot call there, even as a desk officer of the centre.
    with pytest.raises(NotPermitted):
        services.call_next(counters.one, people.desk_x)
    services.open_session(counters.one, people.desk_x)
    other = make_officer("Cán bộ Hai", unit=tree.commune_x, role=Role.DESK_OFFICER)
    with pytest.raises(RuleViolation):
        services.open_session(counters.one, other)  # somebody sits there already
    with pytest.raises(NotPermitted):
        services.call_next(counters.one, other)


def test_moving_to_another_counter_closes_the_first_session(tree, fields, counters, people):
    services.open_session(counters.one, people.desk_x)
    services.open_session(counters.two, people.desk_x)
    assert selectors.session_of(people.desk_x).counter == counters.two
    assert selectors.sitting_at([counters.one, counters.two]).keys() == {counters.two.pk}


def test_board_and_ticket_page_figures(tree, fields, counters, people):
    tickets = [services.take_ticket(tree.commune_x, fields.civil) for _ in range(3)]
    assert selectors.waiting_ahead(tickets[2]) == 2
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    board = selectors.board(tree.commune_x)
    assert [t.number for t in board.called] == [1]
    assert [t.number for t in board.waiting] == [2, 3] and board.waiting_count == 2
    assert selectors.waiting_ahead(tickets[2]) == 1
    assert dict((f.code, n) for f, n in selectors.kiosk_fields(tree.commune_x)) == {
        "HT": 2,
        "CT": 0,
    }

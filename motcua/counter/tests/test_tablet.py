"""The counter's rating tablet: bound by its device token, one rating per served ticket, and
a ticket that handed over a dossier's result rates the dossier too (channel counter tablet)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.feedback import selectors as feedback_selectors
from motcua.feedback.constants import RatingChannel
from motcua.feedback.models import Rating

from .. import selectors, services
from ..errors import RuleViolation
from ..models import TicketRating
from .conftest import TOKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(tree, fields, counters, people):
    """A civil-status ticket just served at counter 1."""
    services.take_ticket(tree.commune_x, fields.civil)
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    return services.act(counters.one, people.desk_x, "done")


def test_one_rating_per_served_ticket(counters, served):
    assert selectors.ratable_ticket(counters.one) == served
    rating = services.rate_ticket(counters.one, served.pk, "satisfied")
    assert rating.ticket == served and rating.dossier_rating is None
    with pytest.raises(RuleViolation):
        services.rate_ticket(counters.one, served.pk, "not_satisfied")
    assert selectors.ratable_ticket(counters.one) is None
    services.add_reason(counters.one, served.pk, "quick")
    with pytest.raises(RuleViolation):
        services.add_reason(counters.one, served.pk, "attitude")  # once only
    rating.refresh_from_db()
    assert (rating.level, rating.reason) == ("satisfied", "quick")


def test_only_the_counters_last_ticket_within_the_window(counters, served):
    with pytest.raises(RuleViolation):
        services.rate_ticket(counters.two, served.pk, "satisfied")  # another counter's tablet
    later = timezone.now() + datetime.timedelta(minutes=11)
    with pytest.raises(RuleViolation):
        services.rate_ticket(counters.one, served.pk, "satisfied", at=later)
    assert not TicketRating.objects.exists()


def test_a_no_show_is_not_rated(tree, fields, counters, people):
    services.take_ticket(tree.commune_x, fields.civil)
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    services.act(counters.one, people.desk_x, "no_show")
    assert selectors.ratable_ticket(counters.one) is None


def test_a_returned_result_counts_in_the_dossier_satisfaction(
    tree, fields, counters, people, result_dossier
):
    services.take_ticket(tree.commune_x, fields.civil)
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    ticket = services.act(counters.one, people.desk_x, "done", dossier_code=result_dossier.code)
    rating = services.rate_ticket(counters.one, ticket.pk, "not_satisfied")
    dossier_rating = Rating.objects.get(dossier=result_dossier)
    assert rating.dossier_rating == dossier_rating
    assert dossier_rating.channel == RatingChannel.COUNTER_TABLET
    assert dossier_rating.satisfied is False and dossier_rating.rated_by == people.desk_x
    # What the 766 indicator 5.4 and index 7 read.
    state = feedback_selectors.dossier_satisfaction([result_dossier.pk])[result_dossier.pk]
    assert state.rated and state.satisfied is False


def test_an_open_dossier_keeps_its_own_rating_for_later(
    tree, fields, counters, people, open_dossier
):
    services.take_ticket(tree.commune_x, fields.civil)
    services.open_session(counters.one, people.desk_x)
    services.call_next(counters.one, people.desk_x)
    ticket = services.act(counters.one, people.desk_x, "done", dossier_code=open_dossier.code)
    rating = services.rate_ticket(counters.one, ticket.pk, "satisfied")
    assert rating.dossier_rating is None and not Rating.objects.exists()


def test_tablet_pages_three_taps(client, counters, served):
    url = reverse("counter:tablet", args=[counters.one.pk, TOKEN])
    page = client.get(url)
    assert page.status_code == 200 and served.display_number in page.content.decode()
    reason_page = client.post(url, {"ticket": served.pk, "level": "very_satisfied"})
    assert "Nhanh chóng" in reason_page.content.decode()
    client.post(url, {"ticket": served.pk, "reason": "helpful"})
    rating = TicketRating.objects.get()
    assert (rating.level, rating.reason) == ("very_satisfied", "helpful")
    again = client.post(url, {"ticket": served.pk, "level": "not_satisfied"})
    assert "đã được đánh giá" in again.content.decode()
    assert TicketRating.objects.get().level == "very_satisfied"


def test_tablet_needs_the_counters_token(client, counters, served):
    for counter, token in ((counters.one, "wrong"), (counters.two, TOKEN), (counters.y, TOKEN)):
        url = reverse("counter:tablet", args=[counter.pk, token])
        assert client.get(url).status_code == 404
        assert client.post(url, {"ticket": served.pk, "level": "satisfied"}).status_code == 404
    assert not TicketRating.objects.exists()


def test_a_new_token_retires_the_old_one(client, counters, people):
    services.issue_device_token(counters.one, actor=people.manager)
    url = reverse("counter:tablet", args=[counters.one.pk, TOKEN])
    assert client.get(url).status_code == 404

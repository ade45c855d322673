"""The officer's start page (Bàn làm việc): what waits for them and for their unit, due today,
about to be late and late — each figure the length of the queue it links to, in a number of
queries that does not grow with the dossiers."""

import re

import pytest
from django.urls import reverse

from motcua.dossiers import services

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

HOME = reverse("backoffice:home")
QUEUE = reverse("backoffice:queue")
# Wednesday 04/03/2026 10:00; 3 working days a dossier.
NOW = vn(2026, 3, 4, 10, 0)


@pytest.fixture
def work(walk_in, people):
    """Commune X: one about to be late (due Thu 09:00) with the specialist, one late (due Tue
    03/03) and one due next Monday, both still at the desk."""
    soon = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)), actor=people.desk_x, assignee=people.specialist_x
    )
    return [soon, walk_in(at=vn(2026, 2, 26, 9, 0)), walk_in(at=vn(2026, 3, 4, 9, 0))]


def _figures(page: str) -> dict[str, int]:
    """Each figure's link (its query) and the number shown."""
    found = re.findall(r'<a href="/backoffice/queue/\?([^"]+)"><span class="tally-n">(\d+)', page)
    return {query.replace("&amp;", "&"): int(n) for query, n in found}


@freeze_time(NOW)
@pytest.mark.parametrize("who", ["desk_x", "specialist_x", "leader_x", "desk_y", "manager"])
def test_each_figure_is_the_length_of_the_queue_it_links_to(as_user, people, work, who):
    client = as_user(getattr(people, who))
    figures = _figures(client.get(HOME).content.decode())
    assert len(figures) == 8  # mine and the unit's: waiting, today, soon, late
    for query, n in figures.items():
        rows = client.get(f"{QUEUE}?{query}").context["rows"]
        assert len(rows) == n, (who, query)


@freeze_time(NOW)
def test_the_desk_officer_sees_what_waits(as_user, people, work):
    figures = _figures(as_user(people.desk_x).get(HOME).content.decode())
    # The two dossiers still at the desk wait to be handed over; the unit has all three.
    assert figures["scope=mine"] == 2
    assert figures["scope=unit"] == 3
    assert figures["scope=unit&due=soon"] == 1
    assert figures["scope=unit&due=overdue"] == 1
    assert figures["scope=mine&due=overdue"] == 1
    assert figures["scope=mine&due=today"] == 0
    # Another commune's officer counts none of them.
    other = _figures(as_user(people.desk_y).get(HOME).content.decode())
    assert set(other.values()) == {0}


@freeze_time(NOW)
def test_the_start_page_costs_the_same_with_more_dossiers(
    as_user, people, work, walk_in, django_assert_max_num_queries
):
    client = as_user(people.desk_x)
    client.get(HOME)
    with django_assert_max_num_queries(16) as few:
        client.get(HOME)
    for hour in (9, 10, 11):
        walk_in(at=vn(2026, 3, 3, hour, 0))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(HOME)
    assert not any("COUNT(" in q["sql"].upper() for q in few.captured_queries)

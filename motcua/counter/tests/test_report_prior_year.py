"""The counter's waiting times beside the same period a year earlier: the prior figures are the
report computed directly for the shifted period, the differences current − prior, the switch off
changes nothing, and access is unchanged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.reports.common import compare

from .. import report, services

pytestmark = pytest.mark.django_db

THEN = datetime.datetime(2025, 3, 4, 9, 0, tzinfo=timezone.get_default_timezone())
NOW = datetime.datetime(2026, 3, 3, 9, 0, tzinfo=timezone.get_default_timezone())


def _serve(tree, field, counter, officer, at, waits):
    """Tickets of ``field`` taken at ``at``, each called after its wait (minutes) and served in
    five minutes."""
    minute = datetime.timedelta(minutes=1)
    services.open_session(counter, officer, at=at)
    clock = at
    for wait in waits:
        services.take_ticket(tree.commune_x, field, at=at)
        clock = max(clock, at + wait * minute)
        services.call_next(counter, officer, at=clock)
        clock += 5 * minute
        services.act(counter, officer, "done", at=clock)


@pytest.fixture
def two_years(tree, fields, counters, people):
    _serve(tree, fields.civil, counters.one, people.desk_x, THEN, [10, 20])
    _serve(
        tree, fields.certify, counters.one, people.desk_x, THEN + datetime.timedelta(hours=1), [4]
    )
    _serve(tree, fields.civil, counters.one, people.desk_x, NOW, [6, 6, 6])
    return tree.commune_x


def _get(client, centre, **extra):
    query = {"centre": centre.pk, "start": "2026-03-01", "end": "2026-03-31", **extra}
    return client.get(reverse("counter:report"), query)


def test_the_fields_beside_the_prior_year(client, two_years, people):
    client.force_login(people.manager)
    response = _get(client, two_years, compare=compare.PRIOR_YEAR)
    assert response.status_code == 200
    prior = report.waiting_times(two_years, datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert response.context["prior"].total.taken == prior.total.taken == 3
    rows = {row.field_name: c for row, c in response.context["field_rows"]}
    civil_then = next(r for r in prior.fields if r.field_name == "Hộ tịch")
    assert rows["Hộ tịch"]["taken"] == compare.Compared(civil_then.taken, 3 - civil_then.taken)
    assert rows["Hộ tịch"]["mean_wait"].prior == civil_then.mean_wait
    assert rows["Hộ tịch"]["mean_wait"].difference is not None
    # A field served only a year earlier is listed with nothing now.
    assert rows["Chứng thực"]["taken"] == compare.Compared(1, -1)
    assert response.context["total_compared"]["taken"] == compare.Compared(3, 0)
    assert 'class="compared"' in response.content.decode()


def test_without_the_switch_nothing_changes(client, two_years, people):
    client.force_login(people.manager)
    plain = _get(client, two_years)
    off = _get(client, two_years, compare="")
    # The tables are the same bytes (the page's tokens differ from one response to the next).
    assert _tables(plain.content) == _tables(off.content)
    page = plain.content.decode()
    assert 'class="compared"' not in page and 'name="compare"' in page
    assert "Chứng thực" not in page.split("Theo ngày và lĩnh vực")[0]


def test_access_is_unchanged_with_the_switch(client, two_years, people, tree):
    for refused in (people.desk_x, people.citizen_a):
        client.force_login(refused)
        assert _get(client, two_years, compare=compare.PRIOR_YEAR).status_code == 403
    client.force_login(people.leader_x)
    assert _get(client, tree.commune_y, compare=compare.PRIOR_YEAR).status_code == 400


def _tables(content: bytes) -> bytes:
    """The page's tables (its forms carry a fresh token in every response)."""
    return content[content.index(b"<table") : content.rindex(b"</table>")]

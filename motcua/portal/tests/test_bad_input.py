"""Bad input never gives a 500 (issue #17 item 9): a NUL byte anywhere in the address, a date
at the edge of the calendar in a filter, an edited queue cursor — each answered with a clear
Vietnamese message. Run on SQLite and on PostgreSQL (which refuses NUL in text)."""

import pytest
from django.urls import reverse

from motcua.dossiers.tests.conftest import (  # noqa: F401 - fixtures
    applicant,
    form_component,
    version,
    vn,
    walk_in,
)

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "Đường dẫn chứa ký tự không hợp lệ"
RANGE_MESSAGE = "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2099."

ANONYMOUS_NUL = [
    "/feedback/submit/?procedure=%00",
    "/feedback/submit/?dossier=a%00b",
    "/feedback/submit/?q=a%00b",
    "/feedback/track/?code=%00&token=%00",
    "/track/?code=a%00b&last4=%00123",
    "/procedures/?q=a%00b",
    "/procedures/a%00b/",
    "/?q%00=1",
]
DESK_NUL = [
    "/backoffice/intake/?q=a%00b",
    "/backoffice/intake/1/?lookup=%00",
    "/backoffice/queue/?q=a%00b",
    "/backoffice/dossiers/a%00b/",
    "/feedback/office/?status=%00",
    "/notices/a%00b/receipt/",
    "/notices/register/?unit=%00",
]


@pytest.fixture
def dossier(walk_in):  # noqa: F811 - the imported fixture
    return walk_in(at=vn(2026, 3, 2, 9, 0))


@pytest.mark.parametrize("address", ANONYMOUS_NUL)
def test_a_nul_byte_is_a_clear_400_for_anyone(address, client):
    response = client.get(address)
    assert response.status_code == 400, address
    assert NUL_MESSAGE in response.content.decode()


@pytest.mark.parametrize("address", DESK_NUL + ANONYMOUS_NUL)
def test_a_nul_byte_is_a_clear_400_for_the_desk(address, dossier, people, as_user):
    response = as_user(people.desk_x).get(address)
    assert response.status_code == 400, address
    assert NUL_MESSAGE in response.content.decode()


EDGE_DAYS = [
    ("9999-12-31", "9999-12-31"),
    ("0001-01-01", "0001-01-01"),
    ("0001-01-01", "9999-12-31"),
]
REPORTS = ["reports:index", "reports:periodic", "reports:evaluation"]


@pytest.mark.parametrize("start,end", EDGE_DAYS)
@pytest.mark.parametrize("name", REPORTS)
def test_report_dates_at_the_edge_are_a_form_error(name, start, end, dossier, people, as_user):
    response = as_user(people.manager).get(reverse(name), {"start": start, "end": end})
    assert response.status_code == 400, (name, start, end)
    assert RANGE_MESSAGE in response.content.decode()


@pytest.mark.parametrize("start,end", EDGE_DAYS)
def test_register_dates_at_the_edge_are_a_form_error(start, end, dossier, people, tree, as_user):
    client = as_user(people.desk_x)
    params = {"unit": tree.commune_x.pk, "start": start, "end": end}
    for response in (
        client.get(reverse("notices:register"), params),
        client.post(reverse("notices:register"), params),
    ):
        assert response.status_code == 400, (start, end)
        assert RANGE_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "2026-02-30T00:00:00|1",
        "9999-12-31T23:59:59+14:00|1",
        "0001-01-01T00:00:00-14:00|1",
        "-|99999999999999999999999",
        "2026-03-02T09:00:00|99999999999999999999999",
    ],
)
def test_an_edited_queue_cursor_starts_from_the_top(cursor, dossier, people, as_user):
    response = as_user(people.desk_x).get(reverse("backoffice:queue"), {"after": cursor})
    assert response.status_code == 200, cursor
    assert dossier.code in response.content.decode()

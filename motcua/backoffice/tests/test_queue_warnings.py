"""Early-warning badges on the work queues: "Sắp quá hạn" with the working time left on dossiers
due within the horizon, "Quá hạn" on late ones, nothing on distant ones, and the count at the top,
all without a query per row."""

import pytest
from django.urls import reverse

from motcua.backoffice import selectors
from motcua.dossiers import services

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")
# Wednesday 16:30; sessions 07:30–11:30 and 13:00–17:00.
NOW = vn(2026, 3, 4, 16, 30)


@pytest.fixture
def dossiers(walk_in):
    """Received with 3 working days each: ``soon`` due Thu 05/03 09:00 (2 working hours after
    NOW), ``later`` due Mon 09/03 16:00 (3 days), ``late`` due Tue 03/03 09:00 (overdue)."""
    return {
        "soon": walk_in(at=vn(2026, 3, 2, 9, 0)),
        "later": walk_in(at=vn(2026, 3, 4, 16, 0)),
        "late": walk_in(at=vn(2026, 2, 26, 9, 0)),
    }


def _badges(response) -> dict[str, selectors.DueBadge]:
    return {row["dossier"].code: row["badge"] for row in response.context["rows"]}


def _row_html(page: str, code: str) -> str:
    start = page.index(f">{code}</a>")
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


@freeze_time(NOW)
def test_a_dossier_due_in_two_working_hours_is_flagged_with_the_time_left(
    as_user, people, dossiers
):
    response = as_user(people.desk_x).get(QUEUE)
    assert response.status_code == 200
    badges = _badges(response)
    soon, later, late = dossiers["soon"], dossiers["later"], dossiers["late"]
    assert badges[soon.code].css == "due-soon"
    assert badges[soon.code].text == "Sắp quá hạn – còn 2 giờ làm việc"
    assert badges[later.code].css == "due-ok"
    assert badges[late.code].css == "due-overdue"
    page = response.content.decode()
    # Text as well as colour: the words are in the row, the class only styles them.
    assert "Sắp quá hạn – còn 2 giờ làm việc" in _row_html(page, soon.code)
    assert 'class="due due-soon"' in _row_html(page, soon.code)
    assert "Sắp quá hạn" not in _row_html(page, later.code)
    late_row = _row_html(page, late.code)
    assert "Quá hạn" in late_row and "Sắp quá hạn" not in late_row
    # The count at the top links to the filtered queue.
    assert response.context["soon_count"] == 1
    assert "1 hồ sơ sẽ quá hạn trong 8 giờ làm việc tới" in page
    assert 'href="?due=soon"' in page


@freeze_time(NOW)
def test_the_about_to_be_late_filter_lists_only_those(as_user, people, dossiers):
    response = as_user(people.desk_x).get(QUEUE, {"due": "soon"})
    assert [r["dossier"].code for r in response.context["rows"]] == [dossiers["soon"].code]
    # Commune Y's officer sees none of commune X's dossiers, nor their warning.
    other = as_user(people.desk_y).get(QUEUE)
    assert other.context["soon_count"] == 0
    assert "Không có hồ sơ nào sẽ quá hạn trong 8 giờ làm việc tới." in other.content.decode()


@freeze_time(vn(2026, 3, 5, 7, 0))
def test_before_the_day_starts_only_working_time_counts(as_user, people, dossiers):
    # Thu 07:00: the office opens at 07:30, so 09:00 is 1 h 30 min of work away.
    badges = _badges(as_user(people.desk_x).get(QUEUE))
    assert badges[dossiers["soon"].code].text == "Sắp quá hạn – còn 1 giờ 30 phút làm việc"


@freeze_time(NOW)
def test_a_paused_dossier_is_not_warned_about(as_user, people, dossiers):
    dossier = services.assign(dossiers["soon"], actor=people.desk_x)
    services.request_supplement(
        dossier, actor=people.specialist_x, items=[{"name": "Giấy tờ", "reason": "Thiếu"}]
    )
    response = as_user(people.desk_x).get(QUEUE)
    assert _badges(response)[dossiers["soon"].code].css == "due-paused"
    assert response.context["soon_count"] == 0


@freeze_time(NOW)
def test_the_warning_costs_no_query_per_row(
    as_user, people, dossiers, walk_in, django_assert_max_num_queries
):
    client = as_user(people.desk_x)
    client.get(QUEUE)
    with django_assert_max_num_queries(12) as few:
        client.get(QUEUE)
    for minute in (5, 10, 15, 20, 25):  # five more due Thu 09:0x: all about to be late
        walk_in(at=vn(2026, 3, 2, 9, minute))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(QUEUE)
    assert response.context["soon_count"] == 6
    assert sum(r["badge"].css == "due-soon" for r in response.context["rows"]) == 6


def test_the_count_is_capped(monkeypatch, as_user, people, dossiers, walk_in):
    walk_in(at=vn(2026, 2, 26, 10, 0))  # due Tue 03/03 10:00
    monkeypatch.setattr(selectors, "WARNING_COUNT_CAP", 1)
    # Mon 02/03 16:00: both dossiers due on Tuesday morning are within 8 working hours.
    with freeze_time(vn(2026, 3, 2, 16, 0)):
        response = as_user(people.desk_x).get(QUEUE)
    assert (response.context["soon_count"], response.context["soon_more"]) == (1, True)
    assert "Hơn 1 hồ sơ sẽ quá hạn trong 8 giờ làm việc tới" in response.content.decode()

"""Work queues: who sees what, filters, search, badges, keyset pages, bulk assignment and the
number of queries."""

from html import escape

import pytest
from django.urls import reverse

from motcua.backoffice import selectors
from motcua.catalog.search import normalise as fold
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.holding import holding
from motcua.dossiers.services import Applicant

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")


@pytest.fixture
def three(walk_in, tree, people):
    """Three dossiers at commune X received on three days, and one at commune Y."""
    first = walk_in(at=vn(2026, 3, 2, 9, 0))
    second = walk_in(
        at=vn(2026, 3, 3, 9, 0),
        applicant=Applicant(name="Trần Thị Hoa", id_number="068192000123", phone="0987000111"),
    )
    third = walk_in(at=vn(2026, 3, 4, 9, 0))
    other = walk_in(
        at=vn(2026, 3, 2, 9, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    return [first, second, third, other]


def _codes(response) -> list[str]:
    return [row["dossier"].code for row in response.context["rows"]]


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_unit_queue_lists_only_visible_dossiers_most_urgent_first(as_user, people, three):
    response = as_user(people.desk_x).get(QUEUE)
    assert response.status_code == 200
    assert _codes(response) == [d.code for d in three[:3]]
    assert three[3].code not in response.content.decode()
    assert _codes(as_user(people.desk_y).get(QUEUE)) == [three[3].code]


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_search_by_code_name_id_and_phone(as_user, people, three):
    client = as_user(people.desk_x)
    second = three[1]
    for text in (second.code, "hoa", "068192000123", "0987000111"):
        assert _codes(client.get(QUEUE, {"q": text})) == [second.code], text
    # The name with or without diacritics, any case, words in any order, at word starts.
    name = second.applicant_name
    for text in (name, name.upper(), fold(name), " ".join(reversed(fold(name).split()))):
        assert _codes(client.get(QUEUE, {"q": text})) == [second.code], text
    assert _codes(client.get(QUEUE, {"q": fold(name)[1:]})) == []  # not inside a word
    # Another commune's dossier is not found by its code.
    assert _codes(client.get(QUEUE, {"q": three[3].code})) == []


def test_a_search_with_no_word_to_look_for_finds_nothing_without_an_error(as_user, people, three):
    # Punctuation alone leaves no word: the queue is empty (and so is its "due soon" count)
    # instead of a 500 from compiling a query that cannot match (found by the fuzz test).
    client = as_user(people.desk_x)
    for text in ("!!", "-", "%_"):
        for due in ("", "soon"):
            response = client.get(QUEUE, {"q": text, "due": due})
            assert response.status_code == 200, (text, due)
            assert _codes(response) == [], (text, due)


@freeze_time(vn(2026, 3, 5, 10, 0))
def test_due_filters_and_badges_carry_text(as_user, people, three):
    # Received on 2 March with 3 working days: due 5 March 09:00, overdue at 10:00.
    client = as_user(people.desk_x)
    overdue = client.get(QUEUE, {"due": "overdue"})
    assert _codes(overdue) == [three[0].code]
    assert "Quá hạn" in overdue.content.decode()
    today = client.get(QUEUE, {"due": "today"})
    assert _codes(today) == []
    with freeze_time(vn(2026, 3, 5, 8, 0)):
        today = client.get(QUEUE, {"due": "today"})
        assert _codes(today) == [three[0].code]
        assert "Đến hạn hôm nay" in today.content.decode()


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_paused_filter(as_user, people, three):
    dossier = services.assign(three[0], actor=people.desk_x)
    services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "Bản sao sổ hộ khẩu", "reason": "Thiếu"}],
    )
    response = as_user(people.specialist_x).get(QUEUE, {"due": "paused"})
    assert _codes(response) == [dossier.code]
    assert "Tạm dừng" in response.content.decode()


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_status_procedure_and_mine_filters(as_user, people, three):
    services.assign(three[1], actor=people.desk_x, assignee=people.specialist_x)
    client = as_user(people.specialist_x)
    assert _codes(client.get(QUEUE, {"scope": "mine"})) == [three[1].code]
    assert _codes(client.get(QUEUE, {"status": Status.IN_PROGRESS})) == [three[1].code]
    assert len(_codes(client.get(QUEUE, {"procedure": "9.000001"}))) == 3
    assert _codes(client.get(QUEUE, {"procedure": "1.000000"})) == []


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_keyset_pages_follow_each_other(as_user, people, three, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    client = as_user(people.desk_x)
    first = client.get(QUEUE)
    assert _codes(first) == [d.code for d in three[:2]]
    assert first.context["next_url"]
    second = client.get(QUEUE + first.context["next_url"])
    assert _codes(second) == [three[2].code]
    assert second.context["next_url"] == ""


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_queue_query_count_does_not_grow_with_rows(
    as_user, people, three, walk_in, django_assert_max_num_queries
):
    client = as_user(people.desk_x)
    client.get(QUEUE)
    # The session, then test_query_budgets.QUEUE_BUDGET.
    with django_assert_max_num_queries(8) as few:
        client.get(QUEUE)
    for hour in range(10, 16):
        walk_in(at=vn(2026, 3, 4, hour, 0))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(_codes(client.get(QUEUE))) == 9
    # Never COUNT(*) over the table: the only count is of at most WARNING_COUNT_CAP + 1 ids.
    counts = [q["sql"].upper() for q in few.captured_queries if "COUNT(" in q["sql"].upper()]
    assert all(f"LIMIT {selectors.WARNING_COUNT_CAP + 1}" in sql for sql in counts)


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_bulk_assignment_reports_each_refusal(as_user, people, three):
    client = as_user(people.desk_x)
    stale = f"{three[1].code}@{three[1].version + 5}"
    response = client.post(
        reverse("backoffice:bulk_assign"),
        {
            "assignee": people.specialist_x.pk,
            "dossiers": [f"{three[0].code}@{three[0].version}", stale, f"{three[3].code}@1"],
            "request_key": "bulk-1",
        },
        follow=True,
    )
    text = response.content.decode()
    three[0].refresh_from_db()
    three[1].refresh_from_db()
    assert three[0].status == Status.IN_PROGRESS and three[0].assignee == people.specialist_x
    assert three[1].status == Status.RECEIVED
    assert f"{three[1].code}: Hồ sơ đã được thay đổi" in text
    assert f"{three[3].code}: không tìm thấy hồ sơ" in text
    assert "Đã giao 1 hồ sơ" in text


def test_queue_refuses_citizens_and_sends_anonymous_to_login(client, as_user, people):
    assert client.get(QUEUE).status_code == 302
    assert as_user(people.citizen_a).get(QUEUE).status_code == 403


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_bulk_assignment_is_offered_only_to_those_who_assign(as_user, people, three):
    assert 'name="dossiers"' in as_user(people.desk_x).get(QUEUE).content.decode()
    assert 'name="dossiers"' not in as_user(people.specialist_x).get(QUEUE).content.decode()


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_queue_rows_show_what_people_typed_escaped_with_their_column_names(
    as_user, people, walk_in
):
    long_name = "Cấp giấy phép " + "xây dựng nhà ở riêng lẻ " * 6
    dossier = walk_in(
        at=vn(2026, 3, 3, 9, 0),
        applicant=Applicant(
            name='Lê <b>"Hoa"</b> & Cộng sự', id_number="068192000124", phone="0987000112"
        ),
    )
    dossier.procedure_version.name = long_name
    dossier.procedure_version.save(update_fields=["name"])
    page = as_user(people.desk_x).get(QUEUE).content.decode()
    row = page[page.index(f'id="pick-{dossier.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Lê &lt;b&gt;&quot;Hoa&quot;&lt;/b&gt; &amp; Cộng sự" in row
    assert "<b>" not in row
    assert 'data-label="Chủ hồ sơ"' in row and 'data-label="Đang ở"' in row
    # The procedure's name is cut at 80 characters with an ellipsis; the status is in words.
    assert long_name[:60] in row and long_name not in row and "…" in row
    assert str(Status(dossier.status).label) in row
    # The due time in the local zone, as "H:i d/m/Y".
    due = dossier.due_at.astimezone(vn(2026, 1, 1).tzinfo)
    assert f"{due:%H:%M %d/%m/%Y}" in row


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_queue_rows_say_who_holds_each_dossier_as_the_dossier_does(
    as_user, people, in_progress, walk_in
):
    """The rows are read as plain values; "Đang ở" still says what ``holding`` says of the
    dossier itself: the specialist on the open step by name, the desk a received one waits for."""
    waiting = walk_in(at=vn(2026, 3, 2, 13, 0))
    response = as_user(people.desk_x).get(QUEUE)
    cells = {row["code"]: row["holding"] for row in response.context["rows"]}
    for dossier in (in_progress, waiting):
        dossier.refresh_from_db()
        assert cells[dossier.code] == str(holding(dossier))
    assert people.specialist_x.get_full_name() in cells[in_progress.code]
    assert "chờ" in cells[waiting.code]
    assert escape(cells[in_progress.code]) in response.content.decode()

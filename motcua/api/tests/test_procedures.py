"""The public catalogue over the API: shapes and values, the version in force at a date,
search with spelling variants, filters, cursors and the query budget."""

import time_machine

PROCEDURES = "/api/v1/procedures/"


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


def test_list_shows_the_versions_in_force_by_name(client, catalogue):
    response = client.get(PROCEDURES, {"on": "2026-03-02"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["previous"] is None and body["next"] is None
    assert codes(response) == ["2.000200", "1.000100"]  # by name; 3.000300 starts in 2030
    birth = body["results"][1]
    assert birth == {
        "code": "1.000100",
        "name": "Đăng ký khai sinh",
        "version": 2,
        "field": {"code": "HT", "name": "Hộ tịch"},
        "level": "commune",
        "online_level": "full",
        "full_online_eligible": True,
        "valid_from": "2026-01-01",
        "valid_to": None,
        "url": "http://testserver/api/v1/procedures/1.000100/",
    }


def test_list_on_a_day_shows_the_version_of_that_day(client, catalogue):
    old = client.get(PROCEDURES, {"on": "2025-12-31"}).json()["results"]
    assert [(r["code"], r["version"], r["valid_to"]) for r in old] == [
        ("2.000200", 1, None),
        ("1.000100", 1, "2025-12-31"),
    ]
    future = client.get(PROCEDURES, {"on": "2030-01-01"})
    assert "3.000300" in codes(future)


@time_machine.travel("2026-03-02 09:00 +0700", tick=False)
def test_list_defaults_to_today(client, catalogue):
    assert codes(client.get(PROCEDURES)) == ["2.000200", "1.000100"]


def test_search_finds_spelling_variants_and_codes(client, catalogue):
    for query in ("dang ki khai sinh", "ĐĂNG KÍ", "1.000100"):
        response = client.get(PROCEDURES, {"q": query, "on": "2026-03-02"})
        assert codes(response) == ["1.000100"], query
    # Every test version's result is a "Giấy khai sinh": the name match comes first.
    assert codes(client.get(PROCEDURES, {"q": "khai sinh", "on": "2026-03-02"})) == [
        "1.000100",
        "2.000200",
    ]
    assert codes(client.get(PROCEDURES, {"q": "hộ chiếu", "on": "2026-03-02"})) == []


def test_filters_by_field_level_and_online_level(client, catalogue):
    on = "2030-06-01"
    assert codes(client.get(PROCEDURES, {"field": "CT", "on": on})) == ["2.000200"]
    assert codes(client.get(PROCEDURES, {"level": "province", "on": on})) == ["3.000300"]
    assert codes(client.get(PROCEDURES, {"online_level": "partial", "on": on})) == ["2.000200"]
    assert (
        codes(client.get(PROCEDURES, {"online_level": "none", "level": "commune", "on": on})) == []
    )


def test_detail_is_the_version_in_force_with_channels_fees_components_and_form(client, catalogue):
    response = client.get(PROCEDURES + "1.000100/", {"on": "2026-03-02"})
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["version"], body["on"]) == ("1.000100", 2, "2026-03-02")
    assert [c["channel"] for c in body["channels"]] == ["direct", "online"]
    online = body["channels"][1]
    assert online["processing_time"] == {"amount": 1.0, "unit": "working_days"}
    waived, extract = online["fee_lines"]
    assert (waived["amount"], waived["waived"], waived["rate_text"]) == (0, True, "miễn")
    assert extract["basis"] == "per_copy"
    assert extract["quantity_field"] == "so_ban"
    assert (extract["unit"], extract["rate_text"], extract["stage"]) == (
        "bản",
        "8.000 đồng/bản",
        "at_return",
    )
    assert [(c["name"], c["requirement"]) for c in body["components"]] == [
        ("Tờ khai theo mẫu", "mandatory"),
        ("Văn bản ủy quyền", "conditional"),
    ]
    assert body["components"][1]["condition"] == "Khi ủy quyền"
    assert [f["name"] for f in body["form_fields"]] == ["ho_ten_tre", "ngay_sinh", "so_ban"]
    assert body["form_fields"][1]["not_after"] == ["today"]
    assert body["form_fields"][2]["min"] == 1
    assert body["agencies"] == [
        {
            "order": 1,
            "role": "executing",
            "level": "commune",
            "name": "Ủy ban nhân dân cấp xã",
            "agency": None,
        }
    ]
    assert body["legal_basis"][0]["number"] == "60/2014/QH13"


def test_detail_before_the_replacement_is_the_expired_version(client, catalogue):
    body = client.get(PROCEDURES + "1.000100/", {"on": "2025-12-31"}).json()
    assert (body["version"], body["valid_to"]) == (1, "2025-12-31")
    [line] = body["channels"][0]["fee_lines"]
    assert (line["amount"], line["waived"], line["rate_text"]) == (8000, False, "8.000 đồng")
    assert body["form_fields"] == []


def test_per_page_fee_carries_its_tier_and_cap(client, catalogue):
    body = client.get(PROCEDURES + "2.000200/", {"on": "2026-03-02"}).json()
    line = body["channels"][0]["fee_lines"][0]
    assert (line["basis"], line["amount"], line["tier_from"], line["tier_amount"]) == (
        "per_page",
        2000,
        3,
        1000,
    )
    assert line["maximum"] == 200000
    assert line["rate_text"].startswith("2.000 đồng/trang")


def test_a_version_not_yet_in_force_is_a_404_problem(client, catalogue):
    response = client.get(PROCEDURES + "3.000300/", {"on": "2029-12-31"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:motcua:problem:not-found",
        "title": "Không tìm thấy",
        "status": 404,
        "detail": "Không có phiên bản nào của thủ tục 3.000300 có hiệu lực ngày 2029-12-31.",
    }
    assert client.get(PROCEDURES + "3.000300/", {"on": "2030-01-01"}).json()["version"] == 1
    assert client.get(PROCEDURES + "1.000100/", {"on": "2025-06-30"}).status_code == 404


def test_cursor_pages_walk_the_list_once(client, catalogue):
    first = client.get(PROCEDURES, {"on": "2030-06-01", "limit": 2}).json()
    assert len(first["results"]) == 2 and first["previous"] is None
    second = client.get(first["next"]).json()
    seen = [r["code"] for r in first["results"] + second["results"]]
    assert sorted(seen) == ["1.000100", "2.000200", "3.000300"]
    assert second["next"] is None
    back = client.get(second["previous"]).json()
    assert back["results"] == first["results"]


def test_cursor_pages_follow_the_search_ranking(client, catalogue):
    """Ranked results (name matches first) page by their rank, without repeats."""
    query = {"q": "giấy", "on": "2030-06-01", "limit": 1}
    pages = [client.get(PROCEDURES, query).json()]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())
    seen = [row["code"] for page in pages for row in page["results"]]
    assert seen[0] == "3.000300"  # "Cấp giấy phép xây dựng"; the others by their result
    assert sorted(seen) == ["1.000100", "2.000200", "3.000300"]


def test_list_query_budget_does_not_grow_with_rows(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = client.get(PROCEDURES, {"on": "2030-06-01"})
    assert len(response.json()["results"]) == 3
    with django_assert_max_num_queries(1):
        client.get(PROCEDURES, {"q": "khai sinh", "on": "2030-06-01"})


def test_detail_query_budget(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(PROCEDURES + "1.000100/", {"on": "2026-03-02"}).status_code == 200


def test_a_query_without_words_lists_everything_by_name(client, catalogue):
    """ "%" or "_" fold to no word: the catalogue search does not rank, and paging follows."""
    for query in ("%", "_", "  "):
        response = client.get(PROCEDURES, {"q": query, "on": "2026-03-02", "limit": 1})
        assert response.status_code == 200, query
        assert codes(response) == ["2.000200"]

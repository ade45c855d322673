"""The agency tree over the API: parent, level, code, dissolved marking, children."""

import datetime

from motcua.agencies import services
from motcua.agencies.tests.factories import make_agency

AGENCIES = "/api/v1/agencies/"


def test_list_is_the_tree_in_order_with_parents(client, tree):
    response = client.get(AGENCIES)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["code"] for r in rows] == [
        "000.00.00.H99",
        "000.00.01.H99",
        "000.00.31.H99",
        "000.00.32.H99",
    ]
    province, department = rows[0], rows[1]
    assert province["parent"] is None and province["level"] == "province"
    assert department["parent"] == {"code": "000.00.00.H99", "name": "Tỉnh Thử Nghiệm"}
    assert department["dissolved"] is False and department["successor"] is None
    assert rows[2]["runs_one_stop_desk"] is True
    assert rows[2]["url"] == "http://testserver/api/v1/agencies/000.00.31.H99/"


def test_list_filters_by_level_and_parent(client, tree):
    communes = client.get(AGENCIES, {"level": "commune"}).json()["results"]
    assert [r["code"] for r in communes] == ["000.00.31.H99", "000.00.32.H99"]
    under = client.get(AGENCIES, {"parent": "000.00.00.h99"}).json()["results"]
    assert len(under) == 3


def test_a_merged_unit_is_marked_with_its_successor(client, tree):
    services.merge_agencies(
        [tree.commune_y], into=tree.commune_x, effective_date=datetime.date(2025, 10, 1)
    )
    row = client.get(AGENCIES + "000.00.32.H99/").json()
    assert row["dissolved"] is True
    assert row["valid_to"] == "2025-09-30"
    assert row["successor"] == {"code": "000.00.31.H99", "name": "Xã Thử X"}


def test_detail_has_the_children_dissolved_ones_marked(client, tree):
    unit = make_agency("Phòng Hộ tịch", level="unit", parent=tree.department)
    services.dissolve_agency(unit, effective_date=datetime.date(2025, 12, 1))
    make_agency("Phòng Chứng thực", level="unit", parent=tree.department)
    body = client.get(AGENCIES + "000.00.01.H99/").json()
    assert body["name"] == "Sở Tư pháp"
    assert body["parent"]["code"] == "000.00.00.H99"
    assert [(c["name"], c["dissolved"]) for c in body["children"]] == [
        ("Phòng Hộ tịch", True),
        ("Phòng Chứng thực", False),
    ]
    assert "parent" not in body["children"][0]


def test_a_unit_without_identity_code_is_listed_without_address(client, tree):
    make_agency("Phòng Tư pháp", level="unit", parent=tree.commune_x, code="")
    rows = client.get(AGENCIES).json()["results"]
    unit = next(r for r in rows if r["name"] == "Phòng Tư pháp")
    assert (unit["code"], unit["url"]) == ("", None)
    assert unit["parent"]["code"] == "000.00.31.H99"
    children = client.get(AGENCIES + "000.00.31.H99/").json()["children"]
    assert [(c["name"], c["url"]) for c in children] == [("Phòng Tư pháp", None)]


def test_unknown_agency_is_a_404_problem(client, tree):
    response = client.get(AGENCIES + "999.99.99.H00/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không có cơ quan, đơn vị với mã định danh 999.99.99.H00."


def test_unknown_parent_is_a_400_problem_naming_the_parameter(client, tree):
    response = client.get(AGENCIES, {"parent": "nope"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "parent", "message": "Không có cơ quan, đơn vị với mã định danh này."}
    ]


def test_list_query_budget_does_not_grow_with_rows(client, tree, django_assert_max_num_queries):
    for _ in range(5):
        make_agency(parent=tree.province)
    with django_assert_max_num_queries(1):
        assert len(client.get(AGENCIES).json()["results"]) == 9


def test_detail_query_budget(client, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert len(client.get(AGENCIES + "000.00.00.H99/").json()["children"]) == 3

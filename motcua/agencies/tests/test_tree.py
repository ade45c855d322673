import datetime

import pytest
from django.core.exceptions import ValidationError

from motcua.agencies import selectors, services
from motcua.agencies.constants import EventKind, Level
from motcua.agencies.models import Agency, AgencyEvent
from motcua.agencies.tests.factories import make_agency

pytestmark = pytest.mark.django_db

JULY_2025 = datetime.date(2025, 7, 1)


def test_subtree_of_a_province_contains_every_depth_and_nothing_else(tree):
    unit = make_agency("Phòng Văn hoá - Xã hội", level=Level.UNIT, parent=tree.commune_x, code="")
    other_province = make_agency("Tỉnh Khác", level=Level.PROVINCE)
    elsewhere = make_agency("Xã Khác", parent=other_province)

    members = set(selectors.subtree(tree.province))

    assert {tree.province, tree.department, tree.commune_x, tree.commune_y, unit} == members
    assert elsewhere not in members
    assert tree.province not in set(selectors.subtree(tree.province, include_self=False))
    assert list(selectors.subtree(tree.commune_x)) == [tree.commune_x, unit]


def test_subtree_does_not_match_a_sibling_whose_id_shares_a_prefix(tree):
    # Paths are "/1/", "/12/": a prefix match must stop at the separator.
    siblings = [make_agency(f"Tỉnh {i}", level=Level.PROVINCE) for i in range(12)]
    for root in siblings:
        assert set(selectors.subtree(root)) == {root}


def test_merged_commune_keeps_its_history_and_points_to_its_successor(tree):
    old_a = make_agency("Phường 1", parent=tree.province, valid_from=datetime.date(2000, 1, 1))
    old_b = make_agency("Phường 2", parent=tree.province, valid_from=datetime.date(2000, 1, 1))
    team = make_agency(
        "Tổ một cửa", level=Level.UNIT, parent=old_a, code="", valid_from=datetime.date(2010, 1, 1)
    )
    merged_ward = make_agency("Phường Mới", parent=tree.province, valid_from=JULY_2025)

    services.merge_agencies(
        [old_a, old_b], into=merged_ward, effective_date=JULY_2025, decision="NQ 1/2025"
    )

    old_a.refresh_from_db()
    team.refresh_from_db()
    assert old_a.valid_to == datetime.date(2025, 6, 30)
    assert selectors.current_successor(old_a) == merged_ward
    assert old_a.is_active_on(datetime.date(2025, 6, 30))
    assert not old_a.is_active_on(JULY_2025)
    assert team.parent == merged_ward and team in set(selectors.subtree(merged_ward))
    active_now = set(Agency.objects.active_on(JULY_2025))
    assert merged_ward in active_now and old_a not in active_now and old_b not in active_now
    assert old_a in set(Agency.objects.active_on(datetime.date(2024, 1, 1)))
    kinds = list(AgencyEvent.objects.filter(agency=old_a).values_list("kind", flat=True))
    assert kinds == [EventKind.CREATED, EventKind.MERGED]


def test_successor_chain_is_followed_to_the_end(tree):
    first = make_agency("Xã Một", parent=tree.province, valid_from=datetime.date(2000, 1, 1))
    second = make_agency("Xã Hai", parent=tree.province, valid_from=datetime.date(2020, 1, 1))
    third = make_agency("Xã Ba", parent=tree.province, valid_from=JULY_2025)
    services.merge_agencies([first], into=second, effective_date=datetime.date(2020, 1, 1))
    services.merge_agencies([second], into=third, effective_date=JULY_2025)
    first.refresh_from_db()
    assert selectors.current_successor(first) == third


def test_dissolving_a_district_rehomes_its_communes_to_the_province(tree):
    district = make_agency(
        "Huyện Cũ", level=Level.DISTRICT, parent=tree.province, valid_from=datetime.date(1990, 1, 1)
    )
    commune = make_agency("Xã Dưới Huyện", parent=district, valid_from=datetime.date(1990, 1, 1))
    unit = make_agency(
        "Bộ phận một cửa",
        level=Level.UNIT,
        parent=commune,
        code="",
        valid_from=datetime.date(2000, 1, 1),
    )

    services.dissolve_agency(
        district,
        effective_date=JULY_2025,
        rehome_children_to=tree.province,
        decision="Luật 72/2025",
    )

    commune.refresh_from_db()
    unit.refresh_from_db()
    district.refresh_from_db()
    assert commune.parent == tree.province and commune.depth == 1
    assert unit.path == f"{commune.path}{unit.pk}/" and unit.depth == 2
    assert district.valid_to == datetime.date(2025, 6, 30)
    moved = AgencyEvent.objects.get(agency=commune, kind=EventKind.MOVED)
    assert moved.old_parent == district and moved.new_parent == tree.province


def test_dissolving_with_open_children_and_nowhere_to_go_is_refused(tree):
    with pytest.raises(ValidationError) as info:
        services.dissolve_agency(tree.province, effective_date=JULY_2025)
    assert "đơn vị trực thuộc" in str(info.value)
    tree.province.refresh_from_db()
    assert tree.province.valid_to is None


def test_levels_must_fit_the_parent(tree):
    with pytest.raises(ValidationError):
        make_agency("Xã trong xã", parent=tree.commune_x)
    with pytest.raises(ValidationError):
        make_agency("Tỉnh dưới tỉnh", level=Level.PROVINCE, parent=tree.province)


def test_moving_into_own_subtree_is_refused(tree):
    unit = make_agency("Phòng", level=Level.UNIT, parent=tree.commune_x, code="")
    sub = make_agency("Tổ", level=Level.UNIT, parent=unit, code="")
    with pytest.raises(ValidationError):
        services.move_agency(unit, new_parent=sub, effective_date=JULY_2025)


def test_identity_codes_are_unique_but_optional_for_internal_units(tree):
    make_agency("Phòng A", level=Level.UNIT, parent=tree.commune_x, code="")
    make_agency("Phòng B", level=Level.UNIT, parent=tree.commune_x, code="")
    with pytest.raises(ValidationError):
        make_agency("Trùng mã", parent=tree.province, code=tree.commune_x.code)


def test_find_by_code_normalises(tree):
    assert selectors.find_by_code(" 000.00.31.h99 ") == tree.commune_x

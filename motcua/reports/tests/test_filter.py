"""The report filter offers agencies of record only, as an indented tree in order, with the units
that no longer exist marked; asking for an internal unit (phòng, ban) says where its dossiers are
counted instead of silently answering for another agency."""

import datetime
import re

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.agencies import services as agency_services
from motcua.agencies.constants import Level, Role
from motcua.agencies.tests.factories import make_agency

pytestmark = pytest.mark.django_db

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
EM = "\u2003"


@pytest.fixture
def history(tree):
    """Under the province: a phòng of commune X, and a district dissolved on 01/07/2025 whose
    ward merged into commune X that day."""
    room = make_agency("Phòng Kinh tế", level=Level.UNIT, parent=tree.commune_x)
    old = datetime.date(2020, 1, 1)
    district = make_agency("Huyện Cũ", level=Level.DISTRICT, parent=tree.province, valid_from=old)
    ward = make_agency("Phường Cũ", parent=district, valid_from=old)
    reform = datetime.date(2025, 7, 1)
    agency_services.merge_agencies([ward], into=tree.commune_x, effective_date=reform)
    agency_services.dissolve_agency(district, effective_date=reform)
    return {"room": room, "district": district, "ward": ward}


def _options(page: str) -> list[str]:
    select = re.search(r'<select name="agency"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [label for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_the_agencies_are_a_tree_without_internal_units(as_user, people, tree, history):
    page = as_user(people.manager).get(reverse("reports:periodic"), MARCH).content.decode()
    assert _options(page) == [
        "Tỉnh Thử Nghiệm",
        f"{EM}Sở Tư pháp",
        f"{EM}Huyện Cũ (đã giải thể từ 01/07/2025)",
        f"{EM}{EM}Phường Cũ (đã sáp nhập từ 01/07/2025)",
        f"{EM}Xã Thử X",
        f"{EM}Xã Thử Y",
    ]
    assert "Phòng Kinh tế" not in page


def test_an_internal_unit_is_never_reported_as_another_agency(
    march, as_user, people, tree, history
):
    client = as_user(people.manager)
    for name in ("periodic", "index"):
        response = client.get(reverse(f"reports:{name}"), {"agency": history["room"].code, **MARCH})
        assert response.status_code == 400
        page = response.content.decode()
        assert "Phòng Kinh tế là phòng, ban trực thuộc, không phải cơ quan giải quyết hồ sơ" in page
        assert f"?agency={tree.commune_x.code}" in page
        assert "report" not in response.context  # no figures of anyone
    # The commune's own report holds its dossiers.
    own = client.get(reverse("reports:periodic"), {"agency": tree.commune_x.code, **MARCH})
    assert own.status_code == 200 and own.context["report"].total.counts["received_total"] > 0
    # Another commune's manager does not learn that the unit exists.
    other = people.desk_y  # not a reporting role at all
    assert as_user(other).get(reverse("reports:periodic"), MARCH).status_code == 403


def test_a_units_code_outside_ones_tree_is_not_found(as_user, tree, history):
    manager_y = make_officer("Cao Văn Tú", unit=tree.commune_y, role=Role.MANAGER)
    response = as_user(manager_y).get(
        reverse("reports:periodic"), {"agency": history["room"].code, **MARCH}
    )
    assert response.status_code == 404

"""Where a dossier is handed to someone (the dossier page's "Phân công xử lý", the queue's bulk
assignment), each person is listed with the role they hold there, and the internal unit (phòng)
it is held in; people of other communes are not listed."""

import re

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Level, Role
from motcua.agencies.tests.factories import make_agency

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


@pytest.fixture
def economy_specialist(tree):
    room = make_agency("Phòng Kinh tế", level=Level.UNIT, parent=tree.commune_x)
    return make_officer("Đào Văn Lâm", unit=room, role=Role.SPECIALIST)


@freeze_time(vn(2026, 3, 2, 10, 0))
def test_the_assignment_lists_show_each_persons_role(
    as_user, people, registry_x, economy_specialist, received
):
    client = as_user(people.desk_x)
    page = client.get(reverse("backoffice:dossier", args=[received.code])).content.decode()
    expected = {
        "Hoàng Thị Dung – Chuyên viên xử lý",
        "Vũ Văn Em – Lãnh đạo cơ quan",
        "Trịnh Thị Mai – Văn thư",
        "Phạm Văn Cường – Cán bộ một cửa",
        "Đào Văn Lâm – Chuyên viên xử lý (Phòng Kinh tế)",
    }
    assert set(_options(page, "assignee")) - {"(chưa chọn)"} == expected
    queue = client.get(reverse("backoffice:queue")).content.decode()
    assert set(_options(queue, "assignee")) - {"---------"} == expected
    # Commune Y's people are not offered.
    assert people.desk_y.get_full_name() not in page

"""The agencies a dossier can be sent to for liên thông (the transfer form's list): those of the
resolving agency's province, not its internal units, not the holder, never another province's;
the province found in the same query as the list (#18)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.agencies.constants import Level
from motcua.agencies.tests.factories import make_agency
from motcua.backoffice import actions

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_partners_are_the_provinces_agencies_read_in_one_query(in_progress, tree, people):
    since = datetime.date(1990, 1, 1)
    elsewhere = make_agency(
        "Tỉnh Khác", level=Level.PROVINCE, code="000.00.00.K99", valid_from=since
    )
    make_agency(
        "Sở Tư pháp tỉnh Khác",
        level=Level.DEPARTMENT,
        parent=elsewhere,
        code="000.00.01.K99",
        valid_from=since,
    )
    make_agency("Phòng Một cửa", level=Level.UNIT, parent=tree.commune_x, code="001.00.31.H99")
    with CaptureQueriesContext(connection) as captured:
        partners = list(actions._partners(in_progress, people.leader_x))
    assert len(captured.captured_queries) == 1
    assert tree.department in partners and tree.commune_y in partners
    assert in_progress.holder not in partners
    assert all(a.path.startswith(tree.province.path) for a in partners)
    assert all(a.level != Level.UNIT for a in partners)

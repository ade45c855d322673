"""Administrators keep the province's boundary-free list (danh mục TTHC tiếp nhận không phụ
thuộc địa giới hành chính) in the admin: checked before it is saved, listed with its scope; and
whether a procedure is on it on a day."""

import datetime

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.catalog import boundary
from motcua.catalog.models import BoundaryFreeList
from motcua.catalog.tests import factories

pytestmark = pytest.mark.django_db

ADD = reverse("admin:catalog_boundaryfreelist_add")


@pytest.fixture
def admin_client(client):
    client.force_login(make_officer("Quản trị", is_superuser=True))
    return client


def _post(admin_client, province, procedures, **overrides):
    data = {
        "province": province.pk,
        "decision": "1500/QĐ-UBND ngày 30/6/2026",
        "procedures": [p.pk for p in procedures],
        "valid_from": "2026-07-01",
        "valid_to": "",
    } | overrides
    return admin_client.post(ADD, data)


def test_an_administrator_enters_the_provinces_list(admin_client, tree):
    listed = factories.published("1.000001")
    tree.boundary_free.delete()
    assert admin_client.get(ADD).status_code == 200
    response = _post(admin_client, tree.province, [listed.procedure])
    assert response.status_code == 302, response.content.decode()[:2000]
    row = BoundaryFreeList.objects.get()
    assert list(row.procedures.all()) == [listed.procedure]
    listing = admin_client.get(reverse("admin:catalog_boundaryfreelist_changelist"))
    assert "1 thủ tục" in listing.content.decode()
    # On the list from its first day, for any desk of the province.
    day = datetime.date(2026, 7, 1)
    assert boundary.basis_for(tree.commune_x, listed.procedure_id, day) == row
    assert (
        boundary.basis_for(tree.commune_x, listed.procedure_id, day - datetime.timedelta(1)) is None
    )
    other = factories.published("1.000002")
    assert boundary.basis_for(tree.commune_y, other.procedure_id, day) is None


def test_a_list_that_cannot_apply_is_refused(admin_client, tree):
    response = _post(admin_client, tree.commune_x, [], valid_to="2026-06-30")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Danh mục do tỉnh, thành phố công bố" in page
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu" in page
    assert "Hãy chọn các thủ tục trong danh mục" in page
    assert BoundaryFreeList.objects.count() == 1  # only the test province's own

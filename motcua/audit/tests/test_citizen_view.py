"""A citizen sees who in the administration opened their dossier (Decree 13/2023): when, the
officer's name and unit, what; never the address. Only the owner sees it."""

import pytest
from django.urls import reverse

from motcua.audit import services
from motcua.portal.readers import PAGE_SIZE

pytestmark = pytest.mark.django_db

OFFICE = {"REMOTE_ADDR": "192.0.2.55"}


def _url(dossier):
    return reverse("portal:dossier_readers", args=[dossier.code])


def test_the_owner_sees_who_opened_the_dossier_and_not_from_where(as_user, people, received):
    officer = as_user(people.specialist_x)
    officer.get(reverse("backoffice:dossier", args=[received.code]), **OFFICE)
    page = as_user(people.citizen_a).get(_url(received))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hoàng Thị Dung" in html and "Xã Thử X" in html and "Xem hồ sơ" in html
    assert "192.0.2.55" not in html
    # The desk officer who received it only acted; acts are on the dossier's history instead.
    assert "Phạm Văn Cường" not in html


def test_the_dossier_page_links_to_it(as_user, people, received):
    html = as_user(people.citizen_a).get(reverse("portal:dossier", args=[received.code]))
    assert _url(received) in html.content.decode()


def test_nobody_else_sees_it(client, as_user, people, received):
    as_user(people.specialist_x).get(reverse("backoffice:dossier", args=[received.code]))
    client.logout()
    anonymous = client.get(_url(received))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert as_user(people.citizen_b).get(_url(received)).status_code == 404
    assert as_user(people.specialist_x).get(_url(received)).status_code == 403


def test_the_list_is_paginated_newest_first(as_user, people, received):
    for _ in range(PAGE_SIZE + 3):
        services.note_read(people.leader_x, "view_dossier", received)
    services.note_read(people.specialist_x, "view_dossier", received)
    client = as_user(people.citizen_a)
    first = client.get(_url(received)).content.decode()
    assert "Trang 1/2" in first
    assert first.index("Hoàng Thị Dung") < first.index("Vũ Văn Em")
    second = client.get(_url(received), {"page": 2}).content.decode()
    assert second.count("Vũ Văn Em") == 4  # 24 readings: 20 on the first page
    assert "Hoàng Thị Dung" not in second


def test_a_connected_system_reading_the_dossier_is_shown_by_its_name(as_user, people, received):
    services.record(
        actor=people.manager,
        verb="api_view_dossier",
        obj=received,
        action="view",
        api_client="abc",
        api_client_name="Cổng dịch vụ công tỉnh",
    )
    html = as_user(people.citizen_a).get(_url(received)).content.decode()
    assert "Cổng dịch vụ công tỉnh" in html and "Hệ thống kết nối" in html

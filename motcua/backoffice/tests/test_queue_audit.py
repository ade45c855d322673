"""A work queue shows applicants' names: each page an officer is shown, and each search by
name, leaves one audit entry of the dossiers shown and what was asked (#17 item 5)."""

import pytest
from django.urls import reverse

from motcua.audit.models import AuditAction, AuditEntry

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")


def _queue_reads():
    return list(AuditEntry.objects.filter(verb="view_queue").order_by("pk"))


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_a_queue_page_is_one_entry_naming_the_dossiers_shown(as_user, people, walk_in):
    shown = [walk_in(at=vn(2026, 3, 2, 8 + hour, 0)) for hour in range(3)]
    client = as_user(people.desk_x)
    response = client.get(QUEUE)
    assert response.status_code == 200
    [entry] = _queue_reads()
    assert entry.actor == people.desk_x
    assert entry.action == AuditAction.VIEW
    assert sorted(entry.data["codes"]) == sorted(d.code for d in shown)
    assert entry.data["scope"] == "unit"
    assert "search" not in entry.data
    assert entry.data["units"]


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_a_search_by_name_is_recorded_with_the_text_even_when_nothing_is_found(
    as_user, people, walk_in
):
    walk_in(at=vn(2026, 3, 2, 9, 0))
    client = as_user(people.desk_x)
    client.get(QUEUE + "?q=tran+thi+khong+co")
    [entry] = _queue_reads()
    assert entry.data["search"] == "tran thi khong co"
    assert entry.data["codes"] == []


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_an_empty_queue_without_a_search_writes_nothing(as_user, people):
    as_user(people.desk_x).get(QUEUE)
    assert _queue_reads() == []


@freeze_time(vn(2026, 3, 2, 16, 0))
def test_another_communes_officer_is_recorded_with_only_what_they_were_shown(
    as_user, people, walk_in
):
    walk_in(at=vn(2026, 3, 2, 9, 0))
    as_user(people.desk_y).get(QUEUE)
    assert _queue_reads() == []

"""Every officer read of a dossier's personal data leaves one row (who, what, when, from where),
written in one query; a signed-in user refused someone else's dossier leaves a refusal row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

BROWSER = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Trình duyệt thử " + "x" * 300}


def _reads(**filters):
    return AuditEntry.objects.filter(action=AuditAction.VIEW, **filters)


def test_the_officer_dossier_page_is_recorded_with_who_where_and_the_unit(
    as_user, people, received
):
    client = as_user(people.desk_x)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("backoffice:dossier", args=[received.code]), **BROWSER)
    assert response.status_code == 200
    entry = _reads(verb="view_dossier").get()
    assert entry.actor == people.desk_x
    assert (entry.object_type, entry.object_id) == ("dossiers.dossier", str(received.pk))
    assert entry.dossier_code == received.code
    assert entry.ip == "203.0.113.7"
    assert entry.user_agent.startswith("Trình duyệt thử") and len(entry.user_agent) == 200
    assert entry.data["units"] == ["Xã Thử X"]
    assert len(entry.digest) == 64
    # Exactly one query of the page is the audit's: the insert, and nothing read for it.
    audit_queries = [q["sql"] for q in queries.captured_queries if "audit_auditentry" in q["sql"]]
    assert len(audit_queries) == 1 and audit_queries[0].startswith("INSERT")


def test_each_file_opened_is_recorded_against_its_dossier(as_user, people, received, scans):
    client = as_user(people.specialist_x)
    for stored in scans:
        url = reverse("backoffice:file", args=[received.code, stored.pk])
        assert client.get(url).status_code == 200
    rows = _reads(verb="view_file", actor=people.specialist_x)
    assert sorted(rows.values_list("object_id", flat=True)) == sorted(str(s.pk) for s in scans)
    assert set(rows.values_list("dossier_code", flat=True)) == {received.code}
    assert set(rows.values_list("object_type", flat=True)) == {"documents.storedfile"}


def test_the_notifications_of_a_dossier_read_by_an_officer_are_recorded(as_user, people, received):
    url = reverse("notifications:dossier", args=[received.code])
    assert as_user(people.desk_x).get(url).status_code == 200
    assert _reads(verb="view_notifications", actor=people.desk_x).count() == 1


def test_the_applicant_reading_their_own_dossier_is_not_an_officer_read(as_user, people, received):
    client = as_user(people.citizen_a)
    assert client.get(reverse("notifications:dossier", args=[received.code])).status_code == 200
    assert client.get(reverse("portal:dossier", args=[received.code])).status_code == 200
    assert not _reads().exists()


def test_the_applicant_look_up_at_the_desk_is_recorded(as_user, people, version):
    personal_id = people.citizen_a.citizen_profile.personal_id
    url = reverse("backoffice:intake_form", args=[version.pk])
    response = as_user(people.desk_x).get(url, {"lookup": personal_id})
    assert response.status_code == 200
    entry = _reads(verb="view_applicant").get()
    assert entry.actor == people.desk_x
    assert entry.object_id == str(people.citizen_a.pk)


def test_a_refused_dossier_of_another_agency_is_recorded_as_refused(as_user, people, received):
    response = as_user(people.desk_y).get(reverse("backoffice:dossier", args=[received.code]))
    assert response.status_code == 404
    entry = AuditEntry.objects.get(action=AuditAction.DENIED)
    assert entry.actor == people.desk_y
    assert entry.dossier_code == received.code
    assert not _reads().exists()


def test_another_citizen_asking_for_a_dossier_is_recorded_as_refused(as_user, people, received):
    response = as_user(people.citizen_b).get(reverse("portal:dossier", args=[received.code]))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditAction.DENIED, actor=people.citizen_b, dossier_code=received.code
    ).exists()


def test_a_code_that_does_not_exist_is_not_a_refusal(as_user, people, received):
    response = as_user(people.desk_y).get(reverse("backoffice:dossier", args=["KHONG-CO"]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.DENIED).exists()


def test_existing_change_rows_still_written_with_their_dossier(received, people):
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, verb="receive")
    assert entry.actor == people.desk_x
    assert entry.dossier_code == received.code

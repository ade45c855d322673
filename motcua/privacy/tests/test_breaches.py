"""The breach register (Decree 13/2023 art. 23): an incident is recorded with its 72-hour
notification deadline, the notification is recorded (late only with a reason), every change
is audited, and the admin shows where each incident stands, in colour."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from motcua.accounts.tests.factories import make_officer
from motcua.audit.models import AuditEntry
from motcua.privacy import services
from motcua.privacy.constants import Standing
from motcua.privacy.models import BreachIncident

pytestmark = pytest.mark.django_db
VN = datetime.timezone(datetime.timedelta(hours=7))
DISCOVERED = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=VN)
DETAILS = {
    "nature": "Máy tính của bộ phận một cửa bị nhiễm mã độc, có thể đã lộ tệp quét giấy tờ.",
    "data_categories": "Số định danh cá nhân, ảnh căn cước, hồ sơ khai sinh",
    "sensitive": False,
    "subjects_affected": 120,
    "measures": "Cách ly máy, đổi mật khẩu, rà soát nhật ký truy cập.",
}


@pytest.fixture
def admin_user(tree):
    return make_officer("Quản trị", is_superuser=True)


@pytest.fixture
def incident(admin_user):
    with time_machine.travel(DISCOVERED + datetime.timedelta(hours=2), tick=False):
        return services.record_incident(actor=admin_user, discovered_at=DISCOVERED, **DETAILS)


def _audits(incident):
    return list(
        AuditEntry.objects.filter(object_type="privacy.breachincident", object_id=str(incident.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )


def test_an_incident_is_recorded_with_its_72_hour_deadline_and_audited(incident, admin_user):
    assert incident.notify_by == DISCOVERED + datetime.timedelta(hours=72)
    assert incident.recorded_by == admin_user and incident.subjects_affected == 120
    assert _audits(incident) == ["record_breach"]


def test_the_standing_follows_the_clock(incident):
    assert incident.standing(DISCOVERED + datetime.timedelta(hours=10)) == Standing.OPEN
    assert incident.standing(DISCOVERED + datetime.timedelta(hours=60)) == Standing.URGENT
    assert incident.standing(DISCOVERED + datetime.timedelta(hours=73)) == Standing.OVERDUE


def test_a_notification_in_time_is_recorded(incident, admin_user):
    with time_machine.travel(DISCOVERED + datetime.timedelta(hours=30), tick=False):
        services.record_notification(
            actor=admin_user,
            incident=incident,
            notified_at=timezone.now(),
            reference="123/UBND-VP",
        )
    incident.refresh_from_db()
    assert incident.standing() == Standing.ON_TIME and incident.authority_reference == "123/UBND-VP"
    assert _audits(incident) == ["record_breach", "notify_breach"]


def test_a_late_notification_needs_its_reason(incident, admin_user):
    with time_machine.travel(DISCOVERED + datetime.timedelta(hours=80), tick=False):
        with pytest.raises(ValidationError) as info:
            services.record_notification(
                actor=admin_user, incident=incident, notified_at=timezone.now()
            )
        assert "lý do chậm" in str(info.value)
        services.record_notification(
            actor=admin_user,
            incident=incident,
            notified_at=timezone.now(),
            late_reason="Phát hiện vào dịp nghỉ Tết, chưa xác định được phạm vi.",
        )
    incident.refresh_from_db()
    assert incident.standing() == Standing.LATE
    assert _audits(incident) == ["record_breach", "notify_breach"]


def test_impossible_times_are_refused_and_nothing_changes(incident, admin_user):
    with pytest.raises(ValidationError):
        services.record_notification(
            actor=admin_user,
            incident=incident,
            notified_at=DISCOVERED - datetime.timedelta(hours=1),
        )
    with pytest.raises(ValidationError):
        services.record_incident(
            actor=admin_user, discovered_at=timezone.now() + datetime.timedelta(days=1), **DETAILS
        )
    incident.refresh_from_db()
    assert incident.authority_notified_at is None and BreachIncident.objects.count() == 1
    assert _audits(incident) == ["record_breach"]


def test_corrections_are_audited_with_what_changed(incident, admin_user):
    services.update_incident(actor=admin_user, incident=incident, subjects_affected=150)
    entry = AuditEntry.objects.filter(verb="update_breach").get()
    assert entry.data["changed"] == {"subjects_affected": [120, 150]}


def test_the_admin_records_an_incident_through_the_service(client, admin_user):
    client.force_login(admin_user)
    form = {
        "discovered_at_0": "2026-12-01",
        "discovered_at_1": "09:00:00",
        **{k: v for k, v in DETAILS.items() if k != "sensitive"},
    }
    with time_machine.travel(DISCOVERED + datetime.timedelta(hours=1), tick=False):
        response = client.post("/admin/privacy/breachincident/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    incident = BreachIncident.objects.get()
    assert incident.notify_by == DISCOVERED + datetime.timedelta(hours=72)
    assert _audits(incident) == ["record_breach"]


def test_the_admin_refuses_a_late_notification_without_a_reason(client, admin_user, incident):
    client.force_login(admin_user)
    page = f"/admin/privacy/breachincident/{incident.pk}/change/"
    form = {
        **{k: v for k, v in DETAILS.items() if k != "sensitive"},
        "authority_notified_at_0": "2026-12-05",
        "authority_notified_at_1": "10:00:00",
        "authority_reference": "9/A05",
        "late_reason": "",
    }
    with time_machine.travel(DISCOVERED + datetime.timedelta(days=5), tick=False):
        response = client.post(page, form)
        assert response.status_code == 200
        assert "lý do chậm" in response.content.decode()
        incident.refresh_from_db()
        assert incident.authority_notified_at is None
        response = client.post(page, form | {"late_reason": "Nghỉ lễ."})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.standing() == Standing.LATE
    assert _audits(incident) == ["record_breach", "notify_breach"]


def test_the_list_shows_the_deadline_in_its_colour(client, admin_user, incident):
    client.force_login(admin_user)
    with time_machine.travel(DISCOVERED + datetime.timedelta(hours=73), tick=False):
        body = client.get("/admin/privacy/breachincident/").content.decode()
    assert 'class="breach-deadline breach-overdue"' in body and "04/12/2026 09:00" in body


def test_no_one_deletes_from_the_register_and_officers_without_rights_cannot_see_it(
    client, admin_user, incident, people
):
    client.force_login(admin_user)
    delete = f"/admin/privacy/breachincident/{incident.pk}/delete/"
    assert client.get(delete).status_code == 403
    client.force_login(people.desk_x)
    assert client.get("/admin/privacy/breachincident/").status_code in (302, 403)
    client.force_login(people.citizen_a)
    response = client.get("/admin/privacy/breachincident/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

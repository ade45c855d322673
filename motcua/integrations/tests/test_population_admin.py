"""The look-up log and the demo register's switch in the admin."""

from django.urls import reverse

from motcua.integrations.models import ConsentMethod, DemoFailure, DemoRegisterSwitch
from motcua.integrations.population import services


def test_the_log_is_listed_and_read_only(admin_client, people):
    services.lookup(
        actor=people.desk_x,
        id_number="068080001234",
        reason="Tiếp nhận hồ sơ",
        consent=True,
        consent_method=ConsentMethod.AT_DESK,
    )
    page = admin_client.get(reverse("admin:integrations_registerlookup_changelist"))
    assert page.status_code == 200 and "068080001234" in page.content.decode()
    assert admin_client.get(reverse("admin:integrations_registerlookup_add")).status_code == 403


def test_the_switch_is_set_in_the_admin(admin_client, db):
    response = admin_client.post(
        reverse("admin:integrations_demoregisterswitch_add"), {"failure": DemoFailure.TIMEOUT}
    )
    assert response.status_code == 302
    assert DemoRegisterSwitch.objects.get().failure == DemoFailure.TIMEOUT
    assert admin_client.get(reverse("admin:integrations_demoregisterswitch_add")).status_code == 403

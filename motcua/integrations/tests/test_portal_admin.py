"""Administrators see the integrations' health, find dead letters and send them again; the demo
portal's holdings are for staff only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from motcua.integrations.models import (
    DemoPortalDossier,
    DemoPortalSwitch,
    MessageState,
    PortalMessage,
)
from motcua.integrations.portal import outbox

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser(
        username="quantri", password="x-Strong-Pass-2026", email="qt@example.vn"
    )
    client.force_login(admin)
    return client


def test_health_page_dead_letters_and_resend(admin_client, walk_in, monkeypatch):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    monkeypatch.setenv("DEMO_DVCQG_FAIL", "500")
    monkeypatch.setenv("DVCQG_MAX_ATTEMPTS", "1")
    outbox.drain()
    dead = PortalMessage.objects.get(dossier=dossier, sequence=1)
    assert dead.state == MessageState.DEAD

    page = admin_client.get(reverse("admin:integrations_health")).content.decode()
    assert "Cổng Dịch vụ công quốc gia" in page and 'data-state="dead"' in page
    assert "HTTP 500" in page

    monkeypatch.delenv("DEMO_DVCQG_FAIL")
    changelist = reverse("admin:integrations_portalmessage_changelist")
    assert dossier.code in admin_client.get(changelist + "?state__exact=dead").content.decode()
    answer = admin_client.post(
        changelist, {"action": "resend", "_selected_action": [dead.pk]}, follow=True
    )
    assert "Đã đưa 1 thông điệp trở lại hàng đợi" in answer.content.decode()
    dead.refresh_from_db()
    assert dead.state == MessageState.PENDING
    assert outbox.drain() == 2
    page = admin_client.get(reverse("admin:integrations_health")).content.decode()
    assert 'data-state="dead"' not in page and 'data-state="ok"' in page


def test_the_health_page_lists_every_national_system(admin_client, people, monkeypatch):
    from motcua.integrations.models import ConsentMethod
    from motcua.integrations.population import services as population

    monkeypatch.setenv("DEMO_POPULATION_FAIL", "500")
    population.lookup(
        actor=people.desk_x,
        id_number="068080001234",
        reason="Tiếp nhận hồ sơ",
        consent=True,
        consent_method=ConsentMethod.values[0],
    )
    page = admin_client.get(reverse("admin:integrations_health")).content.decode()
    for name in (
        "Cổng Dịch vụ công quốc gia: đồng bộ hồ sơ",
        "CSDL quốc gia về dân cư",
        "Nền tảng thanh toán trực tuyến của Cổng DVCQG",
        "Bưu chính công ích",
    ):
        assert name in page, name
    # The register's failure is on its row: failing, with the reason.
    row = page.split("CSDL quốc gia về dân cư")[1].split("</tr>")[0]
    assert "Đang lỗi" in row


def test_the_admin_switch_makes_the_demo_portal_fail(walk_in):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    DemoPortalSwitch.objects.create(failure="malformed")
    assert outbox.drain() == 0
    assert "not JSON" in PortalMessage.objects.get(dossier=dossier, sequence=1).last_error
    DemoPortalSwitch.objects.update(failure="")
    assert (
        outbox.drain(now=PortalMessage.objects.get(dossier=dossier, sequence=1).next_attempt_at)
        == 2
    )


def test_the_demo_portal_page_is_for_staff_only(client, admin_client, walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    outbox.drain()
    url = "/integrations/demo/dvcqg/"
    page = admin_client.get(url).content.decode()
    assert dossier.code in page and "2 – Được tiếp nhận" in page
    assert DemoPortalDossier.objects.count() == 1
    client.logout()
    client.force_login(people.citizen_a)
    assert dossier.code not in client.get(url).content.decode()

"""Delivery status on the dossier: the include and its page, with the access negatives."""

import pytest
from django.template import Context, Template

from motcua.notifications.models import Delivery


def test_include_renders_the_deliveries(received):
    html = Template("{% load notifications %}{% dossier_deliveries dossier %}").render(
        Context({"dossier": received})
    )
    assert "Thông báo đã gửi" in html
    assert "an@example.vn" in html and "0912345678" in html and "Chờ gửi" in html


@pytest.mark.parametrize("who", ["citizen_a", "desk_x"])
def test_those_who_see_the_dossier_see_its_deliveries(received, people, as_user, who):
    response = as_user(getattr(people, who)).get(f"/notifications/dossiers/{received.code}/")
    assert response.status_code == 200 and "an@example.vn" in response.text


@pytest.mark.parametrize("who", ["citizen_b", "desk_y", "specialist_department"])
def test_others_get_not_found(received, people, as_user, who):
    response = as_user(getattr(people, who)).get(f"/notifications/dossiers/{received.code}/")
    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(received, client):
    response = client.get(f"/notifications/dossiers/{received.code}/")
    assert response.status_code == 302 and "login" in response.url
    assert Delivery.objects.count() == 2


def test_admin_shows_the_demo_sms_log(received, admin_client):
    from motcua.notifications.tasks import send_delivery

    for delivery in Delivery.objects.all():
        send_delivery.call(delivery.pk)
    response = admin_client.get("/admin/notifications/demosmsmessage/")
    assert response.status_code == 200 and "0912345678" in response.text
    assert admin_client.get("/admin/notifications/delivery/").status_code == 200
    assert admin_client.get("/admin/payments/transaction/").status_code == 200

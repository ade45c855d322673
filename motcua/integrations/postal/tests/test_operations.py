"""The operator's counter (management command, admin actions, failure switch) and the pull
command, as an administrator or a script would use them."""

from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from motcua.accounts.models import User, UserKind
from motcua.dossiers.constants import Status
from motcua.integrations.models import DemoPostSwitch, DemoShipment, PostalStatus


def _admin(client):
    admin = User.objects.create_superuser(
        "quantri", "quantri@example.vn", "x", full_name="Nguyễn Văn Quản", kind=UserKind.OFFICER
    )
    client.force_login(admin)
    return client


def test_the_counter_command_and_the_pull_command(sent, capsys, clock):
    DemoPostSwitch.objects.create(push_enabled=False)
    call_command("demo_post", "advance", sent.tracking_code, "in_transit")
    call_command("demo_post", "advance", sent.tracking_code, "delivered")
    call_command("postal_poll")
    out = capsys.readouterr().out
    assert "polled=1" in out and "new_events=3" in out
    sent.refresh_from_db()
    assert sent.status == PostalStatus.DELIVERED
    assert sent.dossier.status == Status.RETURNED


def test_the_admin_moves_a_shipment_and_fails_the_operator(client, sent, clock):
    client = _admin(client)
    shipment = DemoShipment.objects.get()
    url = reverse("admin:integrations_demoshipment_changelist")
    client.post(url, {"action": "advance_in_transit", "_selected_action": [shipment.pk]})
    shipment.refresh_from_db()
    assert shipment.status == PostalStatus.IN_TRANSIT
    pushes = DBTaskResult.objects.filter(task_path__endswith="push_event")
    assert pushes.count() == 2  # accepted and in transit, queued to be pushed after commit
    html = client.get(reverse("admin:integrations_postalorder_change", args=[sent.pk]))
    assert html.status_code == 200 and sent.tracking_code in html.content.decode()
    add = reverse("admin:integrations_demopostswitch_add")
    client.post(add, {"failure": "malformed", "push_enabled": "on"})
    assert DemoPostSwitch.objects.get().failure == "malformed"
    call_command("postal_poll")
    sent.refresh_from_db()
    assert "sai định dạng" in sent.last_error

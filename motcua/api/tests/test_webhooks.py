"""Webhooks: deliveries written with the dossier event, signed HMAC-SHA256 over
``timestamp.body``, retried after a receiver's outage without losing or repeating anything, and
only for the dossiers of the subscriber's agencies. The receiver is the in-project demo receiver,
reached through the same HTTP client as the national systems."""

import datetime
import json
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from motcua.api.models import (
    DeliveryState,
    DemoReceipt,
    DemoReceiver,
    WebhookAttempt,
    WebhookDelivery,
)
from motcua.api.models import WebhookSubscriber as WebhookSubscriberModel
from motcua.api.webhooks import outbox, services, signing
from motcua.dossiers import services as dossier_services
from motcua.integrations.http import site_url
from motcua.integrations.tests.conftest import resolve  # noqa: F401 (fixture)

ALL_EVENTS = [
    "dossier.received",
    "dossier.status_changed",
    "dossier.result_ready",
    "payment.recorded",
]


@pytest.fixture
def hook(systems):
    """``hook(issued, name, events)``: a subscriber of an API client pointing at a demo receiver
    of the same name that knows its secret."""

    def make(issued, name, events=ALL_EVENTS):
        url = f"{site_url()}/api/v1/demo/webhooks/{name}/"
        registered = services.register(
            actor=None, client=issued.client, name=name, url=url, events=events
        )
        DemoReceiver.objects.create(name=name, secret=registered.secret)
        return registered.subscriber

    return make


def received(name):
    return list(
        DemoReceipt.objects.filter(receiver__name=name, accepted=True).order_by("received_at", "id")
    )


def bodies(name):
    return [json.loads(r.body) for r in received(name)]


# --- the signature ---


def test_a_signature_verifies_only_with_the_secret_the_body_and_a_fresh_timestamp():
    body = b'{"id":"whd_1"}'
    now = time.time()
    headers = signing.headers("s3cret", body, key="whd_1", event_type="dossier.received", now=now)
    stamp, signature = headers[signing.TIMESTAMP_HEADER], headers[signing.SIGNATURE_HEADER]
    assert signature.startswith("v1=") and len(signature) == 3 + 64
    signing.verify("s3cret", body, stamp, signature, tolerance=300, now=now + 10)
    # Several signatures (a secret being rotated): one matching is enough.
    signing.verify("s3cret", body, stamp, f"v1=00, {signature}", tolerance=300, now=now)
    with pytest.raises(signing.BadSignature):
        signing.verify("other", body, stamp, signature, tolerance=300, now=now)
    with pytest.raises(signing.BadSignature):
        signing.verify("s3cret", body + b" ", stamp, signature, tolerance=300, now=now)
    with pytest.raises(signing.BadSignature):  # the same request replayed after the window
        signing.verify("s3cret", body, stamp, signature, tolerance=300, now=now + 301)
    with pytest.raises(signing.BadSignature):  # a new timestamp on an old signature
        signing.verify("s3cret", body, str(int(now) + 1), signature, tolerance=300, now=now)
    with pytest.raises(signing.BadSignature):
        signing.verify("s3cret", body, "", signature, tolerance=300, now=now)


def test_the_demo_receiver_refuses_an_unsigned_or_forged_request(client, db):
    DemoReceiver.objects.create(name="lgsp", secret="s3cret")
    body = b'{"id":"whd_1"}'
    path = "/api/v1/demo/webhooks/lgsp/"
    assert client.post(path, body, content_type="application/json").status_code == 400
    forged = signing.headers("not-the-secret", body, key="whd_1", event_type="x")
    response = client.post(
        path,
        body,
        content_type="application/json",
        **{
            f"HTTP_{k.upper().replace('-', '_')}": v
            for k, v in forged.items()
            if k != "Content-Type"
        },
    )
    assert response.status_code == 400
    good = signing.headers("s3cret", body, key="whd_1", event_type="x")
    response = client.post(
        path,
        body,
        content_type="application/json",
        **{
            f"HTTP_{k.upper().replace('-', '_')}": v for k, v in good.items() if k != "Content-Type"
        },
    )
    assert response.status_code == 200
    assert [r.accepted for r in DemoReceipt.objects.order_by("id")] == [False, False, True]
    assert client.post("/api/v1/demo/webhooks/nobody/", body, content_type="x").status_code == 404


def test_every_event_reaches_the_receiver_signed_in_order(systems, hook, walk_in, resolve):  # noqa: F811
    subscriber = hook(systems.x, "xa-x")
    dossier = walk_in()
    resolve(dossier)
    # Written with the events, sent only by the delivery.
    queued = list(WebhookDelivery.objects.filter(subscriber=subscriber).order_by("sequence"))
    assert queued and all(d.state == DeliveryState.PENDING for d in queued)
    assert not received("xa-x")
    assert outbox.drain() == len(queued)
    got = bodies("xa-x")
    assert [b["id"] for b in got] == [d.key for d in queued]
    types = [b["type"] for b in got]
    assert types[:2] == ["dossier.received", "dossier.status_changed"]
    assert types.count("dossier.result_ready") == 1
    assert types.index("dossier.result_ready") < len(types) - 1  # then returned
    assert got[-1]["data"]["dossier"]["status"] == "returned"
    assert got[-1]["data"]["dossier"]["code"] == dossier.code
    assert [b["data"]["event"]["sequence"] for b in got] == sorted(
        b["data"]["event"]["sequence"] for b in got
    )
    # Each receipt was verified by the receiver with the subscriber's secret.
    assert all(r.accepted and not r.duplicate for r in received("xa-x"))
    assert WebhookAttempt.objects.filter(ok=True).count() == len(queued)


def test_a_subscriber_gets_only_the_events_it_chose(systems, hook, walk_in, resolve):  # noqa: F811
    hook(systems.x, "ket-qua", events=["dossier.result_ready"])
    resolve(walk_in())
    outbox.drain()
    assert [b["type"] for b in bodies("ket-qua")] == ["dossier.result_ready"]


def test_a_payment_is_told_with_its_reference(systems, hook, walk_in, people):
    hook(systems.x, "thu-phi", events=["payment.recorded"])
    dossier = walk_in()
    fee_ids = list(dossier.fees.filter(paid_at__isnull=True).values_list("pk", flat=True))
    assert fee_ids, "the test procedure charges a fee at receipt"
    dossier_services.record_fee_payment(
        dossier, actor=people.desk_x, fee_ids=fee_ids, reference="BL-0001"
    )
    outbox.drain()
    (body,) = bodies("thu-phi")
    assert body["type"] == "payment.recorded"
    assert body["data"]["payment"] == {"reference": "BL-0001", "online": False}


def test_nothing_is_queued_for_an_event_rolled_back(systems, hook, walk_in):
    hook(systems.x, "xa-x")
    with pytest.raises(RuntimeError), transaction.atomic():
        walk_in()
        assert WebhookDelivery.objects.exists()
        raise RuntimeError("the use case failed after the event")
    assert not WebhookDelivery.objects.exists()


# --- a receiver's outage loses nothing and repeats nothing ---


def test_an_outage_is_retried_with_backoff_and_loses_nothing(systems, hook, walk_in, people):
    subscriber = hook(systems.x, "xa-x", events=["dossier.status_changed"])
    DemoReceiver.objects.filter(name="xa-x").update(failing=True)
    dossier = walk_in()
    assert outbox.drain() == 0
    first = WebhookDelivery.objects.get(subscriber=subscriber)
    assert first.state == DeliveryState.PENDING and first.attempts == 1
    assert "503" in first.last_error
    attempt = WebhookAttempt.objects.get(delivery=first)
    assert attempt.status_code == 503 and not attempt.ok
    # More events during the outage wait behind the first, in order.
    dossier_services.assign(dossier, actor=people.desk_x)
    assert outbox.drain() == 0  # the first waits for its backoff; the second does not jump it
    assert WebhookDelivery.objects.filter(subscriber=subscriber, attempts=0).count() == 1
    # The second failure waits twice as long as the first.
    later = first.next_attempt_at + datetime.timedelta(seconds=1)
    assert outbox.drain(now=later) == 0
    first.refresh_from_db()
    assert first.attempts == 2
    assert first.next_attempt_at - later >= datetime.timedelta(seconds=59)
    # The receiver is back: both arrive, in order, once.
    DemoReceiver.objects.filter(name="xa-x").update(failing=False)
    assert outbox.drain(now=first.next_attempt_at) == 2
    got = bodies("xa-x")
    assert [b["data"]["event"]["to_status"] for b in got] == ["received", "in_progress"]
    assert outbox.drain(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert len(received("xa-x")) == 2


def test_the_environment_switch_fails_the_demo_receiver(systems, hook, walk_in, monkeypatch):
    hook(systems.x, "xa-x")
    monkeypatch.setenv("DEMO_WEBHOOK_RECEIVER_FAIL", "1")
    walk_in()
    assert outbox.drain() == 0
    monkeypatch.delenv("DEMO_WEBHOOK_RECEIVER_FAIL")
    assert outbox.drain(now=timezone.now() + datetime.timedelta(minutes=5)) == 2


def test_a_dead_letter_lets_the_rest_go_and_is_resent_with_the_same_id(
    systems, hook, walk_in, people, monkeypatch
):
    monkeypatch.setenv("WEBHOOK_MAX_ATTEMPTS", "1")
    subscriber = hook(systems.x, "xa-x", events=["dossier.status_changed"])
    DemoReceiver.objects.filter(name="xa-x").update(failing=True)
    dossier = walk_in()
    outbox.drain()
    dead = WebhookDelivery.objects.get(subscriber=subscriber)
    assert dead.state == DeliveryState.DEAD
    DemoReceiver.objects.filter(name="xa-x").update(failing=False)
    dossier_services.assign(dossier, actor=people.desk_x)
    assert outbox.drain() == 1
    assert outbox.resend(dead, actor=people.desk_x)
    assert outbox.drain() == 1
    assert [b["id"] for b in bodies("xa-x")][-1] == dead.key
    # Re-sending a delivered one sends the same id: the receiver can tell it is a repeat.
    assert outbox.resend(dead, actor=people.desk_x)
    outbox.drain()
    repeats = DemoReceipt.objects.filter(delivery_key=dead.key).order_by("id")
    assert [r.duplicate for r in repeats] == [False, True]


def test_a_subscriber_held_by_another_worker_is_not_sent_twice(systems, hook, walk_in):
    subscriber = hook(systems.x, "xa-x")
    walk_in()
    now = timezone.now()
    assert outbox._take_lease(subscriber.pk, now)
    assert outbox.deliver(subscriber.pk, now=now).delivered == 0
    assert not received("xa-x")
    # The lease of a worker that died expires.
    assert outbox.deliver(subscriber.pk, now=now + outbox.LEASE * 2).delivered == 2
    assert outbox.drain(now=now + outbox.LEASE * 3) == 0
    assert len(received("xa-x")) == 2


# --- only the subscriber's agencies ---


def test_no_event_of_another_agencys_dossier(systems, hook, walk_in, people, tree):
    hook(systems.x, "xa-x")
    hook(systems.y, "xa-y")
    hook(systems.province, "tinh")
    at_x = walk_in()
    at_y = walk_in(
        actor=people.desk_y, receiving_unit=tree.commune_y, resolving_agency=tree.commune_y
    )
    dossiers = type("Dossiers", (), {"x": at_x, "y": at_y})
    outbox.drain()
    assert {b["data"]["dossier"]["code"] for b in bodies("xa-x")} == {dossiers.x.code}
    assert {b["data"]["dossier"]["code"] for b in bodies("xa-y")} == {dossiers.y.code}
    assert {b["data"]["dossier"]["code"] for b in bodies("tinh")} == {
        dossiers.x.code,
        dossiers.y.code,
    }


def test_no_event_for_a_revoked_client_or_a_stopped_subscriber(systems, hook, walk_in):
    from motcua.api import services as clients

    hook(systems.x, "xa-x")
    stopped = hook(systems.x, "tam-dung")
    services.change(stopped, actor=None, url=stopped.url, events=stopped.events, active=False)
    clients.revoke_client(systems.x.client, actor=None)
    walk_in()
    assert not WebhookDelivery.objects.exists()


def test_registering_needs_a_url_events_and_the_right_to_read_dossiers(systems):
    with pytest.raises(ValidationError) as error:
        services.register(
            actor=None,
            client=systems.catalogue_only.client,
            name="",
            url="ftp://x",
            events=["dossier.deleted"],
        )
    assert set(error.value.message_dict) == {"name", "url", "events", "client"}


# --- the administration and the command ---


def test_the_admin_shows_the_log_and_resends(systems, hook, walk_in, admin_client):
    subscriber = hook(systems.x, "xa-x", events=["dossier.received"])
    DemoReceiver.objects.filter(name="xa-x").update(failing=True)
    walk_in()
    outbox.drain()
    delivery = WebhookDelivery.objects.get(subscriber=subscriber)
    page = admin_client.get(f"/admin/api/webhookdelivery/{delivery.pk}/change/")
    assert page.status_code == 200
    assert "HTTP 503" in page.content.decode()
    listing = admin_client.get("/admin/api/webhooksubscriber/")
    assert listing.status_code == 200 and "xa-x" in listing.content.decode()
    DemoReceiver.objects.filter(name="xa-x").update(failing=False)
    response = admin_client.post(
        "/admin/api/webhookdelivery/",
        {"action": "resend", "_selected_action": [delivery.pk]},
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.attempts == 0 and delivery.next_attempt_at <= timezone.now()
    assert outbox.drain() == 1
    assert [b["id"] for b in bodies("xa-x")] == [delivery.key]


def test_the_admin_registers_a_subscriber_and_shows_its_secret_once(systems, admin_client):
    response = admin_client.post(
        "/admin/api/webhooksubscriber/add/",
        {
            "client": systems.x.client.pk,
            "name": "QLVB xã X",
            "url": "https://qlvb.example/hooks",
            "events": ["dossier.result_ready"],
            "active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    subscriber = WebhookSubscriberModel.objects.get(name="QLVB xã X")
    assert subscriber.events == ["dossier.result_ready"]
    assert subscriber.secret in response.content.decode()
    refused = admin_client.post(
        "/admin/api/webhooksubscriber/add/",
        {
            "client": systems.catalogue_only.client.pk,
            "name": "Cổng",
            "url": "https://cong.example/hooks",
            "events": ["dossier.received"],
            "active": "on",
        },
    )
    assert refused.status_code == 200  # the form again, with the reason
    assert "dossiers:read" in refused.content.decode()


def test_the_command_registers_lists_and_drains(systems, walk_in):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    url = f"{site_url()}/api/v1/demo/webhooks/cli/"
    call_command(
        "webhooks",
        "register",
        systems.x.client.client_id,
        "--name",
        "cli",
        "--url",
        url,
        "--event",
        "dossier.received",
        stdout=out,
    )
    secret = next(line for line in out.getvalue().splitlines() if line.startswith("secret: "))[8:]
    call_command("webhooks", "demo-receiver", "cli", "--secret", secret, stdout=out)
    walk_in()
    call_command("webhooks", "list", stdout=out)
    assert "pending=1" in out.getvalue()
    call_command("webhooks", "drain", stdout=out)
    assert "Delivered 1." in out.getvalue()
    assert [b["type"] for b in bodies("cli")] == ["dossier.received"]


def test_the_guides_verification_code_accepts_our_requests_and_refuses_forgeries():
    """The Python given to integrators in docs/api.md, run as they would run it."""
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text()
    section = guide[guide.index("## Webhooks") :]
    start = section.index("```python") + len("```python")
    code = section[start : section.index("```", start)]
    namespace: dict = {}
    exec(compile(code, "docs/api.md", "exec"), namespace)  # noqa: S102 (our own guide)
    verify = namespace["verify"]
    body = json.dumps({"id": "whd_1", "type": "dossier.received"}).encode()
    headers = signing.headers("whsec_x", body, key="whd_1", event_type="dossier.received")
    verify("whsec_x", body, headers)
    with pytest.raises(ValueError):
        verify("whsec_other", body, headers)
    with pytest.raises(ValueError):
        verify("whsec_x", body + b" ", headers)
    old = signing.headers("whsec_x", body, key="whd_1", event_type="x", now=time.time() - 600)
    with pytest.raises(ValueError):
        verify("whsec_x", body, old)


def test_what_was_queued_for_a_client_revoked_since_is_not_sent(systems, hook, walk_in):
    from motcua.api import services as clients

    hook(systems.x, "xa-x")
    walk_in()
    assert WebhookDelivery.objects.count() == 2
    clients.revoke_client(systems.x.client, actor=None)
    assert outbox.drain() == 0
    assert not DemoReceipt.objects.exists()


# --- the task queue ---


def test_the_delivery_task_is_queued_after_commit_and_schedules_its_retry(
    systems, hook, walk_in, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from motcua.api.webhooks.tasks import deliver_webhooks

    subscriber = hook(systems.x, "xa-x", events=["dossier.received"])
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        walk_in()
        # Inside the transaction nothing is queued yet.
        assert not DBTaskResult.objects.filter(task_path__endswith="deliver_webhooks").exists()
    for callback in callbacks:
        callback()
    queued = DBTaskResult.objects.get(task_path__endswith="deliver_webhooks")
    assert queued.args_kwargs["args"] == [subscriber.pk]
    # The worker runs it: the receiver is down, so the task schedules its own retry.
    DemoReceiver.objects.filter(name="xa-x").update(failing=True)
    DBTaskResult.objects.all().delete()
    assert deliver_webhooks.call(subscriber.pk) == 0
    retry = DBTaskResult.objects.get(task_path__endswith="deliver_webhooks")
    delivery = WebhookDelivery.objects.get(subscriber=subscriber)
    assert retry.run_after == delivery.next_attempt_at
    DemoReceiver.objects.filter(name="xa-x").update(failing=False)
    assert deliver_webhooks.call(subscriber.pk) == 0  # not due yet: no attempt
    assert outbox.drain(now=delivery.next_attempt_at) == 1

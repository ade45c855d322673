"""The national portal sync end to end against the demo portal: every state change queued in its
own transaction, delivered in order, idempotent, retried, dead-lettered, reconciled."""

import datetime
import time

import pytest
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Event
from motcua.dossiers.national import NationalStatus
from motcua.integrations.models import (
    DemoPortalDelivery,
    DemoPortalDossier,
    DemoPortalProgress,
    MessageState,
    PortalCursor,
    PortalMessage,
    PortalService,
)
from motcua.integrations.portal import outbox, payloads, registry, schema
from motcua.integrations.portal.base import PortalError
from motcua.integrations.portal.reconcile import reconcile

from .conftest import vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal_down(monkeypatch):
    def switch(mode: str = "500"):
        if mode:
            monkeypatch.setenv("DEMO_DVCQG_FAIL", mode)
        else:
            monkeypatch.delenv("DEMO_DVCQG_FAIL", raising=False)

    return switch


def test_every_change_is_queued_with_its_event_and_delivered_in_order(walk_in, resolve):
    dossier = resolve(walk_in(at=vn(2026, 3, 2, 9, 0)))
    events = list(Event.objects.filter(dossier=dossier).order_by("sequence"))
    messages = list(PortalMessage.objects.filter(dossier=dossier).order_by("sequence"))
    # One record and one step per event, in the events' order.
    assert [(m.event_id, m.service) for m in messages] == [
        (e.pk, s) for e in events for s in (PortalService.DOSSIER, PortalService.PROGRESS)
    ]
    assert all(m.state == MessageState.PENDING for m in messages)

    assert outbox.drain() > 0

    held = DemoPortalDossier.objects.get(code=dossier.code)
    assert held.status == NationalStatus.DELIVERED == 10
    assert held.record["NgayTra"] == "20260302160000"
    assert held.record["DanhSachGiayToKetQua"][0]["GiayToId"] == f"{dossier.code}-KQ1"
    assert held.out_of_order == 0
    steps = list(DemoPortalProgress.objects.filter(code=dossier.code).order_by("id"))
    assert [s.at for s in steps] == [payloads.stamp(e.at) for e in events]
    assert [s.status for s in steps] == [
        int(NationalStatus(m.national_status)) for m in messages[1::2]
    ]
    cursor = PortalCursor.objects.get(dossier=dossier)
    assert cursor.last_national_status == 10 and cursor.received_synced_at is not None
    assert not PortalMessage.objects.filter(dossier=dossier, state=MessageState.PENDING).exists()
    # The first record already held the returned dossier: the later ones were not sent again.
    assert PortalMessage.objects.filter(dossier=dossier, superseded=True).count() == len(events) - 1


def test_a_refused_action_queues_nothing(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    before = PortalMessage.objects.count()
    with pytest.raises(Exception):  # noqa: B017 (any refusal)
        services.approve(dossier, actor=people.citizen_a, at=vn(2026, 3, 2, 10, 0))
    assert PortalMessage.objects.count() == before == 2


def test_every_record_built_along_the_journey_satisfies_the_portal_schema(walk_in, people, resolve):
    for channel in ("direct", "postal"):
        dossier = walk_in(at=vn(2026, 3, 2, 9, 0), channel=channel)
        dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
        dossier = services.request_supplement(
            dossier,
            actor=people.specialist_x,
            items=[{"name": "Bản sao giấy khai sinh", "reason": "Mờ"}],
            at=vn(2026, 3, 3, 9, 0),
        )
        record = payloads.dossier_record(payloads.load(dossier.pk))
        assert schema.errors("DongBoHoSoMC", {"service": "DongBoHoSoMC", "data": [record]}) == []
        assert record["TrangThaiHoSo"] == 5
        assert record["KenhThucHien"] == {"direct": 1, "postal": 3}[channel]
        supplement = record["DanhSachHoSoBoSung"][0]
        assert supplement["NgayHenTraTruoc"] == payloads.stamp(dossier.due_at)
        assert supplement["TrangThaiBoSung"] == 0
    for event in Event.objects.select_related("dossier", "actor", "actor_unit", "step"):
        item = payloads.progress_item(event)
        assert (
            schema.errors("CapNhatTienDoHoSoMC", {"service": "CapNhatTienDoHoSoMC", "data": [item]})
            == []
        )


@pytest.mark.parametrize(
    "broken",
    [
        {"TrangThaiHoSo": 11},
        {"KenhThucHien": 4},
        {"NgayTiepNhan": "02/03/2026"},
        {"TrangThaiHoSo": 10, "NgayTra": ""},
        {
            "DanhSachGiayToKetQua": [
                {"TenGiayTo": "x", "GiayToId": "no-suffix", "DuongDanTepTinKetQua": ""}
            ]
        },
    ],
)
def test_the_schema_refuses_what_the_portal_would(walk_in, broken):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    record = payloads.dossier_record(payloads.load(dossier.pk)) | broken
    assert schema.errors("DongBoHoSoMC", {"service": "DongBoHoSoMC", "data": [record]})


def test_the_demo_portal_wants_its_token_and_valid_data(client):
    assert (
        client.post("/integrations/demo/dvcqg/", {}, content_type="application/json").status_code
        == 401
    )
    bad = client.post(
        "/integrations/demo/dvcqg/token/",
        {"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"},
    )
    assert bad.status_code == 401
    good = client.post(
        "/integrations/demo/dvcqg/token/",
        {
            "grant_type": "client_credentials",
            "client_id": "motcua-tinh-demo",
            "client_secret": "demo-dvcqg-secret-not-for-production",
        },
    )
    token = good.json()["access_token"]
    answer = client.post(
        "/integrations/demo/dvcqg/",
        {"service": "DongBoHoSoMC", "data": [{"MaHoSo": "X"}]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 400 and answer.json()["error_code"] == 2
    assert any("MaTTHC" in e for e in answer.json()["errors"])
    forged = client.post(
        "/integrations/demo/dvcqg/",
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}x"},
    )
    assert forged.status_code == 401


def test_the_same_message_twice_is_applied_once(walk_in):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    message = PortalMessage.objects.get(dossier=dossier, service=PortalService.PROGRESS)
    item = payloads.progress_item(message.event)
    portal = registry.get("dvcqg")
    first = portal.send(PortalService.PROGRESS, item, key=message.key, sequence=message.sequence)
    second = portal.send(PortalService.PROGRESS, item, key=message.key, sequence=message.sequence)
    assert first == second
    assert DemoPortalProgress.objects.filter(code=dossier.code).count() == 1
    assert DemoPortalDelivery.objects.filter(key=message.key).count() == 1


@pytest.mark.parametrize("mode", ["500", "malformed"])
def test_a_failing_portal_loses_nothing_and_the_retry_waits(walk_in, people, portal_down, mode):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    portal_down(mode)
    assert outbox.drain() == 0
    first = PortalMessage.objects.filter(dossier=dossier).order_by("sequence").first()
    assert first.state == MessageState.PENDING and first.attempts == 1
    assert ("HTTP 500" if mode == "500" else "not JSON") in first.last_error
    assert first.next_attempt_at > timezone.now()
    # More changes while it is down: queued behind, nothing sent out of order.
    services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    assert outbox.drain() == 0
    assert not DemoPortalDossier.objects.exists()
    portal_down("")
    later = timezone.now() + datetime.timedelta(hours=1)
    assert outbox.drain(now=later) == 3  # one record (the others superseded) and two steps
    held = DemoPortalDossier.objects.get(code=dossier.code)
    assert held.status == 4 and held.out_of_order == 0
    assert DemoPortalProgress.objects.filter(code=dossier.code).count() == 2


@pytest.fixture
def slow_answers(monkeypatch):
    """The demo portal's late answer costs no real time: its sleep moves the clock the in-process
    transport reads, so the sender sees the delay whatever the machine's load (a real 0.05 s
    timeout also caught, on a busy machine, calls that were only slow)."""
    from types import SimpleNamespace

    from motcua.integrations import http
    from motcua.integrations.portal.demo import views

    shift = [0.0]

    def sleep(seconds):
        shift[0] += seconds

    monkeypatch.setattr(views, "time", SimpleNamespace(sleep=sleep))
    monkeypatch.setattr(
        http, "time", SimpleNamespace(monotonic=lambda: time.monotonic() + shift[0])
    )


def test_an_answer_lost_in_a_timeout_is_retried_and_applied_once(
    walk_in, portal_down, slow_answers, monkeypatch
):
    # The production timeout (10 s) and the demo's late answer (15 s).
    monkeypatch.delenv("DVCQG_TIMEOUT", raising=False)
    monkeypatch.delenv("DEMO_DVCQG_DELAY", raising=False)
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    portal_down("timeout")
    assert outbox.drain() == 0
    first = PortalMessage.objects.filter(dossier=dossier).order_by("sequence").first()
    assert "Timeout" in first.last_error
    assert DemoPortalDossier.objects.get(code=dossier.code).updates == 1  # applied, unanswered
    portal_down("")
    assert outbox.drain(now=timezone.now() + datetime.timedelta(hours=1)) == 2
    held = DemoPortalDossier.objects.get(code=dossier.code)
    assert held.updates == 1  # the retry carried the same key: applied once
    assert DemoPortalProgress.objects.filter(code=dossier.code).count() == 1


def test_a_refused_message_is_a_dead_letter_that_blocks_its_dossier_until_resent(
    walk_in, people, monkeypatch
):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    real = payloads.dossier_record
    monkeypatch.setattr(payloads, "dossier_record", lambda d, **k: real(d, **k) | {"MaTTHC": ""})
    assert outbox.drain() == 0
    dead = PortalMessage.objects.get(dossier=dossier, sequence=1)
    assert dead.state == MessageState.DEAD and "MaTTHC" in dead.last_error
    assert dead.payload["MaTTHC"] == ""  # what was refused is kept for the administrator
    assert PortalMessage.objects.get(dossier=dossier, sequence=2).state == MessageState.PENDING
    monkeypatch.setattr(payloads, "dossier_record", real)
    assert outbox.drain() == 0  # still blocked: order is kept
    outbox.resend(dead, actor=people.manager)
    assert outbox.drain() == 2
    assert DemoPortalDossier.objects.get(code=dossier.code).status == 2


def test_too_many_failures_make_a_dead_letter(walk_in, portal_down, monkeypatch):
    monkeypatch.setenv("DVCQG_MAX_ATTEMPTS", "3")
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    portal_down("500")
    moment = timezone.now()
    for _ in range(3):
        outbox.drain(now=moment)
        moment += datetime.timedelta(hours=2)
    first = PortalMessage.objects.get(dossier=dossier, sequence=1)
    assert (first.state, first.attempts) == (MessageState.DEAD, 3)


def test_two_workers_never_send_one_dossier_at_once(walk_in):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    now = timezone.now()
    assert outbox._take_lease(dossier.pk, now)
    assert outbox.deliver(dossier.pk, now=now).delivered == 0  # the other worker holds it
    assert not DemoPortalDossier.objects.exists()
    # A worker that died: its lease runs out and the next one delivers.
    assert (
        outbox.deliver(dossier.pk, now=now + outbox.LEASE + datetime.timedelta(seconds=1)).delivered
        == 2
    )


def test_a_day_with_the_portal_down_for_hours_ends_in_sync(walk_in, resolve, portal_down, people):
    day = datetime.date(2026, 3, 2)
    dossiers = [walk_in(at=vn(2026, 3, 2, 8, minute)) for minute in range(0, 50, 10)]
    moment = timezone.now()
    outbox.drain(now=moment)  # the morning's first records go through
    portal_down("500")
    for index, dossier in enumerate(dossiers):
        if index % 2 == 0:
            resolve(dossier)
        else:
            services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))
        moment += datetime.timedelta(minutes=30)
        outbox.drain(now=moment)  # the worker keeps trying through the outage
    with pytest.raises(PortalError):
        reconcile(day)  # the reconciliation needs the portal too
    portal_down("")
    assert not reconcile(day, resend=False).clean  # back, but not yet caught up
    moment += datetime.timedelta(hours=3)
    outbox.drain(now=moment)
    assert not PortalMessage.objects.exclude(state=MessageState.DELIVERED).exists()
    for dossier in dossiers:
        dossier.refresh_from_db()
        held = DemoPortalDossier.objects.get(code=dossier.code)
        assert held.status == (10 if dossier.status == Status.RETURNED else 4)
        assert held.out_of_order == 0
        events = Event.objects.filter(dossier=dossier).count()
        assert DemoPortalProgress.objects.filter(code=dossier.code).count() == events
    assert (
        DemoPortalDelivery.objects.count() == PortalMessage.objects.filter(superseded=False).count()
    )
    result = reconcile(day)
    assert result.clean and not result.resent
    assert sum(result.local.values()) == 5


def test_reconciliation_lists_and_resends_what_the_portal_lacks(walk_in):
    day = datetime.date(2026, 3, 2)
    kept = walk_in(at=vn(2026, 3, 2, 9, 0))
    lost = walk_in(at=vn(2026, 3, 2, 10, 0))
    outbox.drain()
    DemoPortalDossier.objects.filter(code=lost.code).delete()  # the portal lost it
    result = reconcile(day)
    assert [(d.code, d.reason) for d in result.differences] == [(lost.code, "missing")]
    assert result.resent == [lost.code]
    assert outbox.drain() == 1
    assert reconcile(day).clean
    assert DemoPortalDossier.objects.filter(code__in=[kept.code, lost.code]).count() == 2


def test_drafts_are_never_sent(version, tree, people, form_component):
    draft = services.save_draft(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
    )
    assert Event.objects.filter(dossier=draft).exists()  # the draft has its history row
    assert not PortalMessage.objects.filter(dossier=draft).exists()

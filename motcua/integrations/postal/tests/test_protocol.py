"""The demo operator's protocol, from both ends: credentials, schema, tariff, idempotent orders,
and the signed callback (good, forged, replayed, stale, malformed, unknown)."""

import datetime
import json

import pytest
from django.urls import reverse

from motcua.integrations.models import DemoShipment, PostalEvent, PostalStatus
from motcua.integrations.postal import conf
from motcua.integrations.postal.base import OperatorError, OperatorRefused, OrderRequest
from motcua.integrations.postal.contrib.demo import operator
from motcua.integrations.postal.contrib.demo import protocol as p
from motcua.integrations.postal.registry import registry

from .conftest import ADDRESS, postman

API = "/integrations/demo/post/orders/"
GOOD_HEADERS = {
    "HTTP_X_POST_CLIENT": "MOTCUA",
    "HTTP_AUTHORIZATION": "Bearer motcua-demo-post-key-not-for-production",
}
ORDER = {
    "reference": "MC-TEST-1",
    "service": "delivery",
    "recipient": {"name": "Nguyễn Văn An", "phone": "0912345678", "address": ADDRESS},
    "item": {"description": "Kết quả TTHC"},
    "cod_amount": 0,
}


def _post(client, body, **headers):
    return client.post(API, data=json.dumps(body), content_type="application/json", **headers)


@pytest.mark.django_db
def test_the_operator_refuses_unknown_credentials(client):
    assert _post(client, ORDER).status_code == 401
    wrong = GOOD_HEADERS | {"HTTP_AUTHORIZATION": "Bearer guessed"}
    assert _post(client, ORDER, **wrong).status_code == 401
    assert client.get(API + "DM123456785VN/", **wrong).status_code == 401
    assert not DemoShipment.objects.exists()


@pytest.mark.django_db
def test_the_client_says_plainly_when_our_key_is_wrong(monkeypatch):
    monkeypatch.setenv("POSTAL_DEMO_API_KEY", "not-the-key")
    request = OrderRequest("MC1", "delivery", "An", "0912345678", ADDRESS, "Kết quả")
    with pytest.raises(OperatorError, match="xác thực"):
        registry.get("demo").create_order(request)


@pytest.mark.django_db
def test_every_order_is_checked_against_the_schema(client):
    bad = ORDER | {
        "recipient": {"name": "", "phone": "12345", "address": ADDRESS},
        "colour": "red",
    }
    answer = _post(client, bad, **GOOD_HEADERS)
    assert answer.status_code == 400
    details = answer.json()["error"]["details"]
    assert any(d.startswith("recipient/phone:") for d in details)
    assert any(d.startswith("recipient/name:") for d in details)
    assert any("colour" in d for d in details)
    not_json = client.post(API, data="{", content_type="application/json", **GOOD_HEADERS)
    assert not_json.status_code == 400
    assert not DemoShipment.objects.exists()


@pytest.mark.django_db
def test_the_client_reports_the_operators_refusal():
    request = OrderRequest("MC1", "delivery", "An", "0912345678", "ngắn", "Kết quả")
    with pytest.raises(OperatorRefused, match="address"):
        registry.get("demo").create_order(request)


@pytest.mark.parametrize(
    ("address", "zone", "fee"),
    [
        ("Số 1 Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh", "urban", 22000),
        ("Thôn 3, xã Ea Kao, tỉnh Đắk Lắk", "rural", 32000),
        ("Thôn Đông, đặc khu Lý Sơn, tỉnh Quảng Ngãi", "island", 48000),
        ("Khu 2, xã Cô Tô, tỉnh Quảng Ninh", "island", 48000),
    ],
)
def test_the_fee_follows_the_zone_of_the_address(address, zone, fee):
    assert operator.fee_for(address, 0) == (zone, fee)


def test_cash_on_delivery_adds_its_charge():
    assert operator.fee_for(ADDRESS, 500000)[1] == 22000 + 10000
    assert operator.fee_for(ADDRESS, 3000000)[1] == 22000 + 30000


def test_tracking_codes_carry_the_s10_check_digit():
    assert operator._s10("12345678") == "5"  # the UPU S10 worked example
    code = operator.new_tracking_code()
    assert code.startswith("DM") and code.endswith("VN") and len(code) == 13
    assert operator._s10(code[2:10]) == code[10]


@pytest.mark.django_db
def test_an_order_sent_twice_is_one_shipment(client):
    first = _post(client, ORDER, **GOOD_HEADERS)
    again = _post(client, ORDER, **GOOD_HEADERS)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["tracking_code"] == again.json()["tracking_code"]
    assert first.json()["fee"] == 22000 and first.json()["zone"] == "urban"
    assert DemoShipment.objects.count() == 1
    status = client.get(API + first.json()["tracking_code"] + "/", **GOOD_HEADERS).json()
    assert status["status"] == "accepted" and len(status["events"]) == 1
    assert p.problems(status, p.TRACK_ANSWER) == []


@pytest.mark.django_db
def test_cancel_only_before_the_postman_takes_it(client):
    code = _post(client, ORDER, **GOOD_HEADERS).json()["tracking_code"]
    shipment = DemoShipment.objects.get()
    operator.advance(code, PostalStatus.IN_TRANSIT)
    refused = client.post(API + code + "/cancel/", **GOOD_HEADERS)
    assert refused.status_code == 409
    shipment.refresh_from_db()
    assert shipment.status == PostalStatus.IN_TRANSIT
    other = _post(client, ORDER | {"reference": "MC-TEST-2"}, **GOOD_HEADERS).json()
    registry.get("demo").cancel(other["tracking_code"])
    assert DemoShipment.objects.get(tracking_code=other["tracking_code"]).status == "cancelled"


# --- The callback --------------------------------------------------------------------------------

CALLBACK = reverse("integrations:postal_callback", args=["demo"])


def _callback_body(order, status="in_transit", event_id=None, at="2026-03-04T02:00:00Z"):
    return p.dumps(
        {
            "tracking_code": order.tracking_code,
            "reference": order.reference,
            "status": status,
            "events": [
                {
                    "id": event_id or f"{order.tracking_code}-9",
                    "status": status,
                    "at": at,
                    "place": "Trung tâm khai thác",
                    "note": "",
                }
            ],
        }
    )


def _send(client, body, headers):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    extra.pop("HTTP_CONTENT_TYPE", None)
    return client.post(CALLBACK, data=body, content_type="application/json", **extra)


def _signed(body, now, secret=None):
    return p.signed_headers(secret or conf.demo_callback_secret(), body, now)


def test_a_signed_callback_is_applied_once_even_when_replayed(client, sent, clock):
    body = _callback_body(sent)
    headers = _signed(body, datetime.datetime.now(datetime.UTC))
    first = _send(client, body, headers)
    assert first.status_code == 200 and first.json()["result"] == "ok"
    clock.shift(datetime.timedelta(seconds=30))
    replay = _send(client, body, headers)
    assert replay.status_code == 200 and replay.json()["result"] == "duplicate"
    assert PostalEvent.objects.filter(order=sent, status="in_transit").count() == 1
    sent.refresh_from_db()
    assert sent.status == PostalStatus.IN_TRANSIT


def test_a_forged_callback_changes_nothing(client, sent):
    body = _callback_body(sent, status="delivered")
    now = datetime.datetime.now(datetime.UTC)
    for headers in (
        _signed(body, now, secret="someone-else"),
        {k: v for k, v in _signed(body, now).items() if k != p.SIGNATURE_HEADER},
        _signed(b"{}", now) | {"Content-Type": "application/json"},
    ):
        answer = _send(client, body, headers)
        assert answer.status_code == 401
    sent.refresh_from_db()
    assert sent.status == PostalStatus.ACCEPTED
    assert not PostalEvent.objects.filter(order=sent).exists()
    assert sent.dossier.status == "result_ready"


def test_a_stale_or_future_callback_is_refused(client, sent, clock):
    body = _callback_body(sent)
    old = _signed(body, datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=6))
    assert _send(client, body, old).status_code == 401
    future = _signed(body, datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=6))
    assert _send(client, body, future).status_code == 401
    captured = _signed(body, datetime.datetime.now(datetime.UTC))
    clock.shift(datetime.timedelta(minutes=10))  # played back later
    assert _send(client, body, captured).status_code == 401
    assert not PostalEvent.objects.exists()


def test_a_signed_but_malformed_or_unknown_callback(client, sent):
    now = datetime.datetime.now(datetime.UTC)
    bad = p.dumps({"tracking_code": sent.tracking_code, "status": "lost"})
    assert _send(client, bad, _signed(bad, now)).status_code == 400
    sent.tracking_code, sent.reference = "DM000000000VN", "x"
    unknown = _callback_body(sent)
    assert _send(client, unknown, _signed(unknown, now)).status_code == 404
    assert not PostalEvent.objects.exists()


def test_the_operators_push_is_signed_and_accepted(sent):
    from .conftest import push

    event = postman(sent, "in_transit")
    assert push(event) == "pushed"
    assert push(event) == "already"
    sent.refresh_from_db()
    assert sent.status == PostalStatus.IN_TRANSIT
    assert sent.events.get(status="in_transit").source == "push"


@pytest.mark.django_db
def test_without_its_secrets_the_demo_operator_is_closed_not_crashing(
    client, settings, monkeypatch
):
    import sys

    settings.DEBUG = False
    monkeypatch.delitem(sys.modules, "pytest")  # as in production: no demo secrets by default
    try:
        answer = _post(client, ORDER, **GOOD_HEADERS)
    finally:
        monkeypatch.undo()
    assert answer.status_code == 503 and answer.json()["error"]["code"] == "not_configured"

"""Callbacks cannot fill the database (#17 item 2): a refused message is only counted, a
verified one keeps only its protocol's fields, each sender is rate-limited, the body capped."""

import json

import pytest
from django.core.cache import cache

from motcua.payments import services
from motcua.payments.constants import Outcome, Source
from motcua.payments.models import GatewayMessage, RefusedMessageCount

from .conftest import forged_result, paygov_result

pytestmark = pytest.mark.django_db

JUNK = "x" * 5_000  # under the body limit (twice), far over any field of the protocol


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_ten_unsigned_notifications_with_junk_leave_one_counted_row(client, awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    unsigned = {"mc_TxnRef": str(txn.pk), "mc_Junk": JUNK, "junk": JUNK}
    for _ in range(10):
        response = client.post("/payments/ipn/demo/", unsigned)
        assert response.json()["RspCode"] == "97"
    assert not GatewayMessage.objects.exists()
    row = RefusedMessageCount.objects.get()
    assert (row.gateway, row.source, row.outcome) == ("demo", Source.IPN, Outcome.BAD_SIGNATURE)
    assert row.count == 10 and row.address == "127.0.0.1"
    # Nothing of the junk is stored anywhere in the row.
    assert all(len(str(getattr(row, f.attname))) < 100 for f in row._meta.concrete_fields)


def test_junk_json_to_the_national_platform_address_is_counted_not_kept(client):
    body = json.dumps({"MaThamChieu": "1", "Junk": JUNK})
    for _ in range(3):
        client.post("/payments/ipn/dvcqg/", body, content_type="application/json")
    client.post("/payments/ipn/dvcqg/", "[" + "1," * 2000 + "1]", content_type="application/json")
    assert not GatewayMessage.objects.exists()
    counts = dict(RefusedMessageCount.objects.values_list("outcome", "count"))
    assert sum(counts.values()) == 4


def test_a_verified_message_keeps_only_the_protocol_fields(awaiting, people):
    txn = services.start_payment(awaiting, actor=people.citizen_a)
    params = forged_result(txn) | {"utm_source": JUNK, "extra": "y"}
    outcome, _txn = services.apply_gateway_message("demo", params, source=Source.IPN)
    assert outcome == Outcome.APPLIED
    kept = GatewayMessage.objects.get().params
    assert set(kept) <= {*forged_result(txn)} and "utm_source" not in kept
    assert kept["mc_TxnRef"] == str(txn.pk)


def test_a_verified_national_platform_message_keeps_only_its_fields(awaiting, people):
    from motcua.payments.tests.test_paygov_protocol import start

    txn = start(awaiting, people)
    params = paygov_result(txn) | {"Junk": JUNK}
    assert services.apply_gateway_message("dvcqg", params, source=Source.IPN)[0] == (
        Outcome.APPLIED
    )
    assert "Junk" not in GatewayMessage.objects.get().params


def test_a_sender_over_its_rate_is_refused_before_anything_is_read(client, settings):
    settings.CALLBACK_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert client.post("/payments/ipn/demo/", {"mc_TxnRef": "1"}).status_code == 200
    over = client.post("/payments/ipn/demo/", {"mc_TxnRef": "1"})
    assert over.status_code == 429 and over["Retry-After"] == "60"
    assert RefusedMessageCount.objects.get().count == 3
    # Another sender is not slowed down by the first one.
    other = client.post("/payments/ipn/demo/", {"mc_TxnRef": "1"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.django_db
def test_the_postal_callback_is_rate_limited_by_sender(client, settings):
    settings.CALLBACK_RATE_PER_MINUTE = 2
    url = "/integrations/postal/callback/demo/"
    statuses = [client.post(url, "{}", content_type="application/json").status_code for _ in "abc"]
    assert statuses == [401, 401, 429]


@pytest.mark.django_db
def test_the_postal_callback_body_is_capped(client):
    url = "/integrations/postal/callback/demo/"
    response = client.post(
        url, json.dumps({"junk": "x" * 100_000}), content_type="application/json"
    )
    assert response.status_code == 413

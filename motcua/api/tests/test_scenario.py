"""A sector system's day, over HTTP only, as docs/api.md tells it: a token, a dossier created
for an applicant, processed to its returned result, and every webhook it subscribed to received
and verified by its receiver — while the other commune's system hears nothing."""

import base64
import json
from io import BytesIO

from motcua.api import services as clients
from motcua.api.models import DemoReceipt, DemoReceiver
from motcua.api.webhooks import outbox
from motcua.api.webhooks import services as webhooks
from motcua.documents.tests import samples
from motcua.integrations.http import site_url
from motcua.signatures.tests.helpers import simple_pdf

DOSSIERS = "/api/v1/dossiers/"


def test_create_process_return_and_hear_of_it(client, version, tree, token, systems):
    system = clients.create_client(
        actor=None,
        name="Phần mềm hộ tịch xã X",
        agencies=[tree.commune_x],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["desk_officer", "specialist", "agency_leader", "registry_clerk"],
    )
    hooks = {}
    for issued, name in ((system, "ho-tich"), (systems.y, "xa-y")):
        registered = webhooks.register(
            actor=None,
            client=issued.client,
            name=name,
            url=f"{site_url()}/api/v1/demo/webhooks/{name}/",
            events=["dossier.received", "dossier.status_changed", "dossier.result_ready"],
        )
        DemoReceiver.objects.create(name=name, secret=registered.secret)
        hooks[name] = registered.subscriber
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token(system)}"}

    form = base64.b64encode(samples.pdf("to khai")).decode()
    created = client.post(
        DOSSIERS,
        {
            "procedure": "9.000001",
            "receiving_unit": tree.commune_x.code,
            "applicant": {"name": "Trần Thị Bình", "id_number": "068190004321"},
            "components": [{"component": 1, "files": [{"name": "to-khai.pdf", "content": form}]}],
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="ho-tich-0001",
        **auth,
    )
    assert created.status_code == 201, created.content
    location, etag = created["Location"], created["ETag"]
    code = created.json()["code"]

    def act(action, body=None, **kwargs):
        nonlocal etag
        path = f"{location}actions/{action}/"
        if body is not None and "file" in body:
            response = client.post(path, body, HTTP_IF_MATCH=etag, **auth)
        else:
            response = client.post(
                path, body or {}, content_type="application/json", HTTP_IF_MATCH=etag, **auth
            )
        assert response.status_code == 200, (action, response.content)
        etag = response["ETag"]
        return response.json()

    act("assign", {"note": "Chuyển công chức hộ tịch"})
    act("complete_step", {"note": "Đủ điều kiện"})
    act("approve", {"decision": "granted"})
    result = BytesIO(simple_pdf("Trích lục khai tử"))
    result.name = "trich-luc.pdf"
    act("record_result", {"document_number": "07/TLKT", "file": result})
    done = act(
        "return_result", {"recipient_name": "Trần Thị Bình", "recipient_id_number": "068190004321"}
    )
    assert done["status"]["code"] == "returned"

    # Deliveries leave after commit through the task queue; the drain stands in for the worker.
    outbox.drain()
    got = DemoReceipt.objects.filter(receiver__name="ho-tich").order_by("id")
    assert got and all(r.accepted and not r.duplicate for r in got)
    bodies = [json.loads(r.body) for r in got]
    assert {b["data"]["dossier"]["code"] for b in bodies} == {code}
    statuses = [b["data"]["event"]["to_status"] for b in bodies if b["type"].endswith("changed")]
    assert statuses[0] == "received" and statuses[-1] == "returned"
    assert "result_ready" in statuses
    assert [b["type"] for b in bodies].count("dossier.result_ready") == 1
    assert not DemoReceipt.objects.filter(receiver__name="xa-y").exists()
    # The receiver can read what it was told of, at the URL the webhook gave.
    detail = client.get(bodies[-1]["data"]["dossier"]["url"], **auth)
    assert detail.status_code == 200 and detail.json()["status"]["code"] == "returned"

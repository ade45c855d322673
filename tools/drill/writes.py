"""The drill's writes: a dossier with one PDF received through the API, in-process (the same
view, service and storage as a request through a web server)."""

from __future__ import annotations

import json
import uuid

_state: dict = {}


def _client():
    if not _state:
        from django.test import Client

        from benchmarks.http.scenarios import OFFICER, _api_samples
        from motcua.accounts.models import User

        basic, body = _api_samples(User.objects.get(username=OFFICER))
        client = Client()
        answer = client.post(
            "/api/v1/oauth/token/",
            {"grant_type": "client_credentials"},
            headers={"authorization": basic},
        )
        _state.update(
            client=client, body=json.loads(body), bearer="Bearer " + answer.json()["access_token"]
        )
    return _state["client"], _state["body"], _state["bearer"]


def receive_one() -> str:
    client, body, bearer = _client()
    key = f"drill-{uuid.uuid4().hex[:16]}"
    answer = client.post(
        "/api/v1/dossiers/",
        dict(body, applicant=dict(body["applicant"], name=f"Diễn tập {key}")),
        content_type="application/json",
        headers={"authorization": bearer, "idempotency-key": key},
    )
    if answer.status_code != 201:
        raise RuntimeError(f"{answer.status_code}: {answer.content[:200]!r}")
    return answer.json()["code"]

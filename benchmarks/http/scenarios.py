"""The scenarios of the HTTP benchmark: what is requested, as whom, and which floor it is held
against. Runs inside a Django process on motcua's settings (``samples`` reads the database).

A scenario is one entry of ``SCENARIOS``; to add one (the portal's submission flow, for
instance), append a ``Scenario`` whose ``requests`` builds its requests from the samples. A
scenario of several requests is driven in turn, request after request, by each connection (wrk
through a small Lua script, or the Python load generator); ``Request.body`` makes a POST.
``signed_in`` names the sample account whose session cookie goes with every request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

# The officer the queue and dossier scenarios sign in as: a desk officer of Xuân Hương, who sees
# everything received at the ward's desk (the largest queue of a commune).
OFFICER = "xuanhuong.motcua"
# How deep the "deep page" goes: the cursor after this many rows (20 pages of 50).
DEEP_ROWS = 1000


@dataclass(frozen=True)
class Request:
    path: str
    method: str = "GET"
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    name: str
    # "ok" (the bare view) or "pk" (a one-row primary-key SELECT): what the floor app serves.
    floor: str
    requests: Callable[[dict], list[Request]]
    # Key of the session cookie in the samples ("" = anonymous).
    signed_in: str = ""
    note: str = ""


def _get(path: str, **query) -> list[Request]:
    return [Request(f"{path}?{urlencode(query)}" if query else path)]


SCENARIOS: list[Scenario] = [
    Scenario(
        "tracking",
        "pk",
        lambda s: _get("/track/", code=s["track_code"], last4=s["track_last4"]),
        note="public tracking by code and last 4 digits",
    ),
    Scenario("queue-first", "ok", lambda s: _get("/backoffice/queue/"), signed_in="officer"),
    Scenario(
        "queue-deep",
        "ok",
        lambda s: _get("/backoffice/queue/", after=s["deep_cursor"]),
        signed_in="officer",
        note=f"the page after {DEEP_ROWS} rows",
    ),
    Scenario(
        "queue-filtered",
        "ok",
        lambda s: _get("/backoffice/queue/", procedure=s["busiest_procedure"], due="overdue"),
        signed_in="officer",
        note="one procedure, overdue",
    ),
    Scenario(
        "queue-search",
        "ok",
        lambda s: _get("/backoffice/queue/", q=s["search_name"]),
        signed_in="officer",
        note="applicant's name, without diacritics",
    ),
    Scenario(
        "dossier-page",
        "pk",
        lambda s: _get(f"/backoffice/dossiers/{s['dossier_code']}/"),
        signed_in="officer",
        note="the officer's richest open dossier (steps, history, documents)",
    ),
    # The portal's submission flow (start → applicant → documents → delivery → submit) goes
    # here as a Scenario of several requests (signed_in="citizen"), with its floor "pk".
    # The REST API (#16 item 7), as a connected system calls it with its bearer token.
    Scenario(
        "api-list",
        "pk",
        lambda s: _api("/api/v1/dossiers/", s),
        note="first page (50) of the ward's dossiers",
    ),
    Scenario(
        "api-detail",
        "pk",
        lambda s: _api(f"/api/v1/dossiers/{s['dossier_code']}/", s),
        note="the richest open dossier: history, steps, pauses, fees, documents, results",
    ),
    Scenario(
        "api-create",
        "pk",
        lambda s: [
            Request(
                "/api/v1/dossiers/",
                method="POST",
                body=s["api_create_body"],
                headers={"Authorization": _token(s), "Content-Type": "application/json"},
            )
        ],
        note="a dossier received for an applicant, one PDF per component",
    ),
]


def _api(path: str, samples: dict) -> list[Request]:
    return [Request(path, headers={"Authorization": _token(samples)})]


def _token(samples: dict) -> str:
    """A fresh bearer token from the real token endpoint, when a scenario's requests are built:
    tokens live 5 minutes (ACCESS_TOKEN_EXPIRE_SECONDS), less than a whole run."""
    from django.test import Client

    answer = Client().post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials"},
        headers={"authorization": samples["api_basic"]},
    )
    return "Bearer " + answer.json()["access_token"]


def by_name(names: list[str] | None) -> list[Scenario]:
    if not names:
        return SCENARIOS
    known = {s.name: s for s in SCENARIOS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in names]


def samples() -> dict:
    """Everything the scenarios need, read from the database: codes, a deep cursor, a name to
    search, a signed-in session for the officer. The same sample on every run of one database."""
    from django.conf import settings
    from django.db.models import Count, Q
    from django.test import Client

    from motcua.accounts.models import User
    from motcua.backoffice import selectors
    from motcua.dossiers.constants import TERMINAL, Status
    from motcua.dossiers.models import Dossier

    officer = User.objects.get(username=OFFICER)
    queue = selectors.queue(officer, selectors.QueueFilters())
    # The cursor after DEEP_ROWS rows, walked the way the pages are (keyset, no OFFSET).
    deep_cursor = ""
    for _ in range(DEEP_ROWS // selectors.PAGE_SIZE):
        _rows, deep_cursor = selectors.page(queue, deep_cursor)
        if not deep_cursor:
            break
    busiest = (
        queue.order_by()
        .values("procedure_version__procedure__code")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    named = queue.exclude(applicant_search="").order_by("-pk").values("applicant_search").first()
    tracked = (
        Dossier.objects.exclude(status=Status.DRAFT)
        .exclude(applicant_phone="")
        .order_by("-pk")
        .values("code", "applicant_phone")
        .first()
    )
    richest = (
        selectors.Reader(officer)
        .visible.exclude(status__in=TERMINAL)
        .annotate(
            n_events=Count("events", distinct=True),
            n_docs=Count("components", distinct=True, filter=Q(components__files__isnull=False)),
        )
        .order_by("-n_events", "-n_docs", "pk")
        .values("code")
        .first()
    )
    client = Client()
    client.force_login(officer)
    _second_factor_verified(client, officer)
    cookie = settings.SESSION_COOKIE_NAME
    api_basic, api_create_body = _api_samples(officer)
    return {
        "api_basic": api_basic,
        "api_create_body": api_create_body,
        "officer": f"{cookie}={client.cookies[cookie].value}",
        "officer_username": OFFICER,
        "deep_cursor": deep_cursor,
        "busiest_procedure": busiest["procedure_version__procedure__code"] if busiest else "",
        # Two words of the folded name ("nguyen van"): a search that matches many.
        "search_name": " ".join(named["applicant_search"].split()[:2]) if named else "nguyen",
        "track_code": tracked["code"],
        "track_last4": tracked["applicant_phone"][-4:],
        "dossier_code": richest["code"],
    }


# A connected system of the officer's ward: the one-stop software of Xuân Hương, with a desk
# officer's role, as `manage.py api_client create` makes it; a new one on each run (its secret
# is kept hashed, so an earlier one cannot be reused).
API_PROCEDURE = "2.000815"  # chứng thực bản sao từ bản chính: the ward's busiest procedure


def _api_samples(officer) -> tuple[str, str]:
    """The client's HTTP Basic credentials (for the token endpoint) and the body of a dossier
    creation."""
    import base64
    import json

    from motcua.api import services as clients
    from motcua.catalog import selectors as catalog
    from motcua.signatures.tests.helpers import simple_pdf

    unit = officer.memberships.order_by("pk").first().unit
    issued = clients.create_client(
        actor=None,
        name="Benchmark: phần mềm một cửa",
        agencies=[unit],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["desk_officer"],
    )
    basic = base64.b64encode(f"{issued.client.client_id}:{issued.client_secret}".encode()).decode()
    version = catalog.published_version_on(API_PROCEDURE)
    content = base64.b64encode(simple_pdf("Giấy tờ")).decode()
    body = {
        "procedure": API_PROCEDURE,
        "receiving_unit": unit.code,
        "applicant": {"name": "Nguyễn Văn Thử", "id_number": "068080009999", "phone": "0912000999"},
        "answers": {field["name"]: _answer(field) for field in version.form_fields or []},
        "components": [
            {
                "component": component.order,
                "files": [{"name": "giay-to.pdf", "content": content}],
                "paper_originals": 1,
            }
            for component in version.components.all()
        ],
    }
    # ASCII JSON (\uXXXX escapes): the same bytes through wrk's Lua and Python's http.client.
    return f"Basic {basic}", json.dumps(body)


def _answer(field: dict):
    """A plausible answer to one field of the procedure's form (tờ khai)."""
    kind = field.get("kind")
    if kind == "integer":
        return field.get("min", 1)
    if kind == "date":
        return "2020-01-02"
    if field.get("options"):
        first = field["options"][0]
        return first.get("value", first) if isinstance(first, dict) else first
    return "Giấy khai sinh"


def _second_factor_verified(client, officer) -> None:
    """Production settings ask officers for a second factor: the session is marked verified by
    the officer's authenticator app (made once, for the benchmark database), as the code page
    leaves it after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=officer, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=officer, name="benchmark")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

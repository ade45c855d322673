"""A small public catalogue for the API tests, made through the catalogue services:

- 1.000100 "Đăng ký khai sinh" (field HT, commune, fully online): version 1 from 2025-07-01 with
  a charge of 8.000 đồng, replaced on 2026-01-01 by version 2 where the charge is waived
  ("miễn") and extracts cost 8.000 đồng a copy, counted from the form's field ``so_ban``;
- 2.000200 "Chứng thực bản sao từ bản chính" (field CT, commune, partly online): 2.000 đồng a
  page, 1.000 đồng from the third page, at most 200.000 đồng a copy;
- 3.000300 "Cấp giấy phép xây dựng" (province, not online): published for 2030 only.
"""

import base64
import copy
import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from motcua.api import services as clients
from motcua.catalog.tests import factories
from motcua.documents.services import store_file
from motcua.documents.tests import samples
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests import conftest as dossier_fixtures

BIRTH_FORM = [
    {"name": "ho_ten_tre", "label": "Họ, chữ đệm, tên của trẻ", "kind": "text", "required": True},
    {
        "name": "ngay_sinh",
        "label": "Ngày sinh của trẻ",
        "kind": "date",
        "required": True,
        "not_after": "today",
    },
    {"name": "so_ban", "label": "Số bản trích lục", "kind": "integer", "required": True, "min": 1},
]


def _with_fees(fee_lines: list[dict], channels=("direct", "online")) -> dict:
    data = factories.parts(channels=channels)
    for channel in data["channels"]:
        channel["fee_lines"] = copy.deepcopy(fee_lines)
    return data


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(db):
    civil = factories.field("HT", "Hộ tịch")
    copies = factories.field("CT", "Chứng thực")
    factories.published(
        "1.000100",
        name="Đăng ký khai sinh",
        field=civil,
        parts_data=_with_fees([{"name": "Lệ phí", "amount": 8000, "stage": "at_receipt"}]),
    )
    factories.published(
        "1.000100",
        name="Đăng ký khai sinh",
        field=civil,
        valid_from=datetime.date(2026, 1, 1),
        form_fields=BIRTH_FORM,
        parts_data=_with_fees(
            [
                {"name": "Lệ phí", "amount": 0, "stage": "at_receipt"},
                {
                    "name": "Phí cấp bản sao trích lục",
                    "kind": "fee",
                    "amount": 8000,
                    "basis": "per_copy",
                    "quantity_field": "so_ban",
                    "stage": "at_return",
                },
            ]
        ),
    )
    factories.published(
        "2.000200",
        name="Chứng thực bản sao từ bản chính",
        field=copies,
        online_level="partial",
        parts_data=_with_fees(
            [
                {
                    "name": "Phí chứng thực",
                    "kind": "fee",
                    "amount": 2000,
                    "basis": "per_page",
                    "tier_from": 3,
                    "tier_amount": 1000,
                    "maximum": 200000,
                    "stage": "at_receipt",
                }
            ]
        ),
    )
    factories.published(
        "3.000300",
        name="Cấp giấy phép xây dựng",
        field=factories.field("XD", "Xây dựng"),
        level="province",
        online_level="none",
        parts_data=factories.parts(channels=("direct",)),
        valid_from=datetime.date(2030, 1, 1),
    )


# --- API clients and dossiers (OAuth2 client credentials) ---

# The dossier tests' fixtures, reused as they are.
applicant = dossier_fixtures.applicant
form_component = dossier_fixtures.form_component
version = dossier_fixtures.version
walk_in = dossier_fixtures.walk_in
vn = dossier_fixtures.vn

TOKEN_URL = "/api/v1/oauth/token/"
ALL_SCOPES = ["catalog:read", "dossiers:read", "dossiers:write", "reports:read"]
PDF = samples.pdf("a test form")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


@pytest.fixture
def issue(db):
    """``issue(name, agencies, scopes)``: a new API client through the service, with its
    secret."""

    def make(name, agencies, scopes=ALL_SCOPES):
        return clients.create_client(actor=None, name=name, agencies=agencies, scopes=scopes)

    return make


@pytest.fixture
def token(client):
    """``token(issued)``: an access token from the real token endpoint (client credentials,
    HTTP Basic), the way an integrator gets one."""

    def get(issued, **extra):
        response = client.post(
            TOKEN_URL,
            {"grant_type": "client_credentials", **extra},
            HTTP_AUTHORIZATION=basic(issued.client.client_id, issued.client_secret),
        )
        assert response.status_code == 200, response.content
        return response.json()["access_token"]

    return get


@pytest.fixture
def call(client):
    """``call(token, path, **query)``: a GET with the bearer token."""

    def get(access_token, path, data=None, **headers):
        if access_token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {access_token}"
        return client.get(path, data or {}, **headers)

    return get


@pytest.fixture
def systems(issue, tree):
    """The API clients of the personas: commune X's (every scope), commune Y's, the province's
    (sees both communes), X's catalogue-only client, and a revoked one of X."""
    revoked = issue("Hệ thống đã thu hồi", [tree.commune_x])
    return SimpleNamespace(
        x=issue("Phần mềm một cửa xã X", [tree.commune_x]),
        y=issue("Phần mềm một cửa xã Y", [tree.commune_y]),
        province=issue("LGSP tỉnh", [tree.province], ["dossiers:read", "reports:read"]),
        catalogue_only=issue("Cổng thông tin xã X", [tree.commune_x], ["catalog:read"]),
        revoked=revoked,
    )


@pytest.fixture
def dossiers(walk_in, people, tree, form_component):
    """A dossier received at commune X with a PDF, and one received at commune Y."""
    form = store_file(PDF, name="to-khai.pdf", content_type="application/pdf")
    at_x = walk_in(
        at=vn(2026, 3, 2, 9, 0),
        components=[
            ComponentInput(
                name="Tờ khai", component=form_component, files=[form], paper_originals=1
            )
        ],
    )
    at_y = walk_in(
        at=vn(2026, 3, 3, 9, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
    )
    return SimpleNamespace(x=at_x, y=at_y, form=form)


# --- actions (dossiers:write) ---


@pytest.fixture
def desk_x(issue, tree):
    """Commune X's one-stop software, acting as a desk officer of X."""
    return clients.create_client(
        actor=None,
        name="Phần mềm một cửa xã X",
        agencies=[tree.commune_x],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["desk_officer"],
    )


@pytest.fixture
def desk_y(issue, tree):
    return clients.create_client(
        actor=None,
        name="Phần mềm một cửa xã Y",
        agencies=[tree.commune_y],
        scopes=["dossiers:read", "dossiers:write"],
        roles=["desk_officer"],
    )


@pytest.fixture
def act(client):
    """``act(token, code, action, body, if_match=…, key=…)``: a POST as an integrator sends it."""

    def post(access_token, code, action, body=None, *, if_match=None, key=None):
        headers = {}
        if access_token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {access_token}"
        if if_match is not None:
            headers["HTTP_IF_MATCH"] = if_match
        if key is not None:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        return client.post(
            f"/api/v1/dossiers/{code}/actions/{action}/",
            body or {},
            content_type="application/json",
            **headers,
        )

    return post

"""The committed OpenAPI description (docs/api/openapi.yaml) is what the code generates."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "docs" / "api" / "openapi.yaml"


def generate(tmp_path) -> str:
    """What `make schema` writes: the same command and options, in a process on the embedded
    default database whatever this run's DATABASE_URL (integer bounds in the schema come from
    the database backend, and the committed contract must be one file)."""
    out = tmp_path / "openapi.yaml"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DEBUG": "true"}
    command = [sys.executable, "manage.py", "spectacular", "--lang", "vi", "--validate"]
    command += ["--fail-on-warn", "--file", str(out)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603 (our own command)
    return out.read_text()


def test_committed_schema_is_the_generated_one(tmp_path):
    assert COMMITTED.read_text() == generate(tmp_path), "run `make schema` and commit the file"


def test_schema_lists_the_catalogue_and_its_problems():
    schema = yaml.safe_load(COMMITTED.read_text())
    assert set(schema["paths"]) == {
        "/api/v1/procedures/",
        "/api/v1/procedures/{code}/",
        "/api/v1/agencies/",
        "/api/v1/agencies/{code}/",
        "/api/v1/dossiers/",
        "/api/v1/dossiers/{code}/",
        "/api/v1/dossiers/{code}/documents/{file_id}/",
        "/api/v1/dossiers/{code}/actions/{action}/",
        "/api/v1/tracking/",
        "/api/v1/reports/periodic/",
        "/api/v1/reports/index766/",
    }
    listing = schema["paths"]["/api/v1/procedures/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"q", "field", "level", "online_level", "on", "cursor", "limit"} <= names
    assert "application/problem+json" in listing["responses"]["429"]["content"]
    problem = schema["components"]["schemas"]["ValidationProblem"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])


def test_schema_names_the_client_credentials_flow_and_each_resources_scope():
    schema = yaml.safe_load(COMMITTED.read_text())
    flow = schema["components"]["securitySchemes"]["oauth2"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == "/api/v1/oauth/token/"
    assert set(flow["scopes"]) == {
        "catalog:read",
        "dossiers:read",
        "dossiers:write",
        "reports:read",
    }
    paths = schema["paths"]
    assert paths["/api/v1/dossiers/"]["get"]["security"] == [{"oauth2": ["dossiers:read"]}]
    assert paths["/api/v1/reports/index766/"]["get"]["security"] == [{"oauth2": ["reports:read"]}]
    assert paths["/api/v1/tracking/"]["get"]["security"] == [{}]
    for status in ("401", "403", "404", "429"):
        assert status in paths["/api/v1/dossiers/{code}/"]["get"]["responses"]


def test_schema_describes_the_actions_preconditions():
    schema = yaml.safe_load(COMMITTED.read_text())
    post = schema["paths"]["/api/v1/dossiers/{code}/actions/{action}/"]["post"]
    headers = {p["name"]: p for p in post["parameters"] if p["in"] == "header"}
    assert headers["If-Match"]["required"] is True
    assert "Idempotency-Key" in headers
    assert post["security"] == [{"oauth2": ["dossiers:write"]}]
    assert {"409", "412", "428"} <= set(post["responses"])

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
    }
    listing = schema["paths"]["/api/v1/procedures/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"q", "field", "level", "online_level", "on", "cursor", "limit"} <= names
    assert "application/problem+json" in listing["responses"]["429"]["content"]
    problem = schema["components"]["schemas"]["ValidationProblem"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])

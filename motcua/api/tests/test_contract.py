"""The committed OpenAPI description against the live API, generated from the description itself
with the test data's own codes (schemathesis, in ``test_schemathesis.py``, draws its own): for every
``GET`` operation, hypothesis draws query and path parameters of the declared types — valid
values, enum members, and junk — and every answer must be documented for that operation (never
a 500), with a body that validates against the documented schema."""

import datetime
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest
import yaml
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SCHEMA = yaml.safe_load(
    (Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml").read_text()
)
GETS = sorted(
    (path, op)
    for path, ops in SCHEMA["paths"].items()
    for method, op in ops.items()
    if method == "get"
)


def as_json_schema(node):
    """OpenAPI 3.0's schema dialect as JSON Schema (draft 4): ``nullable`` becomes a null
    alternative."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {k: as_json_schema(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


COMPONENTS = as_json_schema(SCHEMA["components"])
JUNK = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)


def value_of(schema: dict, known: list[str]):
    """Values for a parameter: of its type and enum, the test data's own codes, and junk."""
    choices = [JUNK]
    if schema.get("enum"):
        choices.append(st.sampled_from(schema["enum"]))
    if schema.get("type") == "integer":
        choices.append(st.integers(min_value=-3, max_value=10**6).map(str))
    if schema.get("format") == "date":
        choices.append(st.dates(datetime.date(2020, 1, 1), datetime.date(2031, 12, 31)).map(str))
    if known:
        choices.append(st.sampled_from(known))
    return st.one_of(choices)


def request_for(path: str, operation: dict, known: list[str]):
    """(url, query) for ``operation``, every path parameter drawn, query ones drawn or left out."""
    parameters = operation.get("parameters", [])

    @st.composite
    def draw(draw_value):
        url = path
        query = {}
        for parameter in parameters:
            strategy = value_of(parameter.get("schema", {}), known)
            if parameter["in"] == "path":
                # A "/", "?", "#" or "%" would move the request to another address (the list,
                # a fragment): such values are not this operation's. The rest is percent-encoded.
                text = draw_value(strategy.filter(lambda v: v and not set(v) & set("/?#%")))
                url = url.replace("{" + parameter["name"] + "}", quote(text, safe=""))
            elif parameter["in"] == "query" and draw_value(st.booleans()):
                query[parameter["name"]] = draw_value(strategy)
        return url, query

    return draw()


@pytest.fixture
def world(catalogue, systems, dossiers, token):
    """The catalogue, the personas' clients, two dossiers, and a token of every scope."""
    known = [
        dossiers.x.code,
        dossiers.y.code,
        "1.000100",
        "2.000200",
        str(dossiers.form.pk),
        dossiers.x.receiving_unit.code,
    ]
    return token(systems.x), [k for k in known if k]


@pytest.mark.parametrize(("path", "operation"), GETS, ids=[path for path, _op in GETS])
def test_every_answer_is_documented_and_matches_its_schema(client, world, path, operation):
    access, known = world

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(request_for(path, operation, known))
    def check(drawn):
        url, query = drawn
        cache.clear()  # rate limits are checked elsewhere; here every request is answered
        response = client.get(url, query, HTTP_AUTHORIZATION=f"Bearer {access}")
        status = str(response.status_code)
        assert response.status_code < 500, (url, query, response.content[:500])
        assert status in operation["responses"], (url, query, status)
        content = operation["responses"][status].get("content", {})
        kind = response.get("Content-Type", "").split(";")[0]
        if kind not in content or "json" not in kind:
            return  # a file download, described by its headers
        schema = as_json_schema(content[kind]["schema"]) | {"components": COMPONENTS}
        # OpenAPI 3.0 schemas are JSON Schema draft 4 (boolean exclusiveMaximum); formats are
        # checked, as ``oneOf`` of a blank-able e-mail needs them.
        validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
        validator.validate(response.json())

    check()

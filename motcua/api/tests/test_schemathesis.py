"""schemathesis against the committed OpenAPI description, in process (the whole Django stack
through its WSGI handler, on the test database — PostgreSQL in CI).

For every operation, GET and POST alike, schemathesis draws requests from the description —
valid ones and, in its negative mode, ones that break it — and checks each answer: never a 500,
a status the operation documents, a body and content type that match what is documented for
that status, and headers that are documented as required. The requests carry the bearer token
of a client with every scope, so they reach the views rather than stopping at authentication;
the path parameters that name objects are mostly random (a 404 problem, which must match its
schema too), and some are the test data's own codes (see ``KNOWN``).

``test_contract.py`` checks every GET's answers in more depth with hand-made values; this test
brings the write operations and schemathesis's own negative cases."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"
# A request can match the description and still be refused by a rule the description cannot
# state: a procedure or unit code that does not exist, a cursor not issued by the server, a
# version in If-Match that is not the dossier's. Those answers are 400, 404, 409 or 412 problems
# — whose bodies the other checks still validate — so the "valid data accepted" check takes
# them as expected, besides its defaults.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "412", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_path(str(SCHEMA_FILE), config=CONFIG)


@pytest.fixture
def app(db, catalogue, systems, dossiers, token):
    """The site as a WSGI application, and the headers of a client with every scope."""
    return WSGIHandler(), {"Authorization": f"Bearer {token(systems.x)}"}


@contextmanager
def connection_kept():
    """As Django's test client does, run the handler without closing the database connection
    around each request: the test's data lives in the transaction of that connection (on
    PostgreSQL, closing it would end the transaction and lose the data). Around each call,
    not in the fixture: schemathesis's test wrapper does not hold a generator fixture open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_answers_as_described(case, app):
    handler, headers = app
    cache.clear()  # rate limits are tested elsewhere; here every request must be answered
    with connection_kept():
        case.call_and_validate(app=handler, headers=headers)

"""A part down mid-request answers 503 with a clear message, never a 500 (outages.py)."""

from __future__ import annotations

import errno
import json

import pytest
from django.db import OperationalError

from motcua.operations.outages import PartDownMiddleware, part_down

pytestmark = pytest.mark.django_db


def test_which_part_an_error_names():
    from botocore.exceptions import EndpointConnectionError

    assert part_down(OperationalError("terminating connection due to administrator")) == "database"
    assert part_down(EndpointConnectionError(endpoint_url="http://s3")) == "storage"
    assert part_down(OSError(errno.ENOSPC, "No space left on device")) == "disk"
    assert part_down(ValueError("a bug")) is None  # a bug stays a 500, logged as such


def test_a_page_gets_the_503_page_with_retry_after(rf):
    middleware = PartDownMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/"), OperationalError("server closed"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    text = response.content.decode()
    assert "cơ sở dữ liệu" in text and "Traceback" not in text


def test_the_api_gets_a_problem(rf):
    middleware = PartDownMiddleware(lambda request: None)
    error = OSError(errno.ENOSPC, "No space left on device")
    response = middleware.process_exception(rf.post("/api/v1/dossiers/"), error)
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == 503 and "Kho lưu trữ tệp" in body["detail"]


def test_other_errors_are_left_to_the_500_handler(rf):
    middleware = PartDownMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/"), KeyError("x")) is None

"""The request id: taken from X-Request-ID (or made), returned, on every log line, and carried
into the tasks the request enqueues, where the worker logs it."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django_tasks_db.models import DBTaskResult

from motcua.notifications.tasks import send_delivery
from motcua.operations import context
from motcua.operations.logs import JsonFormatter, RequestIdFilter
from motcua.operations.requests import RequestObservationMiddleware

pytestmark = pytest.mark.django_db


def _enqueuing_view(request):
    send_delivery.enqueue(0)
    logging.getLogger("motcua.test").info("enqueued")
    return HttpResponse("ok")


# The worker commits and recycles connections as in production: no wrapping test transaction.
@pytest.mark.django_db(transaction=True)
def test_the_request_id_follows_the_request_into_its_task_and_the_worker_logs(rf, caplog):
    caplog.set_level(logging.INFO)
    middleware = RequestObservationMiddleware(_enqueuing_view)

    response = middleware(rf.get("/x", HTTP_X_REQUEST_ID="req-abc.123"))

    assert response["X-Request-ID"] == "req-abc.123"
    row = DBTaskResult.objects.get()
    assert row.args_kwargs == {"args": [0], "kwargs": {}, "request_id": "req-abc.123"}
    assert context.current() == ""  # unbound after the request

    caplog.clear()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    task_lines = [r for r in caplog.records if r.name == "motcua.tasks"]
    assert [r.getMessage().split(" ")[1] for r in task_lines] == ["started", "finished"]
    assert {r.request_id for r in task_lines} == {"req-abc.123"}
    # Every line logged while the task ran carries it too (through the filter).
    filtered = logging.makeLogRecord({"msg": "x"})
    assert RequestIdFilter().filter(filtered) and filtered.request_id == ""


def test_a_malformed_request_id_is_replaced_by_a_new_one(rf):
    middleware = RequestObservationMiddleware(lambda request: HttpResponse("ok"))

    response = middleware(rf.get("/x", HTTP_X_REQUEST_ID="bad id\nwith newline"))

    assert response["X-Request-ID"] != "bad id\nwith newline"
    assert len(response["X-Request-ID"]) == 32


def test_one_json_access_line_a_request_with_its_id(rf, caplog):
    caplog.set_level(logging.INFO, logger="motcua.access")
    middleware = RequestObservationMiddleware(lambda request: HttpResponse("ok", status=201))

    middleware(rf.get("/tra-cuu/", HTTP_X_REQUEST_ID="abc-1"))

    (record,) = [r for r in caplog.records if r.name == "motcua.access"]
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abc-1"
    assert line["status"] == 201
    assert line["method"] == "GET"
    assert line["path"] == "/tra-cuu/"
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO"

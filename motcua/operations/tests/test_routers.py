"""The reports' replica: only the safe requests of report views read from it, and only while
they run; writes always go to the primary."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from motcua.dossiers.models import Dossier
from motcua.operations import routers
from motcua.operations.routers import ReportsReplicaMiddleware, ReportsReplicaRouter


@pytest.fixture
def replica(monkeypatch):
    monkeypatch.setattr(routers, "replica_configured", lambda: True)


def test_without_a_replica_every_read_stays_on_the_primary():
    with routers.reading_reports():
        assert ReportsReplicaRouter().db_for_read(Dossier) is None


def test_reads_of_a_report_request_go_to_the_replica_and_writes_never(replica, rf):
    router = ReportsReplicaRouter()
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Dossier)
        seen["write"] = router.db_for_write(Dossier)
        return HttpResponse("ok")

    view.__module__ = "motcua.reports.views"
    middleware = ReportsReplicaMiddleware(lambda request: view(request))
    request = rf.get("/reports/")

    def respond(request):
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware.get_response = respond
    middleware(request)

    assert seen == {"read": "reports", "write": "default"}
    # After the request, the next one (same thread) reads the primary again.
    assert router.db_for_read(Dossier) is None


@pytest.mark.parametrize(
    ("method", "module"),
    [("POST", "motcua.reports.views"), ("GET", "motcua.backoffice.views")],
)
def test_other_requests_read_the_primary(replica, rf, method, module):
    def view(request):
        return HttpResponse("ok")

    view.__module__ = module
    request = rf.generic(method, "/x")
    ReportsReplicaMiddleware(lambda r: HttpResponse()).process_view(request, view, (), {})

    assert ReportsReplicaRouter().db_for_read(Dossier) is None


def test_the_replica_is_never_migrated():
    assert ReportsReplicaRouter().allow_migrate("reports", "dossiers") is False
    assert ReportsReplicaRouter().allow_migrate("default", "dossiers") is True

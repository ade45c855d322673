"""The whole online submission as a citizen goes through it (start → applicant → documents →
delivery → submit), through the Django test client, counting the queries of each step. Used by
the query-budget tests and by ``benchmarks/bench_submission.py``.

Each step's captured SQL is split in two: the statements, and the transaction markers
(``SAVEPOINT`` / ``RELEASE SAVEPOINT`` / ``ROLLBACK TO SAVEPOINT``, ``BEGIN`` / ``COMMIT`` /
``ROLLBACK``). In a test every ``transaction.atomic()`` is a savepoint and its release, since
the test runs inside a transaction; outside a test the same block is ``BEGIN`` and ``COMMIT``
(Django 5.2 logs those too, ``debug_transaction``, and each is a round trip to PostgreSQL). They
are the transaction's cost, the same whatever a step writes inside it, so they are counted
apart from the statements, and held apart: a new nested ``atomic`` still shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.documents.tests import samples
from motcua.dossiers.constants import Delivery, Status
from motcua.dossiers.models import Dossier

STEPS = ("start", "applicant", "documents", "delivery", "submit")


# ROLLBACK also begins ROLLBACK TO SAVEPOINT.
MARKERS = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK", "BEGIN", "COMMIT")


def is_marker(sql: str) -> bool:
    """Whether ``sql`` opens, closes or rolls back a transaction or a savepoint."""
    return sql.lstrip().upper().startswith(MARKERS)


def split(captured) -> tuple[list[str], list[str]]:
    """The statements and the transaction markers of ``CaptureQueriesContext.captured_queries``."""
    sql = [q["sql"] for q in captured]
    return [s for s in sql if not is_marker(s)], [s for s in sql if is_marker(s)]


@dataclass
class FlowResult:
    dossier: Dossier
    # Per step: statements (transaction markers left out), and the markers.
    queries: dict[str, int] = field(default_factory=dict)
    markers: dict[str, int] = field(default_factory=dict)
    sql: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """The flow's statements, transaction markers left out."""
        return sum(self.queries.values())

    @property
    def total_markers(self) -> int:
        return sum(self.markers.values())


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.pdf(name), content_type="application/pdf")


def _post(client, result: FlowResult, name: str, url: str, data: dict):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == 302, (name, response.status_code, _errors(response))
    statements, markers = split(captured.captured_queries)
    result.queries[name], result.markers[name] = len(statements), len(markers)
    result.sql[name] = [q["sql"] for q in captured.captured_queries]
    return response


def _errors(response) -> str:
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return str(form.errors) if form is not None else response.content[:500]


def run_flow(
    client,
    version,
    *,
    receiving_unit,
    resolving_agency,
    picks: dict | None = None,
    answers: dict | None = None,
) -> FlowResult:
    """File one dossier through the portal's pages as the client's signed-in citizen. Every
    component the applicant must give gets a fresh upload, or the data-store file named in
    ``picks`` (component pk -> stored file pk); ``answers`` are the application form's fields
    (the generic set's by default)."""
    picks = picks or {}
    start = reverse("portal:apply", args=[version.procedure.code])
    result = FlowResult(dossier=None)  # type: ignore[arg-type]
    response = _post(
        client,
        result,
        "start",
        start,
        {"resolving_agency": resolving_agency.pk, "receiving_unit": receiving_unit.pk},
    )
    draft_id = int(response["Location"].rstrip("/").split("/")[-2])

    def step(name):
        return reverse("portal:draft_step", args=[draft_id, name])

    version_no = 1
    data = {"phone": "0987654321", "request": "Cấp giấy", "copies": "1"} | (answers or {})
    _post(client, result, "applicant", step("applicant"), data | {"version": version_no})
    version_no += 1
    documents = {"version": version_no}
    for component in version.components.all():
        if component.pk in picks:
            documents[f"pick_{component.pk}"] = str(picks[component.pk])
        else:
            documents[f"upload_{component.pk}"] = _pdf(f"giay-to-{component.pk}.pdf")
    _post(client, result, "documents", step("documents"), documents)
    version_no += 1
    _post(
        client,
        result,
        "delivery",
        step("delivery"),
        {"delivery": Delivery.DESK, "delivery_address": "", "version": version_no},
    )
    version_no += 1
    _post(
        client,
        result,
        "submit",
        reverse("portal:draft_review", args=[draft_id]),
        {"version": version_no},
    )
    result.dossier = Dossier.objects.get(pk=draft_id)
    assert result.dossier.status == Status.SUBMITTED, result.dossier.status
    return result

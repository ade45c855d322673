"""Query budgets of the online submission (style.md §16): the whole portal flow, and
``submit_online`` alone. Query counts are deterministic; time is measured only in
``benchmarks/bench_submission.py``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.documents.models import StoredFile
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.services import ComponentInput

from .flow import run_flow

pytestmark = pytest.mark.django_db

# start → applicant → documents → delivery → submit, two components uploaded (the test
# catalogue's procedure). Every step writes its history event, audit entry and dispatch task in
# its own transaction (2 of the count: BEGIN and COMMIT in production, a savepoint and its
# release in a test); the draft read by the request is written by one conditional UPDATE, not
# read again under a lock; a published version's catalogue parts (channel terms and fee lines,
# components, executing agencies' rows) are read once per process. The start reads the two
# agencies chosen in one query; the competence check tests the agency's row already read; the
# submission of a draft read by the request looks its idempotency key up only if refused, and
# its components only if it has any (a subquery of the draft's read). The submission also
# writes its idempotency key and the national portal's outbox. Issue #18 asked for 40: why it
# is not met is in benchmarks/README.md ("Online submission"). On PostgreSQL outside a test the
# flow is one more (the portal delivery's task, enqueued after the commit).
FLOW_BUDGET = 59
SUBMIT_ONLINE_BUDGET = 15


@pytest.fixture(autouse=True)
def _calendars_checked_once(settings):
    """A running process reads its calendars' revisions again every CALENDAR_RECHECK_SECONDS
    (10 s); on a busy machine a flow takes longer than that, and the one read would land in one
    flow and not in the next. Here the calendars are checked once per test (the root conftest
    forgets them between tests)."""
    settings.CALENDAR_RECHECK_SECONDS = 3600


def _store(user, count):
    return [
        store_file(
            b"%PDF-1.4 kho " + str(k).encode(),
            name=f"giay-to-{k}.pdf",
            content_type="application/pdf",
            uploaded_by=user,
            owner=user,
        )
        for k in range(count)
    ]


def _flow(as_user, people, version, tree, **kwargs):
    client = as_user(people.citizen_a)
    return run_flow(
        client, version, receiving_unit=tree.commune_x, resolving_agency=tree.commune_x, **kwargs
    )


def test_the_whole_flow_stays_within_its_budget(as_user, people, version, tree):
    _flow(as_user, people, version, tree)  # the calendars and caches a running server has
    result = _flow(as_user, people, version, tree)
    assert result.total <= FLOW_BUDGET, result.queries
    assert result.dossier.code and result.dossier.components.count() == 2


def test_the_flow_costs_the_same_however_large_the_data_store(as_user, people, version, tree):
    components = list(version.components.all())
    small = _store(people.citizen_a, 3)
    _flow(as_user, people, version, tree)
    picks = {c.pk: f.pk for c, f in zip(components, small, strict=False)}
    few = _flow(as_user, people, version, tree, picks=picks)
    _store(people.citizen_a, 50)
    many = _flow(as_user, people, version, tree, picks=picks)
    assert many.queries == few.queries
    assert {f.pk for c in many.dossier.components.all() for f in c.files.all()} == {
        f.pk for f in small[:2]
    }


def test_the_flow_costs_the_same_with_an_empty_or_a_full_data_store(as_user, people, version, tree):
    """Uploads, not picks: nothing of the store is listed or checked beyond the ids chosen."""
    _flow(as_user, people, version, tree)  # the calendars and caches a running server has
    client = as_user(people.citizen_b)
    assert not StoredFile.objects.filter(owner=people.citizen_b).exists()
    empty = run_flow(
        client, version, receiving_unit=tree.commune_x, resolving_agency=tree.commune_x
    )
    _store(people.citizen_b, 50)
    full = run_flow(client, version, receiving_unit=tree.commune_x, resolving_agency=tree.commune_x)
    assert StoredFile.objects.filter(owner=people.citizen_b).count() == 50 + 4
    assert full.queries == empty.queries
    assert full.total <= FLOW_BUDGET


def test_submit_online_stays_within_its_budget(people, version, tree, form_component):
    paper = _store(people.citizen_a, 1)[0]
    components = [
        ComponentInput(name=c.name, component=c, files=[paper]) for c in version.components.all()
    ]

    def submit():
        return services.submit_online(
            actor=people.citizen_a,
            procedure_version=version,
            receiving_unit=tree.commune_x,
            resolving_agency=tree.commune_x,
            components=components,
            form_data={"fields": {"request": "Cấp giấy", "copies": 1}},
        )

    submit()  # calendars loaded once per process
    with CaptureQueriesContext(connection) as captured:
        dossier = submit()
    assert len(captured) <= SUBMIT_ONLINE_BUDGET, [q["sql"][:80] for q in captured]
    assert dossier.code.endswith("-0002")

"""Query budgets of the online submission (style.md §16): the whole portal flow, and
``submit_online`` alone. Query counts are deterministic; time is measured only in
``benchmarks/bench_submission.py``.

Counted as production runs: sessions are ``cached_db`` (production's engine whenever
``REDIS_URL`` is set, here over the test's memory cache), and the transaction markers are
counted apart from the statements. In a test every ``transaction.atomic()`` is a savepoint and
its release (the test runs inside a transaction); in production it is ``BEGIN`` and ``COMMIT``
(round trips all the same, and logged by Django 5.2 too: the flow's round trips are the
statements plus the markers, benchmarks/README.md). The statements are held to the budgets, and
the markers to exactly one pair per step (each step is one transaction), so a nested ``atomic``
added to a step still fails here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.documents.models import StoredFile
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.services import ComponentInput

from .flow import STEPS, run_flow, split

pytestmark = pytest.mark.django_db

# start → applicant → documents → delivery → submit, two components uploaded (the test
# catalogue's procedure): statements, transaction markers left out. A draft step is the
# account (with its profile), the draft (access-filtered), its conditional UPDATE, the history
# event and the audit entry: 5; the session is read from the cache, and no handler wants a
# draft's event, so no dispatch task is enqueued (``dossiers.events``). The start reads the
# procedure version and the two agencies chosen (one query) and inserts the draft; the rule set
# in force is read once per process (``dossiers.rulesets``, trusted like the calendars); the
# documents step stores one row per upload. The submission adds the files chosen (by id), the
# components and their files, the fees, the code, the idempotency key, the national portal's
# cursor and message and the webhooks' subscribers; no dispatch either (a submission has no
# notification topic). On PostgreSQL outside a test the flow is one more (the portal
# delivery's task, enqueued after the commit). 37 today: 6 + 5 + 7 + 5 + 14; submit_online
# alone 11 (benchmarks/README.md, "Online submission", fifth pass).
FLOW_BUDGET = 40
SUBMIT_ONLINE_BUDGET = 11
# Each step's transaction: a savepoint and its release here, BEGIN and COMMIT in production.
MARKERS_PER_STEP = 2


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    """A running process reads its calendars' revisions and its rule sets again every
    CALENDAR_RECHECK_SECONDS (10 s); on a busy machine a flow takes longer than that, and the one
    read would land in one flow and not in the next. Here they are read once per test (the root
    conftest forgets them between tests). Sessions are production's ``cached_db``."""
    settings.CALENDAR_RECHECK_SECONDS = 3600
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _within_budget(result):
    assert result.total <= FLOW_BUDGET, (result.queries, result.sql)
    assert result.markers == dict.fromkeys(STEPS, MARKERS_PER_STEP), result.sql


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
    _within_budget(result)
    assert not any("django_session" in sql for step in result.sql.values() for sql in step)
    assert result.dossier.code and result.dossier.components.count() == 2


def test_the_flow_costs_the_same_however_large_the_data_store(as_user, people, version, tree):
    components = list(version.components.all())
    small = _store(people.citizen_a, 3)
    _flow(as_user, people, version, tree)
    picks = {c.pk: f.pk for c, f in zip(components, small, strict=False)}
    few = _flow(as_user, people, version, tree, picks=picks)
    _store(people.citizen_a, 50)
    many = _flow(as_user, people, version, tree, picks=picks)
    assert (many.queries, many.markers) == (few.queries, few.markers)
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
    assert (full.queries, full.markers) == (empty.queries, empty.markers)
    _within_budget(full)


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

    submit()  # calendars and rule sets read once per process
    with CaptureQueriesContext(connection) as captured:
        dossier = submit()
    statements, markers = split(captured.captured_queries)
    assert len(statements) <= SUBMIT_ONLINE_BUDGET, [sql[:80] for sql in statements]
    assert len(markers) == MARKERS_PER_STEP, markers
    assert dossier.code.endswith("-0002")

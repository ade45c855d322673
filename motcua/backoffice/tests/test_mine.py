""" "Hồ sơ của tôi" is what waits for the reader at the step the dossier stands at: the specialist
while appraising, the leader at the approval, the registry clerk at the entry, the desk at intake
and at the return — and nobody else's, nor another commune's."""

import pytest
from django.urls import reverse

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")
STAFF = ("desk_x", "specialist_x", "leader_x", "registry_x", "leader_y", "manager")


def _mine(as_user, cast) -> dict[str, list[str]]:
    found = {}
    for name in STAFF:
        response = as_user(cast[name]).get(QUEUE, {"scope": "mine"})
        assert response.status_code == 200
        found[name] = [row["dossier"].code for row in response.context["rows"]]
    return found


def _only(who: str, code: str) -> dict[str, list[str]]:
    return {name: [code] if name == who else [] for name in STAFF}


@pytest.mark.parametrize(
    ("state", "who"),
    [
        ("received", "desk_x"),  # the desk's intake step: hand it over
        ("in_progress", "specialist_x"),  # assigned for appraisal
        ("awaiting_approval", "leader_x"),  # the leader's approval, no one assigned
        ("at_registry", "registry_x"),  # the registry's entry, no one assigned
        ("result_ready", "desk_x"),  # the desk's return step
    ],
)
@freeze_time(vn(2026, 3, 3, 10, 45))
def test_each_step_waits_for_its_role(request, as_user, cast, state, who):
    dossier = request.getfixturevalue(state)
    assert _mine(as_user, cast) == _only(who, dossier.code)


@freeze_time(vn(2026, 3, 3, 10, 45))
def test_the_page_says_who_holds_it_and_the_queue_row_too(as_user, cast, awaiting_approval):
    client = as_user(cast["leader_x"])
    row = client.get(QUEUE, {"scope": "mine"}).content.decode()
    assert "Xã Thử X – chờ Lãnh đạo cơ quan" in row
    page = client.get(reverse("backoffice:dossier", args=[awaiting_approval.code]))
    assert "Xã Thử X – chờ Lãnh đạo cơ quan" in page.content.decode()


@pytest.fixture
def plain_version(db, version):
    """The test procedure under another code, whose internal process has no desk step: nothing
    is open at intake nor once the leader has signed the result."""
    import copy
    import datetime

    from motcua.catalog import selectors as catalog
    from motcua.catalog import services as catalog_services
    from motcua.dossiers.tests.conftest import CATALOGUE, _step

    data = copy.deepcopy(CATALOGUE)
    procedure = data["procedures"][0]
    procedure["code"] = "9.000002"
    procedure["versions"][0]["processes"][0]["steps"] = [
        _step("Thẩm định", "specialist_unit", "specialist", 16, 1),
        _step("Phê duyệt, ký", "leadership", "agency_leader", 8, 2),
    ]
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000002", datetime.date(2026, 3, 2))


@freeze_time(vn(2026, 3, 3, 10, 45))
def test_the_desk_has_what_it_holds_even_without_a_desk_step(as_user, cast, walk_in, plain_version):
    from motcua.dossiers import services

    form = plain_version.components.get(name="Tờ khai")
    received = walk_in(
        procedure_version=plain_version,
        components=[services.ComponentInput(name="Tờ khai", component=form, paper_originals=1)],
        at=vn(2026, 3, 2, 9, 0),
    )
    assert _mine(as_user, cast) == _only("desk_x", received.code)
    dossier = services.assign(received, actor=cast["desk_x"], assignee=cast["specialist_x"])
    assert _mine(as_user, cast) == _only("specialist_x", dossier.code)
    dossier = services.complete_step(dossier, actor=cast["specialist_x"])
    assert _mine(as_user, cast) == _only("leader_x", dossier.code)
    ready = services.approve(dossier, actor=cast["leader_x"])
    assert ready.status == "result_ready"
    assert _mine(as_user, cast) == _only("desk_x", ready.code)
    page = as_user(cast["desk_x"]).get(reverse("backoffice:dossier", args=[ready.code]))
    assert "Xã Thử X – chờ Cán bộ một cửa" in page.content.decode()

"""One definition of late, about to be late and due today (``reports.early_warning``): a row's
badge, the queue's filter and the managers' early warning say the same thing of every dossier,
so the queue's and the report's counts agree."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.reports.dashboard import early_warning
from motcua.reports.dashboard.early_warning import Urgency

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:queue")
# Wednesday 04/03/2026 10:00; sessions 07:30–11:30 and 13:00–17:00; 3 working days a dossier.
NOW = vn(2026, 3, 4, 10, 0)


@pytest.fixture
def mixed(walk_in, people, tree, version, form_component):
    """Commune X's dossiers in every shape the warning looks at."""
    online = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[
            services.ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)
        ],
        at=vn(2026, 3, 3, 16, 0),  # the desk must answer by Wed 04/03 15:30: due today
    )
    soon = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)),  # due Thu 05/03 09:00
        actor=people.desk_x,
        assignee=people.specialist_x,
        at=vn(2026, 3, 2, 9, 5),
    )
    paused = services.request_supplement(
        services.assign(walk_in(at=vn(2026, 3, 2, 9, 30)), actor=people.desk_x),
        actor=people.specialist_x,
        items=[{"name": "Giấy tờ", "reason": "Thiếu"}],
        at=vn(2026, 3, 3, 9, 0),
    )
    return {
        "online": online,
        "soon": soon,
        "later": walk_in(at=vn(2026, 3, 4, 9, 0)),  # due Mon 09/03
        "late": walk_in(at=vn(2026, 2, 26, 9, 0)),  # due Tue 03/03 09:00
        "paused": paused,
    }


def _codes(response) -> set[str]:
    return {row["dossier"].code for row in response.context["rows"]}


@freeze_time(NOW)
def test_each_badge_matches_its_filter(as_user, people, mixed):
    client = as_user(people.desk_x)
    badges = {r["dossier"].code: r["badge"].css for r in client.get(QUEUE).context["rows"]}
    assert badges == {
        mixed["online"].code: "due-soon",
        mixed["soon"].code: "due-soon",
        mixed["later"].code: "due-ok",
        mixed["late"].code: "due-overdue",
        mixed["paused"].code: "due-paused",
    }
    kinds = (Urgency.SOON, Urgency.OVERDUE, Urgency.PAUSED, Urgency.TODAY)
    by_filter = {kind: _codes(client.get(QUEUE, {"due": kind})) for kind in kinds}
    assert by_filter["soon"] == {mixed["online"].code, mixed["soon"].code}
    assert by_filter["overdue"] == {mixed["late"].code}
    assert by_filter["paused"] == {mixed["paused"].code}
    # Due later today: the online dossier's check (its badge shows the more urgent "soon").
    assert by_filter["today"] == {mixed["online"].code}
    # The SQL condition and the row's urgency agree on every dossier.
    at = early_warning.horizon(mixed["soon"].resolving_agency, now=NOW)
    for kind in (Urgency.OVERDUE, Urgency.SOON, Urgency.PAUSED):
        selected = set(Dossier.objects.filter(early_warning.condition(kind, at)))
        assert selected == {
            d for d in Dossier.objects.all() if early_warning.urgency(d, at) == kind
        }


@freeze_time(NOW)
def test_the_queue_and_the_report_count_the_same_dossiers(as_user, people, tree, mixed):
    # The commune's leader reads both: the unit's queue and the managers' report.
    client = as_user(people.leader_x)
    queue = client.get(QUEUE)
    report = early_warning.at_risk(tree.commune_x, now=NOW)
    assert queue.context["soon_count"] == len(report) == 2
    assert _codes(client.get(QUEUE, {"due": "soon"})) == {w.code for w in report}
    page = client.get(reverse("reports:index"), {"agency": tree.commune_x.code})
    assert page.context["warning_count"] == queue.context["soon_count"]
    assert "2 hồ sơ sẽ quá hạn trong 8 giờ làm việc tới" in page.content.decode()
    # Commune Y has none, on both.
    assert early_warning.at_risk(tree.commune_y, now=NOW) == []

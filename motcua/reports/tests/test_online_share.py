"""The online filing share per desk and day: counts, shares (assisted online filings among
them), the CSV, and who may read it."""

import datetime

import pytest
from django.urls import reverse

from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.models import ConsentMethod
from motcua.dossiers.services import ComponentInput
from motcua.reports.common.periods import Period
from motcua.reports.online_share import report as online_share

from .conftest import vn

pytestmark = pytest.mark.django_db

MONDAY = vn(2026, 3, 2, 9, 0)
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


@pytest.fixture
def day_of_filings(walk_in, version, tree, people, form_component):
    """Commune X, Monday: one on paper, one online by the citizen, one online with the desk's
    help; Tuesday: one on paper. Commune Y, Monday: one on paper. A draft never counts."""
    walk_in(at=MONDAY)
    walk_in(at=vn(2026, 3, 3, 10, 0))
    walk_in(at=MONDAY, actor=people.desk_y, receiving_unit=tree.commune_y)
    paper = store_file(b"%PDF-1.4 form", name="to-khai.pdf", content_type="application/pdf")
    online = {
        "procedure_version": version,
        "receiving_unit": tree.commune_x,
        "resolving_agency": tree.commune_x,
        "components": [ComponentInput(name="Tờ khai", component=form_component, files=[paper])],
    }
    services.submit_online(actor=people.citizen_b, at=vn(2026, 3, 2, 10, 0), **online)
    consent = services.start_consent(
        officer=people.desk_x,
        unit=tree.commune_x,
        applicant=people.citizen_a,
        method=ConsentMethod.SIGNIN,
        at=MONDAY,
    )
    services.confirm_by_signin(consent.token, applicant=people.citizen_a, at=MONDAY)
    services.submit_online(
        actor=people.citizen_a, assisted_by=people.desk_x, at=vn(2026, 3, 2, 9, 30), **online
    )
    services.save_draft(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        at=MONDAY,
    )


def test_the_numbers_per_desk_and_day(day_of_filings, tree):
    report = online_share.build(tree.province, Period(datetime.date(2026, 3, 1), MONDAY.date()))
    units = {block.unit.pk: block for block in report.units}
    x_monday = units[tree.commune_x.pk].days
    assert [(r.day, r.filed, r.online, r.assisted, r.paper) for r in x_monday] == [
        (datetime.date(2026, 3, 2), 3, 2, 1, 1)
    ]
    assert str(x_monday[0].online_share) == "66.67" and str(x_monday[0].assisted_share) == "33.33"
    assert units[tree.commune_y.pk].total.online_share == 0
    assert (report.total.filed, report.total.online, report.total.assisted) == (4, 2, 1)
    # The Tuesday paper dossier is outside this period; a commune's own report has only it.
    own = online_share.build(tree.commune_x, Period(MONDAY.date(), datetime.date(2026, 3, 3)))
    assert [block.unit for block in own.units] == [tree.commune_x]
    assert [(r.filed, r.online) for r in own.units[0].days] == [(3, 2), (1, 0)]


def test_the_page_and_its_csv(day_of_filings, people, tree, as_user):
    client = as_user(people.manager)
    url = reverse("reports:online_share")
    response = client.get(url, {"agency": tree.province.code, **MARCH})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xã Thử X" in page and "66,67%" in page and "33,33%" in page
    csv_response = client.get(url, {"agency": tree.province.code, **MARCH, "format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().splitlines()
    assert "Xã Thử X,2026-03-02,3,2,66.67,1,33.33,1" in lines
    assert lines[-1] == "Tổng cộng,Cả kỳ,5,2,40.00,1,20.00,3"


def test_who_may_read_it(people, tree, as_user, client):
    url = reverse("reports:online_share")
    assert client.get(url).status_code == 302  # anonymous: the officers' sign-in
    assert as_user(people.desk_x).get(url).status_code == 403
    assert as_user(people.citizen_a).get(url).status_code == 403
    leader = as_user(people.leader_x)
    assert leader.get(url, {"agency": tree.commune_x.code, **MARCH}).status_code == 200
    assert leader.get(url, {"agency": tree.commune_y.code, **MARCH}).status_code in (400, 404)

"""The boundary-free register (Sổ theo dõi hồ sơ phi địa giới, ND 118/2025 Art. 14 §2): a
dossier received at one commune's desk for another commune is routed by competence to the
resolving commune and comes back to the desk of receipt; the register lists it for both units
and the province, with its counts, as a page, a CSV and a PDF; a commune not involved, a citizen
and an anonymous visitor see nothing."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.agencies.tests.factories import make_agency
from motcua.documents.tests import samples
from motcua.dossiers import services
from motcua.dossiers.access import visible_to
from motcua.dossiers.constants import Status
from motcua.dossiers.errors import NotPermitted
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import vn
from motcua.notices import boundary

from .helpers import flat, pdf_text

pytestmark = pytest.mark.django_db

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
URL = reverse("notices:boundary_free")
PERIOD = {"start": "2026-03-01", "end": "2026-03-31"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def crew_y(tree):
    return {
        "specialist": make_officer("Lý Thị Yến", unit=tree.commune_y, role=Role.SPECIALIST),
        "leader": make_officer("Mai Văn Yên", unit=tree.commune_y, role=Role.AGENCY_LEADER),
    }


def _resolve(dossier, people, crew, day, hour=9):
    """Y's staff resolve a dossier received at X; X's desk hands the result back."""
    at = vn(2026, 3, day, hour, 0)
    dossier = services.assign(dossier, actor=people.desk_x, at=at)
    dossier = services.complete_step(dossier, actor=crew["specialist"], at=at)
    dossier = services.approve(dossier, actor=crew["leader"], at=at)
    dossier = services.record_result(dossier, actor=crew["leader"], at=at)
    return services.return_result(
        dossier,
        actor=people.desk_x,
        recipient_name="An",
        recipient_id_number="068080001234",
        at=vn(2026, 3, day, hour + 1, 0),
    )


@pytest.fixture
def book(walk_in, people, tree, crew_y):
    """March: two dossiers taken at X for Y (one resolved early, one late), one taken at Y for
    X still open, and one of X's own (not boundary-free)."""
    early = walk_in(at=vn(2026, 3, 2, 9, 0), resolving_agency=tree.commune_y)
    early = _resolve(early, people, crew_y, day=3)
    late = walk_in(at=vn(2026, 3, 2, 10, 0), resolving_agency=tree.commune_y)
    late = _resolve(late, people, crew_y, day=10)
    from_y = walk_in(
        at=vn(2026, 3, 4, 9, 0),
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_x,
    )
    own = walk_in(at=vn(2026, 3, 4, 10, 0))
    return {"early": early, "late": late, "from_y": from_y, "own": own}


def _codes(register):
    return [row.dossier.code for row in register.rows]


def test_a_desk_takes_a_dossier_for_another_commune_and_it_is_routed_there(
    as_user, people, tree, version, form_component, crew_y, client
):
    """Through the desk's intake page: received at X, resolved by Y's own staff, returned at X."""
    form = reverse("backoffice:intake_form", args=[version.pk])
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_y.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Văn Bình",
        "id_number": "068080999999",
        "phone": "0911222333",
        "delivery": "desk",
        "idempotency_key": "boundary-1",
        f"c{form_component.pk}_originals": "1",
        f"c{form_component.pk}_copies": "0",
        f"c{form_component.pk}_files": SimpleUploadedFile(
            "to-khai.pdf", samples.pdf("scan"), content_type="application/pdf"
        ),
        "decision": "receive",
    }
    assert as_user(people.desk_x).post(form, data).status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.receiving_unit, dossier.resolving_agency) == (tree.commune_x, tree.commune_y)
    dossier = services.assign(dossier, actor=people.desk_x)
    assert dossier.holder == tree.commune_y  # routed by competence
    assert visible_to(crew_y["specialist"]).filter(pk=dossier.pk).exists()
    with pytest.raises(NotPermitted):  # X took it in; only Y's staff resolve it
        services.complete_step(dossier, actor=people.specialist_x)
    dossier = services.complete_step(dossier, actor=crew_y["specialist"])
    dossier = services.approve(dossier, actor=crew_y["leader"])
    dossier = services.record_result(dossier, actor=crew_y["leader"])
    assert dossier.holder == tree.commune_x  # back to the desk of receipt
    dossier = services.return_result(
        dossier, actor=people.desk_x, recipient_name="Bình", recipient_id_number="068080999999"
    )
    assert dossier.status == Status.RETURNED
    day = timezone.localdate(dossier.received_at)
    [row] = boundary.build(people.desk_x, day, day).rows
    assert row.dossier == dossier and row.returned_where == tree.commune_x.display_name


def test_rows_and_counts_for_the_receiving_and_the_resolving_commune(book, people, crew_y):
    at_x = boundary.build(people.desk_x, *MARCH)
    assert _codes(at_x) == [book[k].code for k in ("early", "late", "from_y")]
    counts = at_x.counts
    assert (counts.total, counts.received_for_others, counts.received_from_others) == (3, 2, 1)
    # Taken at Y on 4 March with a 3-day term, still open today: overdue.
    assert (counts.early, counts.on_time, counts.late, counts.open_late) == (1, 0, 1, 1)
    assert [row.verdict for row in at_x.rows] == ["early", "late", "open_late"]
    # X's desk opens what it received, not what Y received for X (visible_to).
    assert [row.openable for row in at_x.rows] == [True, True, False]
    at_y = boundary.build(crew_y["leader"], *MARCH)
    assert _codes(at_y) == _codes(at_x)
    assert (at_y.counts.received_for_others, at_y.counts.received_from_others) == (1, 2)


def test_the_province_sees_every_row_and_filters_by_unit(book, people, tree):
    everything = boundary.build(people.manager, *MARCH)
    assert len(everything.rows) == 3
    parts = {part.unit: part for part in everything.by_unit}
    x, y = parts[tree.commune_x], parts[tree.commune_y]
    assert (x.received_for_others, x.received_from_others, x.open_late) == (2, 1, 1)
    assert (y.received_for_others, y.received_from_others) == (1, 2)
    assert (y.finished_on_time, y.late) == (1, 1)  # the delay is the resolver's
    assert tree.commune_y in boundary.unit_choices(people.manager)
    only_y = boundary.build(people.manager, *MARCH, unit=tree.commune_y)
    assert len(only_y.rows) == 3
    none_in_april = boundary.build(
        people.manager, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
    )
    assert none_in_april.rows == []


def test_a_commune_not_involved_sees_nothing(book, tree, client):
    commune_z = make_agency("Xã Thử Z", parent=tree.province, code="000.00.33.H99")
    leader_z = make_officer("Đặng Văn Zũ", unit=commune_z, role=Role.AGENCY_LEADER)
    assert boundary.build(leader_z, *MARCH).rows == []
    client.force_login(leader_z)
    page = client.get(URL, PERIOD | {"unit": tree.commune_x.pk})
    assert page.status_code == 400  # not one of Z's units
    page = client.get(URL, PERIOD)
    assert book["early"].code not in page.content.decode()


def test_anonymous_and_citizens_are_kept_out(book, people, client):
    response = client.get(URL, PERIOD)
    assert response.status_code == 302 and "/backoffice/login/" in response["Location"]
    client.force_login(people.citizen_a)
    assert client.get(URL, PERIOD | {"format": "csv"}).status_code == 403


def test_the_page_the_csv_and_the_pdf(book, people, client):
    client.force_login(people.desk_x)
    page = client.get(URL, PERIOD)
    assert page.status_code == 200
    html = page.content.decode()
    assert book["late"].code in html and book["own"].code not in html
    assert "Tiếp nhận theo danh mục: 1/QĐ-UBND</th><td>3</td>" in html  # the list they came under
    csv_text = client.get(URL, PERIOD | {"format": "csv"}).content.decode()
    assert csv_text.startswith("STT,Mã hồ sơ")
    assert book["from_y"].code in csv_text and book["own"].code not in csv_text
    header, *lines = csv.reader(io.StringIO(csv_text))
    assert header[-1] == "Tiếp nhận theo danh mục"
    decision = Dossier.objects.get(pk=book["from_y"].pk).boundary_free_basis.decision
    assert decision == "1/QĐ-UBND"
    assert {line[1]: line[-1] for line in lines}[book["from_y"].code] == decision
    response = client.get(URL, PERIOD | {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    assert "SỔ THEO DÕI HỒ SƠ PHI ĐỊA GIỚI" in text
    assert book["early"].code in text and book["own"].code not in text
    assert "Trước hạn" in text and "Đang giải quyết, đã quá hạn" in text
    assert "Tổng số: 3 hồ sơ" in text
    assert "Tiếp nhận theo danh mục" in text and text.count(decision) == 3  # one per row

"""Desk intake of an organisation's dossier (#20 item 8): a state agency with its budget-unit
code, the representative with the authorisation scanned at the counter, the refusals in plain
words beside the fields, the officer's dossier page showing it all; and a paperless rule for
organisations that makes the desk refuse paper from any organisation and offer assisted online
filing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.catalog.models import PaperlessRule
from motcua.documents.tests import samples
from motcua.dossiers.constants import ApplicantKind, Status
from motcua.dossiers.models import Authorisation, Dossier

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

TUESDAY = vn(2026, 3, 3, 9, 0)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(version):
    return reverse("backoffice:intake_form", args=[version.pk])


def _scan(name="guq.pdf"):
    return SimpleUploadedFile(name, samples.pdf("scan"), content_type="application/pdf")


def _data(tree, form_component, **overrides):
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": ApplicantKind.STATE_AGENCY,
        "applicant_name": "Trường Mầm non Thử",
        "id_number": "1023456",
        "phone": "0263123456",
        "representative_name": "Lê Văn Được",
        "representative_id_number": "068090001234",
        "representative_position": "Kế toán",
        "representative_phone": "0912000333",
        "authorisation_number": "03/GUQ-MN",
        "authorisation_signed_on": "01/02/2026",
        "authorisation_valid_until": "31/12/2026",
        "authorisation_issuer": "Phan Thị Hiệu, Hiệu trưởng",
        "delivery": "desk",
        "idempotency_key": "intake-organisation",
        f"c{form_component.pk}_originals": "1",
        f"c{form_component.pk}_copies": "0",
        "decision": "receive",
    }
    return data | overrides


@freeze_time(TUESDAY)
def test_a_state_agency_received_with_its_authorised_person(
    as_user, people, version, tree, form_component
):
    client = as_user(people.desk_x)
    page = client.get(_url(version)).content.decode()
    assert "Người nộp thay, giấy ủy quyền" in page and "Cơ quan nhà nước" in page
    response = client.post(
        _url(version), _data(tree, form_component) | {"authorisation_file": _scan()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED
    assert dossier.applicant_kind == ApplicantKind.STATE_AGENCY
    authorisation = Authorisation.objects.get(dossier=dossier)
    scan = authorisation.document
    assert scan.origin == "scanned" and scan.files.get().name == "guq.pdf"
    html = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert "Lê Văn Được, Kế toán" in html and "0912000333" in html
    assert "Số 03/GUQ-MN ngày 01/02/2026 của Phan Thị Hiệu, Hiệu trưởng" in html
    assert "hiệu lực đến 31/12/2026" in html
    assert "Giấy ủy quyền số 03/GUQ-MN ngày 01/02/2026" in html  # among the papers


@freeze_time(TUESDAY)
def test_refusals_are_said_beside_their_fields_and_the_scan_is_kept(
    as_user, people, version, tree, form_component
):
    client = as_user(people.desk_x)
    data = _data(
        tree,
        form_component,
        id_number="10234",
        representative_id_number="12345678901",
        authorisation_valid_until="28/02/2026",
    )
    response = client.post(_url(version), data | {"authorisation_file": _scan()})
    html = response.content.decode()
    assert response.status_code == 400
    assert "mã ĐVQHNS" in html
    assert "Số định danh cá nhân của người được ủy quyền không hợp lệ" in html
    assert "Giấy ủy quyền đã hết hiệu lực ngày 28/02/2026, trước ngày nộp hồ sơ 03/03/2026" in html
    assert not Dossier.objects.exists()
    assert 'name="authorisation_kept"' in html  # no second scan needed
    # Without the scan at all:
    response = client.post(_url(version), _data(tree, form_component))
    assert "Chưa đính kèm bản quét (bản điện tử) của giấy ủy quyền." in response.content.decode()


@freeze_time(TUESDAY)
@pytest.mark.parametrize("kind", [ApplicantKind.STATE_AGENCY, ApplicantKind.BUSINESS])
def test_a_rule_for_organisations_makes_the_desk_refuse_their_paper(
    as_user, people, version, tree, form_component, kind
):
    PaperlessRule.objects.create(
        unit=tree.commune_x,
        weekdays=[],
        organisations_always=True,
        valid_from=datetime.date(2026, 3, 1),
        decision="9/QĐ-UBND",
    )
    client = as_user(people.desk_x)
    code = "1023456" if kind == ApplicantKind.STATE_AGENCY else "5800123456"
    data = _data(tree, form_component, applicant_kind=kind, id_number=code)
    response = client.post(_url(version), data | {"authorisation_file": _scan()})
    html = response.content.decode()
    assert response.status_code == 400
    assert "không tiếp nhận hồ sơ giấy" in html
    assert "Hôm nay không nhận hồ sơ giấy của thủ tục này" in html
    assert f"{reverse('backoffice:assisted_start')}?version={version.pk}" in html
    assert "9/QĐ-UBND" in html
    assert not Dossier.objects.exists()
    # A citizen is still received on paper that day.
    citizen = _data(
        tree,
        form_component,
        applicant_kind=ApplicantKind.CITIZEN,
        applicant_name="Trần Văn Bình",
        id_number="068080999999",
        representative_name="",
        representative_id_number="",
        authorisation_number="",
        authorisation_signed_on="",
        authorisation_valid_until="",
        authorisation_issuer="",
    )
    assert client.post(_url(version), citizen).status_code == 302


@freeze_time(TUESDAY)
def test_assisted_online_filing_for_an_organisation_records_its_authorised_person(
    as_user, people, version, tree, form_component, client
):
    from motcua.accounts import services as accounts
    from motcua.dossiers import services
    from motcua.dossiers.models import ConsentMethod

    school = accounts.register_business(
        tax_code="1023456",
        kind="state_agency",
        name="Trường Mầm non Thử",
        password="x",
        phone="0912000444",
        legal_representative="Phan Thị Hiệu",
    )
    consent = services.start_consent(
        officer=people.desk_x, unit=tree.commune_x, applicant=school, method=ConsentMethod.SIGNIN
    )
    client.force_login(school)
    assert client.post(reverse("portal:assisted_confirm", args=[consent.token])).status_code == 200
    officer = as_user(people.desk_x)
    url = reverse("backoffice:assisted_file", args=[consent.pk, version.pk])
    assert "Người nộp thay, giấy ủy quyền" in officer.get(url).content.decode()
    data = {
        key: value
        for key, value in _data(tree, form_component).items()
        if key.startswith(("representative_", "authorisation_"))
    } | {
        "resolving_agency": tree.commune_x.pk,
        "delivery": "online",
        "idempotency_key": "assisted-organisation",
        f"c{form_component.pk}_files": _scan("to-khai.pdf"),
    }
    expired = officer.post(url, data | {"authorisation_valid_until": "02/03/2026"})
    assert expired.status_code == 400
    assert "Giấy ủy quyền đã hết hiệu lực ngày 02/03/2026" in expired.content.decode()
    assert not Dossier.objects.exists()
    data[f"c{form_component.pk}_files"] = _scan("to-khai.pdf")
    filed = officer.post(url, data | {"authorisation_file": _scan()})
    assert filed.status_code == 302, filed.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.assisted_by == people.desk_x and dossier.applicant == school
    assert dossier.applicant_kind == ApplicantKind.STATE_AGENCY
    assert dossier.representative_name == "Lê Văn Được"
    assert Authorisation.objects.get(dossier=dossier).document.files.get().name == "guq.pdf"

"""An organisation's account files online (#20 item 8): the applicant step asks who files —
the legal representative, or a person it authorised, with the authorisation and its scan —
refuses an expired authorisation or a missing scan in plain words, and the filed dossier
records both; a citizen's step does not ask."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.accounts import services as accounts
from motcua.dossiers.constants import ApplicantKind, Delivery, Status
from motcua.dossiers.models import Authorisation, Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_account(db):
    return accounts.register_business(
        tax_code="1012345",
        kind="state_agency",
        name="Trường Tiểu học Thử Nghiệm",
        password="x",
        phone="0912000444",
        legal_representative="Phan Thị Hiệu",
    )


def _start(client, version, tree) -> int:
    response = client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    assert response.status_code == 302
    return int(response["Location"].rstrip("/").split("/")[-2])


def _authorised(today, **overrides):
    data = {
        "phone": "0912000444",
        "request": "Cấp giấy",
        "copies": "1",
        "filer": "authorised",
        "representative_name": "Lê Văn Được",
        "representative_id_number": "068090001234",
        "representative_position": "Văn thư",
        "representative_phone": "0912000333",
        "authorisation_number": "07/GUQ-THTN",
        "authorisation_signed_on": (today - datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
        "authorisation_valid_until": (today + datetime.timedelta(days=60)).strftime("%d/%m/%Y"),
        "authorisation_issuer": "Phan Thị Hiệu, Hiệu trưởng",
    }
    return data | overrides


def test_a_citizen_is_not_asked_who_files(as_user, people, version, tree):
    client = as_user(people.citizen_a)
    draft = _start(client, version, tree)
    page = client.get(reverse("portal:draft_step", args=[draft, "applicant"])).content.decode()
    assert "Người nộp hồ sơ của tổ chức" not in page


def test_a_state_agency_files_through_an_authorised_person(
    client, agency_account, version, tree, pdf
):
    client.force_login(agency_account)
    draft_id = _start(client, version, tree)
    step = reverse("portal:draft_step", args=[draft_id, "applicant"])
    page = client.get(step).content.decode()
    assert "Người nộp hồ sơ của tổ chức" in page
    assert "Người đại diện theo pháp luật: Phan Thị Hiệu" in page
    assert 'enctype="multipart/form-data"' in page
    today = timezone.localdate()
    # Expired before the filing day: refused, in words, beside the field.
    expired = (today - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    data = _authorised(today, authorisation_valid_until=expired, version=1)
    refused = client.post(step, data | {"authorisation_file": pdf("guq.pdf")})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert f"Giấy ủy quyền đã hết hiệu lực ngày {expired}" in html
    # No scan, and a personal id that is no personal id.
    refused = client.post(step, _authorised(today, representative_id_number="0680", version=1))
    html = refused.content.decode()
    assert "Chưa đính kèm bản quét (bản điện tử) của giấy ủy quyền." in html
    assert "Số định danh cá nhân của người được ủy quyền không hợp lệ" in html
    # Right: the step goes on and the draft keeps it.
    saved = client.post(
        step, _authorised(today, version=1) | {"authorisation_file": pdf("guq.pdf")}
    )
    assert saved.status_code == 302
    draft = Dossier.objects.get(pk=draft_id)
    kept = draft.form_data["representation"]
    assert kept["representative_name"] == "Lê Văn Được" and kept["file"]
    # The step shows it again; going on without re-uploading keeps the scan.
    again = client.get(step).content.decode()
    assert "guq.pdf" in again and "07/GUQ-THTN" in again
    assert client.post(step, _authorised(today, version=2)).status_code == 302
    version_no = 3
    documents = {"version": version_no}
    for component in version.components.all():
        documents[f"upload_{component.pk}"] = pdf(f"giay-to-{component.pk}.pdf")
    docs = client.post(reverse("portal:draft_step", args=[draft_id, "documents"]), documents)
    assert docs.status_code == 302
    delivery = {"delivery": Delivery.DESK, "delivery_address": "", "version": version_no + 1}
    client.post(reverse("portal:draft_step", args=[draft_id, "delivery"]), delivery)
    review = reverse("portal:draft_review", args=[draft_id])
    shown = client.get(review).content.decode()
    assert "Lê Văn Được" in shown and "07/GUQ-THTN" in shown and "guq.pdf" in shown
    assert client.post(review, {"version": version_no + 2}).status_code == 302
    dossier = Dossier.objects.get(pk=draft_id)
    assert dossier.status == Status.SUBMITTED
    assert dossier.applicant_kind == ApplicantKind.STATE_AGENCY
    assert dossier.applicant_id_number == "1012345"
    assert dossier.representative_position == "Văn thư"
    authorisation = Authorisation.objects.get(dossier=dossier)
    assert authorisation.issuer == "Phan Thị Hiệu, Hiệu trưởng"
    assert authorisation.document.files.get().name == "guq.pdf"
    assert "representation" not in dossier.form_data  # recorded in its own place
    # The citizen's (here: the agency's) own dossier page shows who filed under what paper.
    page = client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Người nộp thay" in page and "Lê Văn Được" in page
    assert "Số 07/GUQ-THTN ngày" in page and "Cơ quan nhà nước" in page


def test_the_legal_representative_files_without_any_paper(
    client, agency_account, version, tree, pdf
):
    client.force_login(agency_account)
    draft_id = _start(client, version, tree)
    step = reverse("portal:draft_step", args=[draft_id, "applicant"])
    data = {"phone": "0912000444", "request": "Cấp giấy", "copies": "1", "filer": "legal"}
    assert client.post(step, data | {"version": 1}).status_code == 302
    assert Dossier.objects.get(pk=draft_id).form_data["representation"] == {"filer": "legal"}

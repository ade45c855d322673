"""The online applicant step offers a VNeID-verified citizen to fill from the population register
(their own number only, with consent): the answer fills the form, the filed dossier carries
MaCSDL (766 4.5a/b). An unverified citizen is not offered it and is refused; the register down
keeps what was typed."""

import copy
import datetime

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_citizen
from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.documents.tests import samples
from motcua.dossiers.constants import SourceDatabase, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE
from motcua.integrations.models import ConsentMethod, LookupOutcome, RegisterLookup

pytestmark = pytest.mark.django_db
KNOWN = "068080001234"  # Nguyễn Văn An in the demo register
FIELDS = [
    {"name": "ho_ten_nguoi_yeu_cau", "label": "Họ tên người yêu cầu", "kind": "text"},
    {
        "name": "ngay_sinh_nguoi_yeu_cau",
        "label": "Ngày sinh người yêu cầu",
        "kind": "date",
        "required": True,
    },
    {"name": "noi_thuong_tru", "label": "Nơi thường trú", "kind": "text", "required": True},
    {"name": "noi_dung", "label": "Nội dung đề nghị", "kind": "text", "required": True},
]


@pytest.fixture
def applicant_version(db):
    data = copy.deepcopy(CATALOGUE)
    data["procedures"][0]["versions"][0]["form_fields"] = copy.deepcopy(FIELDS)
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000001")


@pytest.fixture
def verified(db):
    return make_citizen(
        "Nguyễn Văn An",
        personal_id=KNOWN,
        date_of_birth=datetime.date(1980, 5, 17),
        vneid_verified=True,
        phone="0912345678",
    )


def start(client, version, tree):
    client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    return Dossier.objects.get(status=Status.DRAFT)


def step(draft, name="applicant"):
    return reverse("portal:draft_step", args=[draft.pk, name])


def value(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start_at = html.index(marker) + len(marker)
    return html[start_at : html.index('"', start_at)]


def test_verified_citizen_fills_from_the_register_and_files(
    as_user, verified, applicant_version, tree, pdf
):
    client = as_user(verified)
    draft = start(client, applicant_version, tree)
    page = client.get(step(draft)).content.decode()
    assert "Điền từ CSDL quốc gia về dân cư" in page and "Tôi đồng ý" in page

    response = client.post(
        step(draft),
        {
            "population_lookup": "1",
            "population_consent": "on",
            "noi_dung": "Đã gõ trước",
            "phone": "0912345678",
            "version": draft.version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' not in html
    assert "Đã điền thông tin của bạn từ CSDL quốc gia về dân cư" in html
    assert value(html, "ho_ten_nguoi_yeu_cau") == "Nguyễn Văn An"
    assert value(html, "ngay_sinh_nguoi_yeu_cau") == "17/05/1980"
    assert value(html, "noi_thuong_tru").startswith("12 Trần Phú")
    assert value(html, "address").startswith("12 Trần Phú")
    assert value(html, "noi_dung") == "Đã gõ trước"
    lookup = RegisterLookup.objects.get()
    assert lookup.actor == verified and not lookup.officer
    assert lookup.consent_method == ConsentMethod.ONLINE and lookup.dossier_id == draft.pk
    draft.refresh_from_db()
    assert draft.form_data["population"]["source"] == SourceDatabase.POPULATION
    assert value(html, "version") == str(draft.version)

    # Continue, then file: the dossier carries MaCSDL.
    continued = client.post(
        step(draft),
        {
            "ho_ten_nguoi_yeu_cau": "Nguyễn Văn An",
            "ngay_sinh_nguoi_yeu_cau": "17/05/1980",
            "noi_thuong_tru": value(html, "noi_thuong_tru"),
            "noi_dung": "Đã gõ trước",
            "address": value(html, "address"),
            "phone": value(html, "phone"),
            "version": draft.version,
        },
    )
    assert continued.status_code == 302, continued.content.decode()
    draft.refresh_from_db()
    form = applicant_version.components.get(name="Tờ khai")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("to-khai.pdf", samples.pdf("x"), content_type="application/pdf")
    client.post(step(draft, "documents"), {f"upload_{form.pk}": upload, "version": draft.version})
    draft.refresh_from_db()
    client.post(step(draft, "delivery"), {"delivery": "desk", "version": draft.version})
    draft.refresh_from_db()
    review = client.post(
        reverse("portal:draft_review", args=[draft.pk]), {"version": draft.version}
    )
    assert review.status_code == 302, review.content.decode()[-3000:]
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.applicant_data_source == SourceDatabase.POPULATION


def test_a_number_in_the_request_is_ignored(as_user, verified, applicant_version, tree):
    client = as_user(verified)
    draft = start(client, applicant_version, tree)
    client.post(
        step(draft),
        {
            "population_lookup": "1",
            "population_consent": "on",
            "id_number": "068192004567",
            "version": draft.version,
        },
    )
    assert list(RegisterLookup.objects.values_list("id_number", flat=True)) == [KNOWN]


def test_without_consent_nothing_is_looked_up(as_user, verified, applicant_version, tree):
    client = as_user(verified)
    draft = start(client, applicant_version, tree)
    html = client.post(
        step(draft), {"population_lookup": "1", "noi_dung": "Giữ", "version": draft.version}
    ).content.decode()
    assert "cần sự đồng ý" in html and value(html, "noi_dung") == "Giữ"
    assert RegisterLookup.objects.get().outcome == LookupOutcome.NO_CONSENT
    draft.refresh_from_db()
    assert "population" not in draft.form_data


@pytest.mark.parametrize("mode", ["500", "timeout", "malformed"])
def test_register_down_keeps_what_was_typed(
    as_user, verified, applicant_version, tree, monkeypatch, mode
):
    monkeypatch.setenv("DEMO_POPULATION_FAIL", mode)
    monkeypatch.setenv("POPULATION_TIMEOUT", "0.05")
    monkeypatch.setenv("DEMO_POPULATION_DELAY", "0.2")
    client = as_user(verified)
    draft = start(client, applicant_version, tree)
    html = client.post(
        step(draft),
        {
            "population_lookup": "1",
            "population_consent": "on",
            "noi_dung": "Giữ nguyên",
            "address": "Số 9 đường Gõ Tay",
            "version": draft.version,
        },
    ).content.decode()
    assert "Chưa kết nối được CSDL quốc gia về dân cư" in html
    assert value(html, "noi_dung") == "Giữ nguyên"
    assert value(html, "address") == "Số 9 đường Gõ Tay"
    draft.refresh_from_db()
    assert "population" not in draft.form_data


def test_an_unverified_citizen_is_not_offered_and_is_refused(
    as_user, people, applicant_version, tree
):
    client = as_user(people.citizen_b)
    draft = start(client, applicant_version, tree)
    assert "Điền từ CSDL quốc gia về dân cư" not in client.get(step(draft)).content.decode()
    response = client.post(
        step(draft),
        {"population_lookup": "1", "population_consent": "on", "version": draft.version},
    )
    assert response.status_code == 403
    assert not RegisterLookup.objects.exists()


def test_another_citizens_draft_is_not_found(as_user, verified, people, applicant_version, tree):
    draft = start(as_user(people.citizen_b), applicant_version, tree)
    response = as_user(verified).post(
        step(draft),
        {"population_lookup": "1", "population_consent": "on", "version": draft.version},
    )
    assert response.status_code == 404
    assert not RegisterLookup.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, as_user, verified, applicant_version, tree):
    draft = start(as_user(verified), applicant_version, tree)
    client.logout()
    response = client.post(step(draft), {"population_lookup": "1", "population_consent": "on"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not RegisterLookup.objects.exists()

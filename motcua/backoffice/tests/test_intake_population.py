"""The desk's look-up in the population register while taking in a walk-in dossier: consent,
the answer filling the applicant and the form, the dossier marked as using the register's data
(766 4.5a/b), the register down degrading to typing, and who may use it."""

import copy
import datetime

import pytest
from django.urls import reverse

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.dossiers.constants import SourceDatabase, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE
from motcua.integrations.models import LookupOutcome, RegisterLookup
from motcua.reports.measurement import facts, records

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db
KNOWN = "068080001234"  # Nguyễn Văn An in the demo register

APPLICANT_FIELDS = [
    {"name": "ho_ten_nguoi_yeu_cau", "label": "Họ tên người yêu cầu", "kind": "text"},
    {"name": "ngay_sinh_nguoi_yeu_cau", "label": "Ngày sinh người yêu cầu", "kind": "date"},
    {
        "name": "gioi_tinh_nguoi_yeu_cau",
        "label": "Giới tính",
        "kind": "choice",
        "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}],
    },
    {"name": "noi_thuong_tru", "label": "Nơi thường trú", "kind": "text"},
    # Not a well-known name: filled because the catalogue says so.
    {
        "name": "nguyen_quan",
        "label": "Nguyên quán",
        "kind": "text",
        "prefill": "population.place_of_origin",
    },
    {"name": "ghi_chu", "label": "Ghi chú", "kind": "text"},
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def applicant_version(db):
    data = copy.deepcopy(CATALOGUE)
    version = data["procedures"][0]["versions"][0]
    version["form_fields"] = copy.deepcopy(APPLICANT_FIELDS)
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000001", datetime.date(2026, 3, 2))


def _url(version):
    return reverse("backoffice:intake_form", args=[version.pk])


def _data(version, tree, **overrides):
    component = version.components.get(name="Tờ khai")
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "",
        "id_number": KNOWN,
        "phone": "0911222333",
        "delivery": "desk",
        "idempotency_key": "intake-pop-1",
        f"c{component.pk}_originals": "1",
        f"c{component.pk}_copies": "0",
        "answer_ghi_chu": "Đã gõ trước khi tra cứu",
        "population_reason": "Tiếp nhận hồ sơ thủ tục thử nghiệm",
        "population_consent": "on",
        "decision": "population",
    }
    return data | overrides


def _value(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_the_form_offers_the_look_up_next_to_the_number(as_user, people, applicant_version):
    html = as_user(people.desk_x).get(_url(applicant_version)).content.decode()
    assert "Tra cứu CSDL quốc gia về dân cư" in html
    assert "Người nộp đồng ý cho tra cứu" in html
    assert html.index('name="id_number"') < html.index('value="population"')


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_desk_journey_fills_the_form_then_receives_a_dossier_marked_macsdl(
    as_user, people, tree, applicant_version
):
    client = as_user(people.desk_x)
    response = client.post(_url(applicant_version), _data(applicant_version, tree))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' not in html  # nothing is an error yet
    assert "Đã điền thông tin từ CSDL quốc gia về dân cư" in html
    assert _value(html, "applicant_name") == "Nguyễn Văn An"
    assert _value(html, "applicant_birth_date") == "17/05/1980"
    assert '<option value="male" selected>' in html
    assert _value(html, "address").startswith("12 Trần Phú")
    assert _value(html, "answer_ho_ten_nguoi_yeu_cau") == "Nguyễn Văn An"
    assert _value(html, "answer_ngay_sinh_nguoi_yeu_cau") == "17/05/1980"
    assert '<option value="nam" selected>' in html
    assert _value(html, "answer_noi_thuong_tru").startswith("12 Trần Phú")
    assert _value(html, "answer_nguyen_quan") == "Xã Đức Trọng, Tỉnh Lâm Đồng"
    assert _value(html, "answer_ghi_chu") == "Đã gõ trước khi tra cứu"  # typed, kept
    assert _value(html, "phone") == "0911222333"
    token = _value(html, "population_token")
    lookup = RegisterLookup.objects.get()
    assert lookup.actor == people.desk_x and lookup.outcome == LookupOutcome.FOUND
    assert lookup.dossier is None

    # The officer receives the dossier with what the register filled.
    filled = _data(
        applicant_version,
        tree,
        decision="receive",
        applicant_name="Nguyễn Văn An",
        applicant_birth_date="17/05/1980",
        applicant_sex="male",
        address=_value(html, "address"),
        population_token=token,
        answer_ho_ten_nguoi_yeu_cau="Nguyễn Văn An",
        answer_ngay_sinh_nguoi_yeu_cau="17/05/1980",
        answer_gioi_tinh_nguoi_yeu_cau="nam",
    )
    assert client.post(_url(applicant_version), filled).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.status == Status.RECEIVED
    assert dossier.applicant_data_source == SourceDatabase.POPULATION
    assert dossier.form_data["applicant"] == {"birth_date": "1980-05-17", "sex": "male"}
    assert dossier.form_data["fields"]["ho_ten_nguoi_yeu_cau"] == "Nguyễn Văn An"
    lookup.refresh_from_db()
    assert lookup.dossier == dossier
    # 766 4.5b counts it (the dossier is not VNeID-filed and has no register component).
    assert not dossier.vneid_verified
    record = records.DossierRecord.from_model(
        Dossier.objects.select_related("rules").get(pk=dossier.pk)
    )
    assert facts.attributes(record, None).population_data
    assert records.load(Dossier.objects.filter(pk=dossier.pk))[0].applicant_data_source == (
        SourceDatabase.POPULATION
    )


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_failed_look_up_of_another_number_drops_the_earlier_confirmation(
    as_user, people, tree, applicant_version
):
    client = as_user(people.desk_x)
    first = client.post(_url(applicant_version), _data(applicant_version, tree)).content.decode()
    token = _value(first, "population_token")
    assert token
    again = _data(applicant_version, tree, id_number="099999999999", population_token=token)
    html = client.post(_url(applicant_version), again).content.decode()
    assert "không có số định danh cá nhân 099999999999" in html
    assert 'name="population_token" value="' not in html
    assert "Thông tin chủ hồ sơ lấy từ CSDL" not in html


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_typed_dossier_is_not_marked(as_user, people, tree, applicant_version):
    data = _data(applicant_version, tree, decision="receive", applicant_name="Nguyễn Văn An")
    assert as_user(people.desk_x).post(_url(applicant_version), data).status_code == 302
    assert Dossier.objects.get().applicant_data_source == ""


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_another_officers_token_does_not_mark_the_dossier(as_user, people, tree, applicant_version):
    from motcua.integrations.population import services

    theirs = services.lookup(
        actor=people.desk_y,
        id_number=KNOWN,
        reason="Tiếp nhận hồ sơ",
        consent=True,
        consent_method="at_desk",
    ).token
    data = _data(
        applicant_version,
        tree,
        decision="receive",
        applicant_name="Nguyễn Văn An",
        population_token=theirs,
    )
    assert as_user(people.desk_x).post(_url(applicant_version), data).status_code == 302
    assert Dossier.objects.get().applicant_data_source == ""


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_without_consent_no_look_up_and_the_refusal_is_recorded(
    as_user, people, tree, applicant_version
):
    data = _data(applicant_version, tree, applicant_name="Typed Name")
    data.pop("population_consent")
    html = as_user(people.desk_x).post(_url(applicant_version), data).content.decode()
    assert "cần sự đồng ý của người có thông tin" in html
    assert _value(html, "applicant_name") == "Typed Name"
    record = RegisterLookup.objects.get()
    assert record.outcome == LookupOutcome.NO_CONSENT and record.provider == ""


@pytest.mark.parametrize("mode", ["500", "timeout", "malformed"])
@freeze_time(vn(2026, 3, 2, 9, 0))
def test_register_down_keeps_what_was_typed_and_receiving_still_works(
    as_user, people, tree, applicant_version, monkeypatch, mode
):
    monkeypatch.setenv("DEMO_POPULATION_FAIL", mode)
    monkeypatch.setenv("POPULATION_TIMEOUT", "0.05")
    monkeypatch.setenv("DEMO_POPULATION_DELAY", "0.2")
    client = as_user(people.desk_x)
    data = _data(applicant_version, tree, applicant_name="Nguyễn Văn Gõ Tay", address="Số 1")
    response = client.post(_url(applicant_version), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa kết nối được CSDL quốc gia về dân cư" in html
    assert "nhập thông tin theo giấy tờ" in html
    assert _value(html, "applicant_name") == "Nguyễn Văn Gõ Tay"
    assert _value(html, "address") == "Số 1"
    assert _value(html, "answer_ghi_chu") == "Đã gõ trước khi tra cứu"
    assert RegisterLookup.objects.get().outcome == LookupOutcome.UNAVAILABLE
    typed = data | {"decision": "receive"}
    assert client.post(_url(applicant_version), typed).status_code == 302
    assert Dossier.objects.get().applicant_data_source == ""


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_malformed_number_is_a_message_not_a_500(as_user, people, tree, applicant_version):
    data = _data(applicant_version, tree, id_number="12345")
    response = as_user(people.desk_x).post(_url(applicant_version), data)
    assert response.status_code == 200
    assert "12 chữ số" in response.content.decode()
    assert not RegisterLookup.objects.exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_only_desk_officers_may_look_up(client, as_user, people, tree, applicant_version):
    data = _data(applicant_version, tree)
    assert client.post(_url(applicant_version), data).status_code == 302  # to the login
    assert as_user(people.citizen_a).post(_url(applicant_version), data).status_code == 403
    assert as_user(people.specialist_x).post(_url(applicant_version), data).status_code == 403
    assert not RegisterLookup.objects.exists()

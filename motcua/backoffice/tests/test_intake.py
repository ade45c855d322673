"""Desk intake: the appointment shown before confirming, receipt with scans, guidance to a
supplement, refusal, input kept on error, the applicant's account linked, and who may use it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.documents.models import StoredFile
from motcua.documents.tests import samples
from motcua.dossiers.constants import FileOrigin, Status
from motcua.dossiers.models import Dossier

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(version):
    return reverse("backoffice:intake_form", args=[version.pk])


def _pdf(name="to-khai.pdf"):
    return SimpleUploadedFile(name, samples.pdf("scan"), content_type="application/pdf")


def _data(version, tree, form_component, **overrides):
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Văn Bình",
        "id_number": "068080999999",
        "phone": "0911222333",
        "delivery": "desk",
        "idempotency_key": "intake-1",
        f"c{form_component.pk}_originals": "1",
        f"c{form_component.pk}_copies": "0",
        "decision": "receive",
    }
    return data | overrides


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_search_then_form_shows_the_appointment_before_confirming(as_user, people, version):
    client = as_user(people.desk_x)
    found = client.get(reverse("backoffice:intake"), {"q": "thu nghiem"})
    assert _url(version) in found.content.decode()
    form = client.get(_url(version))
    html = form.content.decode()
    assert form.status_code == 200
    # 3 working days from Monday 09:00.
    assert "09:00 05/03/2026" in html
    assert "Ngày hẹn trả kết quả nếu tiếp nhận bây giờ" in html
    assert "Tờ khai" in html and "Giấy ủy quyền" in html
    assert 'type="file"' in html and "multiple" in html


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_receive_with_scans_and_linked_account(as_user, people, version, tree, form_component):
    personal_id = people.citizen_a.citizen_profile.personal_id
    data = _data(version, tree, form_component, id_number=personal_id)
    data[f"c{form_component.pk}_files"] = [_pdf("trang-1.pdf"), _pdf("trang-2.pdf")]
    data[f"c{form_component.pk}_digitized"] = "on"
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("backoffice:dossier", args=[dossier.code])
    assert dossier.status == Status.RECEIVED
    assert dossier.applicant == people.citizen_a
    component = dossier.components.get()
    assert component.origin == FileOrigin.SCANNED and component.digitized
    assert sorted(f.name for f in component.files.all()) == ["trang-1.pdf", "trang-2.pdf"]


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_error_keeps_input_and_uploaded_files(as_user, people, version, tree, form_component):
    client = as_user(people.desk_x)
    data = _data(version, tree, form_component, applicant_name="", summary="Giữ lại nội dung")
    data[f"c{form_component.pk}_files"] = [_pdf()]
    response = client.post(_url(version), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html
    assert "Giữ lại nội dung" in html and "0911222333" in html
    stored = StoredFile.objects.get()
    assert f'name="c{form_component.pk}_kept" value="{stored.pk}"' in html
    # Second try without re-scanning: the kept file is attached.
    data = _data(version, tree, form_component)
    data[f"c{form_component.pk}_kept"] = [str(stored.pk)]
    assert client.post(_url(version), data).status_code == 302
    assert list(Dossier.objects.get().components.get().files.all()) == [stored]


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_service_refusal_is_shown_not_a_500(as_user, people, version, tree, form_component):
    data = _data(version, tree, form_component)
    data.pop(f"c{form_component.pk}_originals")
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 400
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai" in response.content.decode()
    assert not Dossier.objects.exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_digitised_without_scan_is_refused(as_user, people, version, tree, form_component):
    data = _data(version, tree, form_component)
    data[f"c{form_component.pk}_digitized"] = "on"
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 400
    assert "Hãy đính kèm bản quét" in response.content.decode()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_guidance_to_supplement_and_refusal(as_user, people, version, tree, form_component):
    client = as_user(people.desk_x)
    data = _data(
        version,
        tree,
        form_component,
        decision="supplement",
        item_0="Giấy ủy quyền",
        item_0_reason="Người nộp thay",
    )
    assert client.post(_url(version), data).status_code == 302
    guided = Dossier.objects.get()
    assert guided.status == Status.INTAKE_SUPPLEMENT
    assert guided.supplement_requests.get().items == [
        {"name": "Giấy ủy quyền", "reason": "Người nộp thay"}
    ]
    refused = _data(version, tree, form_component, decision="refuse", idempotency_key="i-2")
    response = client.post(_url(version), refused)
    assert "Từ chối tiếp nhận phải ghi rõ lý do" in response.content.decode()
    refused["refusal_reason"] = "Không thuộc thẩm quyền"
    assert client.post(_url(version), refused).status_code == 302
    assert Dossier.objects.filter(status=Status.REFUSED_AT_INTAKE).count() == 1


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_preview_does_not_create_a_dossier(as_user, people, version, tree, form_component):
    data = _data(version, tree, form_component, decision="preview")
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 200
    assert "09:00 05/03/2026" in response.content.decode()
    assert not Dossier.objects.exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_lookup_fills_the_applicant_from_the_account(as_user, people, version):
    personal_id = people.citizen_a.citizen_profile.personal_id
    response = as_user(people.desk_x).get(_url(version), {"lookup": personal_id})
    html = response.content.decode()
    assert "Nguyễn Văn An" in html and "0912345678" in html


def test_only_desk_officers_may_take_in(client, as_user, people, version):
    assert client.get(_url(version)).status_code == 302
    assert as_user(people.specialist_x).get(_url(version)).status_code == 403
    assert as_user(people.citizen_a).get(reverse("backoffice:intake")).status_code == 403


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_desk_of_another_commune_cannot_receive_for_x(
    as_user, people, version, tree, form_component
):
    data = _data(version, tree, form_component)
    response = as_user(people.desk_y).post(_url(version), data)
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_lookup_by_phone_from_an_earlier_dossier(as_user, people, version, walk_in):
    from motcua.dossiers.services import Applicant

    walk_in(applicant=Applicant(name="Phan Văn Khoa", id_number="068080777777", phone="0977000222"))
    with freeze_time(vn(2026, 3, 3, 9, 0)):
        response = as_user(people.desk_x).get(_url(version), {"lookup": "0977000222"})
    html = response.content.decode()
    assert "Phan Văn Khoa" in html and "068080777777" in html


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_file_that_is_not_a_pdf_is_refused_by_content(
    as_user, people, version, tree, form_component
):
    data = _data(version, tree, form_component)
    data[f"c{form_component.pk}_files"] = [
        SimpleUploadedFile("gia.pdf", b"MZ not a pdf", content_type="application/pdf")
    ]
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 400
    assert "gia.pdf" in response.content.decode()
    assert not Dossier.objects.exists() and not StoredFile.objects.exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_boundary_free_intake_for_another_commune(as_user, people, version, tree, form_component):
    client = as_user(people.desk_x)
    assert "Xã Thử Y" in client.get(_url(version)).content.decode()
    data = _data(version, tree, form_component, resolving_agency=tree.commune_y.pk)
    assert client.post(_url(version), data).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.receiving_unit == tree.commune_x
    assert dossier.resolving_agency == tree.commune_y


def _khai(walk_in, tree, people, **applicant):
    """A dossier received at commune Y's desk for Trịnh Văn Khải."""
    from motcua.dossiers.services import Applicant

    person = Applicant(
        name="Trịnh Văn Khải", id_number="068080555555", phone="0977000555", address="Thôn Y"
    )
    return walk_in(
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
        applicant=person,
        **applicant,
    )


def test_lookup_by_name_lists_the_applicants_then_picking_fills_the_form(
    as_user, people, version, walk_in
):
    from motcua.dossiers.services import Applicant

    bao = Applicant(
        name="Nguyễn Văn Bảo", id_number="068080777777", phone="0977000222", address="Thôn 1"
    )
    first = walk_in(applicant=bao)
    latest = walk_in(applicant=bao, at=vn(2026, 3, 3, 9, 0))
    walk_in(applicant=Applicant(name="Nguyễn Thị Cúc", id_number="068080666666"))
    client = as_user(people.desk_x)
    with freeze_time(vn(2026, 3, 4, 9, 0)):
        # Any order, without diacritics or case; each person once, from the latest dossier.
        response = client.get(_url(version), {"lookup": "VAN nguyen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Người nộp tìm thấy theo tên" in html
    assert html.count("Nguyễn Văn Bảo") == 2  # the name cell and the pick link's hidden text
    assert "Nguyễn Thị Cúc" not in html
    # The ID number only masked, the phone and address as on the dossier.
    assert "068080777777" not in html and "•••••••••" in html and "777</td>" in html
    assert "0977000222" in html and "Thôn 1" in html
    assert f"pick={latest.pk}#applicant" in html and f"pick={first.pk}" not in html
    with freeze_time(vn(2026, 3, 4, 9, 0)):
        filled = client.get(_url(version), {"lookup": "van nguyen", "pick": latest.pk})
    html = filled.content.decode()
    assert 'value="068080777777"' in html and 'value="Nguyễn Văn Bảo"' in html
    assert 'value="0977000222"' in html


def test_lookup_by_name_not_found_keeps_the_name_for_a_new_applicant(as_user, people, version):
    # A registered account is found by its number, never by name (see backoffice.applicants).
    response = as_user(people.desk_x).get(_url(version), {"lookup": "Nguyễn Văn An"})
    html = response.content.decode()
    assert "Không tìm thấy người nộp tên" in html
    assert 'value="Nguyễn Văn An"' in html
    assert people.citizen_a.citizen_profile.personal_id not in html


def test_lookup_by_name_does_not_reveal_another_communes_applicants(
    as_user, people, version, walk_in, tree
):
    khai = _khai(walk_in, tree, people)
    with freeze_time(vn(2026, 3, 3, 9, 0)):
        # Commune Y's desk finds its own applicant.
        own = as_user(people.desk_y).get(_url(version), {"lookup": "khai trinh"})
        assert "Trịnh Văn Khải" in own.content.decode()
        client = as_user(people.desk_x)
        html = client.get(_url(version), {"lookup": "khai trinh"}).content.decode()
        assert "Trịnh Văn Khải" not in html and f"pick={khai.pk}" not in html
        assert "Không tìm thấy người nộp tên" in html
        # Nor by forging the pick, nor by the phone known only from commune Y's dossier.
        forged = client.get(_url(version), {"pick": khai.pk}).content.decode()
        by_phone = client.get(_url(version), {"lookup": "0977000555"}).content.decode()
    for page in (forged, by_phone):
        assert "Trịnh Văn Khải" not in page and "068080555555" not in page


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_another_officers_stored_file_cannot_be_kept(
    as_user, people, version, tree, form_component
):
    from motcua.documents.services import store_file

    theirs = store_file(
        b"%PDF-1.4 scan",
        name="cua-xa-y.pdf",
        content_type="application/pdf",
        uploaded_by=people.desk_y,
    )
    data = _data(version, tree, form_component)
    data[f"c{form_component.pk}_kept"] = [str(theirs.pk)]
    data[f"c{form_component.pk}_digitized"] = "on"
    response = as_user(people.desk_x).post(_url(version), data)
    assert response.status_code == 400
    assert "Hãy đính kèm bản quét" in response.content.decode()
    assert "cua-xa-y.pdf" not in response.content.decode()
    data.pop(f"c{form_component.pk}_digitized")
    assert as_user(people.desk_x).post(_url(version), data).status_code == 302
    assert not Dossier.objects.get().components.get().files.exists()

"""Online submission step by step: drafts saved and resumed, errors keep what was entered,
components uploaded or picked from the data store, then filed with submit_online."""

import pytest
from django.urls import reverse

from motcua.dossiers.constants import Delivery, FileOrigin, Status
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(as_user, people, version, tree):
    """Citizen A has chosen where to file; returns (client, draft)."""
    client = as_user(people.citizen_a)
    response = client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    draft = Dossier.objects.get(applicant=people.citizen_a, status=Status.DRAFT)
    assert response["Location"] == reverse("portal:draft_step", args=[draft.pk, "applicant"])
    return client, draft


def _step(draft, name):
    return reverse("portal:draft_step", args=[draft.pk, name])


def test_the_procedure_page_links_to_the_form(client, version):
    html = client.get(reverse("portal:procedures:detail", args=[version.procedure.code])).content
    assert reverse("portal:apply", args=[version.procedure.code]).encode() in html


def test_the_form_asks_anonymous_visitors_to_sign_in(client, version):
    response = client.get(reverse("portal:apply", args=[version.procedure.code]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_applicant_details_are_prefilled_from_the_profile(started, people):
    client, draft = started
    html = client.get(_step(draft, "applicant")).content.decode()
    assert people.citizen_a.citizen_profile.personal_id in html
    assert 'value="0912345678"' in html and 'value="an@example.vn"' in html


def test_a_validation_error_keeps_everything_entered(started):
    client, draft = started
    response = client.post(
        _step(draft, "applicant"),
        {
            "phone": "0912345678",
            "address": "Số 1 đường Láng",
            "request": "Cấp giấy",
            "copies": "99",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Số 1 đường Láng" in html and "Cấp giấy" in html
    assert 'name="copies"' in html and "10" in html


def test_a_failed_upload_keeps_the_other_component(started, version, pdf):
    client, draft = started
    components = list(version.components.all())
    form, other = components[0], components[1]
    response = client.post(
        _step(draft, "documents"),
        {
            f"upload_{form.pk}": pdf(),
            f"upload_{other.pk}": pdf("anh.gif", b"GIF89a"),
            "version": draft.version,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "không phải tệp" in html and "to-khai.pdf" in html
    draft.refresh_from_db()
    assert list(draft.form_data["attachments"]) == [str(form.pk)]


def test_draft_is_saved_and_resumed(started, people):
    client, draft = started
    response = client.post(
        _step(draft, "applicant"),
        {"phone": "0912345678", "request": "Cấp giấy lần đầu", "copies": "2", "save": "1"},
    )
    assert response["Location"] == reverse("portal:dossiers")
    listing = client.get(reverse("portal:dossiers")).content.decode()
    assert reverse("portal:draft_review", args=[draft.pk]) in listing
    html = client.get(_step(draft, "applicant")).content.decode()
    assert "Cấp giấy lần đầu" in html and 'value="2"' in html


def test_other_citizens_cannot_open_a_draft(started, as_user, people):
    _client, draft = started
    other = as_user(people.citizen_b)
    assert other.get(_step(draft, "applicant")).status_code == 404
    assert other.post(reverse("portal:draft_review", args=[draft.pk])).status_code == 404


def test_the_whole_form_with_a_component_from_the_data_store(started, version, people, file_online):
    earlier = file_online()  # the citizen's earlier dossier: its upload is in the data store
    stored = earlier.components.get().files.get()
    client, draft = started
    form = version.components.get(name="Tờ khai")
    client.post(
        _step(draft, "applicant"),
        {"phone": "0987654321", "request": "Cấp giấy", "copies": "1", "version": draft.version},
    )
    draft.refresh_from_db()
    html = client.get(_step(draft, "documents")).content.decode()
    assert "Bạn đã tải lên ngày" in html
    client.post(_step(draft, "documents"), {f"pick_{form.pk}": stored.pk, "version": draft.version})
    draft.refresh_from_db()
    response = client.post(
        _step(draft, "delivery"),
        {"delivery": Delivery.POST, "delivery_address": "", "version": draft.version},
    )
    assert "Hãy nhập địa chỉ" in response.content.decode()
    client.post(
        _step(draft, "delivery"),
        {
            "delivery": Delivery.POST,
            "delivery_address": "Số 2 Tràng Tiền",
            "version": draft.version,
        },
    )
    draft.refresh_from_db()
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert "to-khai.pdf" in review and "0987654321" in review and "Số 2 Tràng Tiền" in review
    response = client.post(
        reverse("portal:draft_review", args=[draft.pk]), {"version": draft.version}
    )
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.code
    assert response["Location"] == reverse("portal:dossier", args=[draft.code])
    component = draft.components.get()
    assert component.origin == FileOrigin.DATA_STORE and component.reused
    assert component.files.get() == stored
    assert draft.applicant_phone == "0987654321" and draft.form_data == {
        "fields": {"request": "Cấp giấy", "copies": 1}
    }


def test_submitting_without_the_mandatory_paper_is_explained(started):
    client, draft = started
    response = client.post(
        reverse("portal:draft_review", args=[draft.pk]), {"version": draft.version}
    )
    assert response.status_code == 200
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_someone_elses_file_cannot_be_picked(started, version, as_user, people, file_online):
    foreign = file_online(user=people.citizen_b).components.get().files.get()
    client, draft = started
    form = version.components.get(name="Tờ khai")
    client = as_user(people.citizen_a)
    client.post(
        _step(draft, "documents"), {f"pick_{form.pk}": foreign.pk, "version": draft.version}
    )
    draft.refresh_from_db()
    assert "attachments" not in draft.form_data or not draft.form_data["attachments"]


def test_by_post_the_recipient_and_phone_go_with_the_dossier(started, version, people):
    """The delivery step's postal recipient and phone (issue #15 item 4) reach the filed dossier,
    where the desk's postal order starts from them."""
    client, draft = started
    client.post(
        _step(draft, "applicant"),
        {"phone": "0987654321", "request": "Cấp giấy", "copies": "1", "version": draft.version},
    )
    draft.refresh_from_db()
    bad = client.post(
        _step(draft, "delivery"),
        {
            "delivery": Delivery.POST,
            "delivery_address": "Số 2 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
            "postal_phone": "12345",
            "version": draft.version,
        },
    )
    assert "Số điện thoại gồm 10 hoặc 11 chữ số" in bad.content.decode()
    client.post(
        _step(draft, "delivery"),
        {
            "delivery": Delivery.POST,
            "delivery_address": "Số 2 Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
            "postal_recipient": "Trần Thị Hoa",
            "postal_phone": "0977 111 222",
            "version": draft.version,
        },
    )
    draft.refresh_from_db()
    assert draft.form_data["postal"] == {"recipient": "Trần Thị Hoa", "phone": "0977111222"}
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert "Trần Thị Hoa" in review and "0977111222" in review
    from motcua.portal.drafting import _filed_form_data

    assert _filed_form_data(draft)["postal"] == draft.form_data["postal"]
    client.post(
        _step(draft, "delivery"),
        {"delivery": Delivery.DESK, "delivery_address": "", "version": draft.version},
    )
    draft.refresh_from_db()
    assert draft.form_data["postal"] == {}  # at the desk: no postal recipient kept

"""My dossiers: list, detail, files, supplement answered online, withdrawal — and citizen B
reaching none of citizen A's dossier by any URL."""

import pytest
from django.urls import reverse

from motcua.dossiers.constants import FileOrigin, Status

pytestmark = pytest.mark.django_db


def test_list_and_detail_show_a_plain_timeline(as_user, people, file_online):
    dossier = file_online()
    client = as_user(people.citizen_a)
    html = client.get(reverse("portal:dossiers")).content.decode()
    assert dossier.code in html and "Đã nộp trực tuyến, chờ kiểm tra" in html
    html = client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Bạn đã nộp hồ sơ trực tuyến." in html
    assert "Bộ phận Một cửa sẽ kiểm tra hồ sơ và trả lời bạn trước" in html
    assert "to-khai.pdf" in html
    assert "Nộp 50.000 đồng trực tuyến" in html or "Nộp 50,000 đồng trực tuyến" in html
    assert f"/payments/dossiers/{dossier.code}/pay/" in html


def test_the_detail_page_takes_a_fixed_number_of_queries(
    as_user, people, file_online, django_assert_max_num_queries
):
    dossier = file_online()
    client = as_user(people.citizen_a)
    with django_assert_max_num_queries(20):
        client.get(reverse("portal:dossier", args=[dossier.code]))


def test_anonymous_visitors_are_sent_to_sign_in(client, people, file_online):
    dossier = file_online()
    response = client.get(reverse("portal:dossier", args=[dossier.code]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_officers_do_not_use_the_applicant_pages(as_user, people, file_online):
    dossier = file_online()
    assert as_user(people.desk_x).get(reverse("portal:dossiers")).status_code == 403
    assert (
        as_user(people.desk_x).get(reverse("portal:dossier", args=[dossier.code])).status_code
        == 403
    )


def test_citizen_b_reaches_nothing_of_citizen_a(as_user, people, file_online, officers, pdf):
    dossier = officers.ask_supplement(officers.accept(file_online()))
    file_id = dossier.components.get().files.get().pk
    client = as_user(people.citizen_b)
    code = dossier.code
    for url in (
        reverse("portal:dossier", args=[code]),
        reverse("portal:dossier_file", args=[code, file_id]),
        reverse("portal:supplement", args=[code]),
        reverse("portal:withdraw", args=[code]),
        reverse("portal:store_file", args=[file_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("portal:supplement", args=[code]), {"upload_0": pdf(), "note": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("portal:withdraw", args=[code]), {"confirm": "on"}).status_code == 404
    )
    assert code not in client.get(reverse("portal:dossiers")).content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_SUPPLEMENT


def test_a_file_not_of_this_dossier_is_not_found(as_user, people, file_online):
    first, second = file_online(), file_online()
    other_file = second.components.get().files.get().pk
    response = as_user(people.citizen_a).get(
        reverse("portal:dossier_file", args=[first.code, other_file])
    )
    assert response.status_code == 404


def test_citizen_answers_a_supplement_request_online(as_user, people, file_online, officers, pdf):
    dossier = officers.ask_supplement(officers.accept(file_online()))
    client = as_user(people.citizen_a)
    detail = client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Bản sao sổ hộ khẩu" in detail and "Bản chụp bị mờ" in detail
    url = reverse("portal:supplement", args=[dossier.code])
    # Nothing given: asked again, kindly, with the note kept.
    response = client.post(url, {"note": "Gửi bổ sung", "version": dossier.version})
    assert "ít nhất một giấy tờ" in response.content.decode()
    assert "Gửi bổ sung" in response.content.decode()
    response = client.post(
        url, {"upload_0": pdf("so-ho-khau.pdf"), "note": "Gửi bổ sung", "version": dossier.version}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_PROGRESS
    added = dossier.components.get(name="Bản sao sổ hộ khẩu")
    assert added.files.get().owner == people.citizen_a
    # The same form sent twice (a double click) does nothing more.
    client.post(url, {"upload_0": pdf(), "version": dossier.version - 1})
    assert dossier.components.filter(name="Bản sao sổ hộ khẩu").count() == 1


def test_supplement_can_be_picked_from_the_data_store(as_user, people, file_online, officers):
    dossier = officers.ask_supplement(officers.accept(file_online()))
    earlier = dossier.components.get().files.get()
    response = as_user(people.citizen_a).post(
        reverse("portal:supplement", args=[dossier.code]),
        {"pick_0": str(earlier.pk), "version": dossier.version},
    )
    assert response.status_code == 302
    added = dossier.components.get(name="Bản sao sổ hộ khẩu")
    assert added.origin == FileOrigin.DATA_STORE and added.reused


def test_a_bad_upload_is_refused_with_a_plain_message(as_user, people, file_online, officers, pdf):
    dossier = officers.ask_supplement(officers.accept(file_online()))
    response = as_user(people.citizen_a).post(
        reverse("portal:supplement", args=[dossier.code]),
        {"upload_0": pdf("virus.exe", b"MZ\x90\x00"), "note": "Ghi chú của tôi"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "không phải tệp" in html
    assert "Ghi chú của tôi" in html


def test_citizen_withdraws(as_user, people, file_online):
    dossier = file_online()
    client = as_user(people.citizen_a)
    url = reverse("portal:withdraw", args=[dossier.code])
    assert client.post(url, {"reason": "Nộp nhầm"}).status_code == 200  # not confirmed
    response = client.post(url, {"reason": "Nộp nhầm", "confirm": "on", "version": dossier.version})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN
    assert client.get(url).status_code == 302  # nothing left to withdraw


def test_the_e_result_is_downloaded_and_joins_the_data_store(
    as_user, people, file_online, officers
):
    dossier = officers.issue_result(officers.accept(file_online(delivery="online")))
    client = as_user(people.citizen_a)
    html = client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Tải kết quả điện tử" in html
    result = dossier.results.get()
    response = client.get(reverse("portal:dossier_file", args=[dossier.code, result.file_id]))
    assert (
        response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 result"
    )
    store = client.get(reverse("portal:store")).content.decode()
    assert f"Kết quả {result.code}" in store
    assert client.get(reverse("portal:store_file", args=[result.file_id])).status_code == 200


def test_the_detail_page_lists_payments_with_their_receipts(as_user, people, file_online):
    from motcua.payments.services import record_cash_payment

    dossier = file_online()
    txn = record_cash_payment(dossier, actor=people.desk_x)
    html = as_user(people.citizen_a).get(reverse("portal:dossier", args=[dossier.code])).content
    assert reverse("payments:receipt", args=[txn.pk]).encode() in html
    assert txn.receipt_number.encode() in html
    # …and only its applicant can open the receipt.
    assert (
        as_user(people.citizen_b).get(reverse("payments:receipt", args=[txn.pk])).status_code == 404
    )


def test_a_draft_result_is_not_the_applicants_to_download(as_user, people, file_online, officers):
    """The draft the specialist proposes and the copy the leader signs stay internal until the
    registry issues the result."""
    from motcua.documents.services import store_file
    from motcua.dossiers import services

    dossier = officers.accept(file_online())
    draft = store_file(b"%PDF-1.4 draft", name="du-thao.pdf", content_type="application/pdf")
    dossier = services.complete_step(dossier, actor=people.specialist_x, draft_result=draft)
    assert dossier.events.filter(attachments=draft).exists()
    client = as_user(people.citizen_a)
    url = reverse("portal:dossier_file", args=[dossier.code, draft.pk])
    assert client.get(url).status_code == 404
    # …while the papers the applicant sent stay downloadable.
    component_file = dossier.components.first().files.first()
    own = reverse("portal:dossier_file", args=[dossier.code, component_file.pk])
    assert client.get(own).status_code == 200

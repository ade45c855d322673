"""The page an issued document's QR code opens: public, showing what was issued and no more,
and comparing an uploaded PDF with the issued bytes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.documents import services as documents
from motcua.dossiers import services
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.signatures import limits
from motcua.signatures.models import IssuedDocument
from motcua.signatures.services import new_token, sign_pdf

from .helpers import append_content, tamper_in_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    return notices.issue_notice(dossier, "receipt", actor=people.desk_x)


def _page(receipt):
    return reverse("signatures:issued", args=[receipt.token])


def _upload(client, url, content, name="giay-tiep-nhan.pdf"):
    return client.post(
        url, {"document": SimpleUploadedFile(name, content, content_type="application/pdf")}
    )


def _match(response) -> str:
    body = response.content.decode()
    start = body.index('data-match="') + len('data-match="')
    return body[start : body.index('"', start)]


def test_the_page_shows_the_record_without_personal_data(receipt, client):
    response = client.get(_page(receipt))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in body
    assert receipt.dossier.code in body
    assert "Xã Thử X" in body  # the issuing unit and the seal's certificate
    signed = timezone.localtime(receipt.signed_at)
    assert f"{signed:%H:%M %d/%m/%Y}" in body
    assert f"{reverse('portal:track')}?code={receipt.dossier.code}" in body
    dossier = receipt.dossier
    for private in (
        dossier.applicant_id_number,
        dossier.applicant_name,
        dossier.applicant_phone,
        dossier.applicant_email,
    ):
        assert private and private not in body, private
    assert 'data-match="' not in body  # nothing compared yet


def test_the_issued_pdf_is_identical(receipt, client):
    response = _upload(client, _page(receipt), documents.read_bytes(receipt.file))
    assert response.status_code == 200
    assert _match(response) == "identical"
    assert "Hợp lệ và trùng khớp với văn bản đã phát hành" in response.content.decode()


def test_a_copy_signed_again_is_signed_but_not_the_issued_document(receipt, client):
    resigned = sign_pdf(
        documents.read_bytes(receipt.file),
        signer_key="person-motcua.x",
        signer_name="Phạm Văn Cường",
        reason="Ký lại",
        location="Xã Thử X",
    )
    response = _upload(client, _page(receipt), resigned)
    assert _match(response) == "other"
    body = response.content.decode()
    assert "Có chữ ký số hợp lệ nhưng không phải văn bản đã phát hành" in body
    assert 'data-verdict="valid"' in body


def test_another_notice_of_the_same_dossier_is_not_this_document(receipt, people, client):
    dossier = services.assign(receipt.dossier, actor=people.desk_x)
    slip = notices.issue_notice(dossier, "control_slip", actor=people.desk_x)
    response = _upload(client, _page(receipt), documents.read_bytes(slip.file))
    assert _match(response) == "other"


def test_a_modified_copy_is_modified_or_invalid(receipt, client):
    issued = documents.read_bytes(receipt.file)
    for forged in (append_content(issued), tamper_in_place(issued)):
        response = _upload(client, _page(receipt), forged)
        assert response.status_code == 200
        assert _match(response) == "not_valid"
        body = response.content.decode()
        assert "Văn bản đã bị sửa đổi hoặc chữ ký số không hợp lệ" in body
        assert 'data-verdict="modified"' in body


def test_an_upload_that_is_not_a_pdf_is_refused_with_the_record_still_shown(receipt, client):
    response = _upload(client, _page(receipt), b"not a pdf at all")
    assert response.status_code == 400
    body = response.content.decode()
    assert "không phải tệp PDF" in body and receipt.dossier.code in body


def test_an_unknown_token_is_not_found(receipt, client):
    assert client.get(reverse("signatures:issued", args=[new_token()])).status_code == 404
    response = _upload(
        client,
        reverse("signatures:issued", args=[new_token()]),
        documents.read_bytes(receipt.file),
    )
    assert response.status_code == 404


def test_a_record_whose_signing_did_not_finish_is_not_found(receipt, client):
    unfinished = IssuedDocument.objects.create(
        token=new_token(),
        dossier=receipt.dossier,
        kind="receipt",
        title=receipt.title,
        agency=receipt.agency,
        issuer_name=receipt.issuer_name,
        fingerprint=receipt.fingerprint,
        created_at=timezone.now(),
    )
    assert client.get(reverse("signatures:issued", args=[unfinished.token])).status_code == 404


def test_guessing_tokens_is_rate_limited_per_address(receipt, client):
    for _ in range(limits.MAX_UNKNOWN_TOKENS):
        assert client.get(reverse("signatures:issued", args=[new_token()])).status_code == 404
    assert client.get(_page(receipt)).status_code == 429
    # Another address is not affected.
    assert client.get(_page(receipt), REMOTE_ADDR="203.0.113.9").status_code == 200


def test_uploads_are_rate_limited_per_address(receipt, client, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UPLOADS", 2)
    issued = documents.read_bytes(receipt.file)
    for _ in range(2):
        assert _match(_upload(client, _page(receipt), issued)) == "identical"
    response = _upload(client, _page(receipt), issued)
    assert response.status_code == 429
    assert 'data-match="' not in response.content.decode()
    assert _upload(client, reverse("signatures:verify"), issued).status_code == 429


def test_a_superseded_copy_says_so(walk_in, people, client):
    dossier = services.assign(
        walk_in(at=vn(2026, 3, 2, 9, 0)),
        actor=people.desk_x,
        assignee=people.specialist_x,
        at=vn(2026, 3, 2, 9, 30),
    )
    first = notices.issue_notice(dossier, "control_slip", actor=people.desk_x)
    assert "đã được thay thế" not in client.get(_page(first)).content.decode()
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 10, 0))
    notices.issue_notice(dossier, "control_slip", actor=people.desk_x)
    assert "đã được thay thế" in client.get(_page(first)).content.decode()


def test_the_general_page_links_an_issued_pdf_to_its_record(receipt, client):
    response = _upload(client, reverse("signatures:verify"), documents.read_bytes(receipt.file))
    body = response.content.decode()
    assert 'data-verdict="valid"' in body
    assert _page(receipt) in body and receipt.dossier.code in body

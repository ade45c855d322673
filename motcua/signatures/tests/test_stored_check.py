"""Scanning an issued document's QR code gives the verdict at once: the page verifies the copy
the system stored (signatures and recorded SHA-256) on every visit, and never fails on a
broken stored file."""

import hashlib
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from motcua.documents import services as documents
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.notices.tests.helpers import qr_codes
from motcua.signatures import verification
from motcua.signatures.models import IssuedDocument
from motcua.signatures.verification import StoredVerdict, check_issued

from .helpers import simple_pdf, tamper_in_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    return notices.issue_notice(dossier, "receipt", actor=people.desk_x)


def _stored_verdict(body: str) -> str:
    start = body.index('data-stored-verdict="') + len('data-stored-verdict="')
    return body[start : body.index('"', start)]


def _overwrite(issued, content: bytes) -> None:
    with open(issued.file.file.path, "wb") as handle:
        handle.write(content)


def test_the_scanned_qr_opens_a_page_saying_valid_with_signer_and_dossier(
    receipt, client, settings
):
    settings.SITE_URL = "https://dichvucong.example.vn"
    (url,) = qr_codes(documents.read_bytes(receipt.file))
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert _stored_verdict(body) == "valid"
    assert "Văn bản hợp lệ" in body and "chưa bị sửa đổi" in body
    assert 'class="signer">Xã Thử X<' in body  # the seal's certificate, read from the file
    dossier = receipt.dossier
    assert f'<dd class="code">{dossier.code}</dd>' in body
    version = dossier.procedure_version
    assert version.name in body and version.procedure.code in body
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in body
    assert f'href="{reverse("portal:track")}?code={dossier.code}"' in body
    assert 'data-match="' not in body  # the upload check is still offered, not run
    assert "Đối chiếu" in body


def test_a_copy_tampered_in_storage_is_modified(receipt, client):
    _overwrite(receipt, tamper_in_place(documents.read_bytes(receipt.file)))
    response = client.get(reverse("signatures:issued", args=[receipt.token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert _stored_verdict(body) == "modified"
    assert "Văn bản đã bị sửa đổi" in body and "Văn bản hợp lệ" not in body
    assert "Bản lưu trên hệ thống không còn giống bản đã ký" in body
    assert receipt.dossier.code in body  # the record is still shown


def test_a_changed_copy_whose_digest_was_rewritten_too_fails_its_signature(receipt):
    forged = tamper_in_place(documents.read_bytes(receipt.file))
    _overwrite(receipt, forged)
    digest = hashlib.sha256(forged).hexdigest()
    type(receipt.file).objects.filter(pk=receipt.file_id).update(sha256=digest)
    IssuedDocument.objects.filter(pk=receipt.pk).update(sha256=digest)
    receipt.refresh_from_db()
    receipt.file.refresh_from_db()
    check = check_issued(receipt)
    assert check.verdict == StoredVerdict.MODIFIED
    assert check.report.verdict == verification.Verdict.MODIFIED


def test_an_unsigned_file_with_its_digest_recorded_is_invalid(receipt):
    content = simple_pdf()
    _overwrite(receipt, content)
    stored = documents.store_file(content, name="x.pdf", content_type="application/pdf")
    IssuedDocument.objects.filter(pk=receipt.pk).update(file=stored, sha256=stored.sha256)
    receipt.refresh_from_db()
    check = check_issued(receipt)
    assert check.verdict == StoredVerdict.INVALID
    assert check.reason == "Không có chữ ký số"


def test_a_missing_stored_file_cannot_be_checked_and_says_why(receipt, client):
    receipt.file.file.storage.delete(receipt.file.file.name)
    response = client.get(reverse("signatures:issued", args=[receipt.token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert _stored_verdict(body) == "unverifiable"
    assert "Không kiểm tra được" in body
    assert "Không đọc được bản lưu của văn bản trên hệ thống" in body
    assert receipt.dossier.code in body


def test_a_validator_failure_cannot_be_checked_rather_than_an_error(receipt, client, monkeypatch):
    def broken(data):
        raise RuntimeError("validator crashed")

    monkeypatch.setattr(verification, "verify_pdf", broken)
    response = client.get(reverse("signatures:issued", args=[receipt.token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert _stored_verdict(body) == "unverifiable"
    assert "Không kiểm tra được chữ ký số của văn bản" in body


def test_a_stored_file_too_large_is_not_read(receipt, monkeypatch):
    monkeypatch.setattr(verification, "MAX_STORED_BYTES", 100)
    check = check_issued(receipt)
    assert check.verdict == StoredVerdict.UNVERIFIABLE
    assert check.reason == "Tệp lưu trữ quá lớn để kiểm tra."


def test_the_verdict_is_computed_on_each_visit(receipt, client):
    page = reverse("signatures:issued", args=[receipt.token])
    assert _stored_verdict(client.get(page).content.decode()) == "valid"
    _overwrite(receipt, tamper_in_place(documents.read_bytes(receipt.file)))
    assert _stored_verdict(client.get(page).content.decode()) == "modified"

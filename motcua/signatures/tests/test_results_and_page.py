"""Signing an issued result and the public verification page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.documents import services as documents
from motcua.dossiers import services
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.signatures.services import sign_result
from motcua.signatures.verification import Verdict, verify_pdf

from .helpers import append_content, pdfsig, simple_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(walk_in, people):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 10, 0))
    dossier = services.approve(dossier, actor=people.leader_x, at=vn(2026, 3, 3, 14, 0))
    draft = documents.store_file(
        simple_pdf("Giấy chứng nhận thử nghiệm"), name="gcn.pdf", content_type="application/pdf"
    )
    dossier = services.record_result(
        dossier, actor=people.leader_x, file=draft, at=vn(2026, 3, 3, 15, 0)
    )
    return dossier.results.get()


def test_signing_a_result_replaces_its_file_with_a_signed_copy(issued, people):
    unsigned = issued.file
    signed = sign_result(issued, actor=people.leader_x)
    issued.refresh_from_db()
    assert issued.file == signed and signed.pk != unsigned.pk
    assert documents.verify(signed)
    content = documents.read_bytes(signed)
    report = verify_pdf(content)
    assert report.verdict == Verdict.VALID
    assert report.signatures[0].signer == "Xã Thử X"
    assert "Signature is Valid." in pdfsig(content)
    assert AuditEntry.objects.filter(verb="sign_result", object_id=str(issued.pk)).exists()


def test_notices_are_issued_signed(walk_in, people):
    dossier = walk_in()
    issued = notices.issue_notice(dossier, "receipt", actor=people.desk_x)
    content = documents.read_bytes(issued.file)
    assert verify_pdf(content).verdict == Verdict.VALID
    assert "Signature is Valid." in pdfsig(content)


def _upload(client, content, name="van-ban.pdf"):
    return client.post(
        reverse("signatures:verify"),
        {"document": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_the_verification_page_is_public(client, walk_in):
    assert client.get(reverse("signatures:verify")).status_code == 200
    signed = notices.notice_pdf(walk_in(), "receipt")
    response = _upload(client, signed)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="valid"' in body and "Hợp lệ" in body
    assert "Xã Thử X" in body


def test_the_verification_page_reports_modification(client, walk_in):
    forged = append_content(notices.notice_pdf(walk_in(), "receipt"))
    body = _upload(client, forged).content.decode()
    assert 'data-verdict="modified"' in body and "Đã bị sửa đổi sau khi ký" in body


def test_the_verification_page_refuses_what_is_not_a_pdf(client):
    response = _upload(client, b"just some text, not a PDF")
    assert response.status_code == 400
    assert "không phải tệp PDF" in response.content.decode()

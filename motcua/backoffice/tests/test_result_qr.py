"""An electronic result carries its QR code (TT 01/2023: top-left on every document the system
issues): stamped on page 1 before the first signature so both signatures cover it, opening a
page that says whether the stored signed copy is valid and names the dossier and the result."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.documents import services as documents
from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.signatures.models import RESULT, IssuedDocument
from motcua.signatures.services import sign_pdf
from motcua.signatures.tests.helpers import pdfsig, placed_qr_codes, simple_pdf
from motcua.signatures.verification import Verdict, verify_pdf

from .conftest import freeze_time, vn
from .test_result_signatures import _assert_leader_then_seal, _pdf_upload, _post, _signers

pytestmark = pytest.mark.django_db

A = Action


@pytest.fixture
def to_approve(walk_in, people):
    """A dossier of the five-stage test process (registry stage last) awaiting approval."""
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    dossier = services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))
    return services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 9, 0))


def _the_qr(pdf: bytes) -> tuple[str, dict[str, str]]:
    """The one QR code of page 1, which must sit in its top-left corner: (URL, its query)."""
    ((url, left, top, width),) = placed_qr_codes(pdf)
    assert left < 10 and top < 10 and 16 < width < 20, (left, top, width)
    return url, {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def _scan(client, url: str) -> str:
    parts = urlsplit(url)
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_leader_signs_the_stamped_result_and_the_seal_covers_it_too(
    as_user, people, registry_x, to_approve, client, settings
):
    settings.SITE_URL = "https://dichvucong.example.vn"
    dossier = to_approve
    with freeze_time(vn(2026, 3, 3, 10, 0)):
        response = _post(
            as_user(people.leader_x),
            dossier,
            A.APPROVE,
            decision="granted",
            result_file=_pdf_upload(),
        )
    assert response.status_code == 302
    draft = documents.read_bytes(dossier.events.get(action=A.APPROVE).attachments.get())
    # The leader's signature already covers the code; until the result is issued its page
    # does not exist.
    url, query = _the_qr(draft)
    assert verify_pdf(draft).verdict == Verdict.VALID
    pending = IssuedDocument.objects.get(dossier=dossier, kind=RESULT)
    assert pending.file is None
    assert client.get(urlsplit(url).path).status_code == 404

    with freeze_time(vn(2026, 3, 3, 11, 0)):
        response = _post(as_user(registry_x), dossier, A.RECORD_RESULT, document_number="15/GCN")
    assert response.status_code == 302
    result = dossier.results.get()
    issued_pdf = documents.read_bytes(result.file)
    assert issued_pdf.startswith(draft)  # the seal is an incremental update on the draft
    assert _the_qr(issued_pdf) == (url, query)
    assert url.startswith(f"https://dichvucong.example.vn/signatures/verify/{pending.token}/?")
    assert query == {
        "hs": dossier.code,
        "tt": dossier.procedure_version.procedure.code,
        "vb": "Giay chung nhan thu nghiem",
    }
    _assert_leader_then_seal(issued_pdf, people.leader_x, dossier.resolving_agency)
    assert "Total document signed" in pdfsig(issued_pdf)

    issued = IssuedDocument.objects.get(dossier=dossier, kind=RESULT)
    assert issued.pk == pending.pk and issued.file == result.file
    assert issued.sha256 == result.file.sha256 and issued.title == result.name
    assert issued.signer_name == dossier.resolving_agency.name
    body = _scan(client, url)
    assert 'data-stored-verdict="valid"' in body and 'data-qr-match="yes"' in body
    assert f'<dd class="code">{dossier.code}</dd>' in body
    assert f'<dd class="result-code">{result.code}</dd>' in body
    assert "Giấy chứng nhận thử nghiệm" in body and "15/GCN" in body
    assert f'class="signer">{people.leader_x.get_full_name()}<' in body


def test_an_upload_issued_with_the_seal_only_is_stamped_before_the_seal(
    as_user, people, registry_x, to_approve, client
):
    dossier = services.approve(to_approve, actor=people.leader_x, at=vn(2026, 3, 3, 10, 0))
    with freeze_time(vn(2026, 3, 3, 11, 0)):
        response = _post(
            as_user(registry_x),
            dossier,
            A.RECORD_RESULT,
            name="Giấy xác nhận",
            file=_pdf_upload("ban-moi.pdf"),
        )
    assert response.status_code == 302
    result = dossier.results.get()
    pdf = documents.read_bytes(result.file)
    url, query = _the_qr(pdf)
    assert query["vb"] == "Giay xac nhan" and query["hs"] == dossier.code
    agency = dossier.resolving_agency
    assert _signers(pdf) == [(agency.name, agency.name)]
    assert pdfsig(pdf).count("Signature Validation: Signature is Valid.") == 1
    body = _scan(client, url)
    assert 'data-stored-verdict="valid"' in body
    assert f'<dd class="result-code">{result.code}</dd>' in body


def test_a_result_signed_elsewhere_is_issued_without_a_code(
    as_user, people, registry_x, to_approve, client
):
    signed_elsewhere = sign_pdf(
        simple_pdf("Trích lục do hệ thống khác ký"),
        signer_key="person-ngoai",
        signer_name="Người Ký Ngoài",
        organization="Cơ quan khác",
        reason="Ký",
        location="Nơi khác",
    )
    dossier = services.approve(to_approve, actor=people.leader_x, at=vn(2026, 3, 3, 10, 0))
    upload = SimpleUploadedFile("trich-luc.pdf", signed_elsewhere, content_type="application/pdf")
    with freeze_time(vn(2026, 3, 3, 11, 0)):
        response = _post(as_user(registry_x), dossier, A.RECORD_RESULT, file=upload)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    pdf = documents.read_bytes(dossier.results.get().file)
    assert pdf.startswith(signed_elsewhere)  # not stamped: the first signature still holds
    assert placed_qr_codes(pdf) == []
    agency = dossier.resolving_agency
    assert _signers(pdf) == [("Người Ký Ngoài", "Cơ quan khác"), (agency.name, agency.name)]
    assert pdfsig(pdf).count("Signature Validation: Signature is Valid.") == 2
    # Recorded all the same: its page (by link) and the upload check know it.
    issued = IssuedDocument.objects.get(dossier=dossier, kind=RESULT)
    assert issued.sha256 == dossier.results.get().file.sha256
    body = client.get(reverse("signatures:issued", args=[issued.token])).content.decode()
    assert 'data-stored-verdict="valid"' in body

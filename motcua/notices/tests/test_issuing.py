"""Issuing a form: signed once per content, stored, served again byte for byte, and carrying a
QR code that opens the verification page of that very document."""

import hashlib

import pytest
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.documents import services as documents
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.notices.constants import FormKey
from motcua.signatures.models import IssuedDocument
from motcua.signatures.tests.helpers import pdfsig
from motcua.signatures.verification import Verdict, verify_pdf

from .helpers import qr_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


def test_the_qr_code_of_an_issued_notice_opens_its_own_verification_page(dossier, people, settings):
    settings.SITE_URL = "https://dichvucong.example.vn"
    issued = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    content = documents.read_bytes(issued.file)
    (url,) = qr_codes(content)
    page, _query = url.split("?")  # the query holds TT 01/2023's data (signatures/tests/test_qr)
    assert page == f"https://dichvucong.example.vn/signatures/verify/{issued.token}/"
    assert page.endswith(reverse("signatures:issued", args=[issued.token]))
    assert len(issued.token) >= 22  # 128 random bits
    assert issued.sha256 == hashlib.sha256(content).hexdigest()
    assert issued.dossier == dossier and issued.kind == FormKey.RECEIPT
    assert issued.form_set == dossier.rules.form_set
    assert issued.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    assert issued.issuer_name == "Xã Thử X" and issued.agency == dossier.receiving_unit
    report = verify_pdf(content)
    assert report.verdict == Verdict.VALID
    assert issued.signer_name == report.signatures[0].signer == "Xã Thử X"
    assert issued.signed_at == report.signatures[0].signing_time
    output = pdfsig(content)
    assert "Signature Validation: Signature is Valid." in output
    assert "Total document signed" in output


def test_the_same_notice_requested_twice_is_the_same_bytes(dossier, people, as_user, client):
    url = reverse("notices:document", args=[dossier.code, FormKey.RECEIPT])
    as_user(people.desk_x)
    client.post(url)  # issued by the desk (a GET never issues)
    first = client.get(url).content
    as_user(people.citizen_a)
    second = client.get(url).content
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    issued = IssuedDocument.objects.get(dossier=dossier, kind=FormKey.RECEIPT)
    assert issued.sha256 == hashlib.sha256(first).hexdigest()
    assert AuditEntry.objects.filter(verb="issue_notice", object_id=str(dossier.pk)).count() == 1


def test_the_receipt_is_issued_once_even_if_the_dossier_changes(dossier, people):
    first = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_phone="0987654321")
    dossier.refresh_from_db()
    again = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    assert again.pk == first.pk
    assert notices.notice_pdf(dossier, FormKey.RECEIPT) == documents.read_bytes(first.file)


def test_the_control_slip_is_issued_again_when_the_history_changed(dossier, people):
    dossier = services.assign(
        dossier, actor=people.desk_x, assignee=people.specialist_x, at=vn(2026, 3, 2, 9, 30)
    )
    first = notices.issue_notice(dossier, FormKey.CONTROL_SLIP, actor=people.desk_x)
    unchanged = notices.issue_notice(dossier, FormKey.CONTROL_SLIP, actor=people.desk_x)
    assert unchanged.pk == first.pk

    dossier = services.complete_step(dossier, actor=people.specialist_x, at=vn(2026, 3, 3, 10, 0))
    second = notices.issue_notice(dossier, FormKey.CONTROL_SLIP, actor=people.desk_x)
    assert second.pk != first.pk and second.token != first.token
    assert second.sha256 != first.sha256
    assert f"/verify/{second.token}/?" in qr_codes(documents.read_bytes(second.file))[0]
    # The earlier copy is kept, still verifiable under its own token.
    assert verify_pdf(documents.read_bytes(first.file)).verdict == Verdict.VALID
    assert IssuedDocument.objects.filter(dossier=dossier, kind=FormKey.CONTROL_SLIP).count() == 2


def test_an_unsigned_draft_is_not_issued_and_its_qr_opens_tracking(dossier):
    pdf = notices.notice_pdf(dossier, FormKey.RECEIPT, signed=False)
    assert verify_pdf(pdf).verdict == Verdict.UNSIGNED
    assert qr_codes(pdf)[0].endswith(f"/track/?code={dossier.code}")
    assert not IssuedDocument.objects.exists()


def test_a_form_without_its_event_issues_nothing(dossier, people):
    with pytest.raises(notices.NoticeUnavailable):
        notices.issue_notice(dossier, FormKey.REFUSAL, actor=people.desk_x)
    assert not IssuedDocument.objects.exists()

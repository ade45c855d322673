"""The dossier register (Sổ theo dõi hồ sơ) of a unit for a period is issued as the dossier
forms are: signed, stored, served again byte for byte while it says the same, and carrying a QR
code that opens its own verification page — recorded for the unit and period, not a dossier."""

import datetime
import hashlib
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from motcua.audit.models import AuditEntry
from motcua.documents import services as documents
from motcua.dossiers import services
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.notices.constants import REGISTER
from motcua.signatures.models import IssuedDocument
from motcua.signatures.tests.helpers import pdfsig
from motcua.signatures.verification import Verdict, verify_pdf

from .helpers import flat, page_sizes, pdf_text, qr_codes, word_boxes

pytestmark = pytest.mark.django_db

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
A4_LANDSCAPE = (841.89, 595.28)
MARGIN = 15 * 72 / 25.4


@pytest.fixture
def dossier(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


def test_the_register_is_issued_with_a_qr_code_to_its_verification_page(
    dossier, people, tree, client, settings
):
    settings.SITE_URL = "https://dichvucong.example.vn"
    issued = notices.issue_register(people.desk_x, tree.commune_x, *MARCH)
    content = documents.read_bytes(issued.file)
    (url,) = qr_codes(content)
    page = f"https://dichvucong.example.vn/signatures/verify/{issued.token}/"
    assert url == page + "?vb=SO+THEO+DOI+HO+SO"  # its name only: a register has no dossier
    assert issued.dossier is None and issued.kind == REGISTER
    assert (issued.period_start, issued.period_end) == MARCH
    assert issued.agency == tree.commune_x and issued.issuer_name == "Xã Thử X"
    assert issued.sha256 == hashlib.sha256(content).hexdigest()
    assert issued.file.owner is None  # many applicants' data: nobody's personal store
    assert dossier.code in flat(pdf_text(content))
    assert verify_pdf(content).verdict == Verdict.VALID
    assert "Signature Validation: Signature is Valid." in pdfsig(content)
    assert AuditEntry.objects.filter(
        verb="issue_register", object_id=str(tree.commune_x.pk)
    ).exists()

    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-stored-verdict="valid"' in body
    assert "Sổ theo dõi hồ sơ" in body and "01/03/2026 – 31/03/2026" in body
    assert "Xã Thử X" in body
    # The page names the period, not the dossiers in it nor their applicants.
    for private in (dossier.code, dossier.applicant_name, dossier.applicant_phone):
        assert private not in body, private
    assert reverse("portal:track") + "?code=" not in body


def test_the_register_view_serves_the_issued_copy(dossier, people, tree, as_user, client):
    as_user(people.desk_x)
    params = {"unit": tree.commune_x.pk, "start": "2026-03-01", "end": "2026-03-31"}
    first = client.post(reverse("notices:register"), params).content
    second = client.post(reverse("notices:register"), params).content
    assert first == second
    issued = IssuedDocument.objects.get(kind=REGISTER)
    assert issued.sha256 == hashlib.sha256(first).hexdigest()
    assert f"/signatures/verify/{issued.token}/?" in qr_codes(first)[0]


def test_the_register_is_issued_again_when_a_dossier_of_the_period_moved_on(dossier, people, tree):
    first = notices.issue_register(people.desk_x, tree.commune_x, *MARCH)
    assert notices.issue_register(people.desk_x, tree.commune_x, *MARCH).pk == first.pk
    services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    second = notices.issue_register(people.desk_x, tree.commune_x, *MARCH)
    assert second.pk != first.pk and second.token != first.token
    # Another period is another register.
    april = notices.issue_register(
        people.desk_x, tree.commune_x, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
    )
    assert april.pk not in (first.pk, second.pk)


def test_an_earlier_register_says_it_was_superseded(dossier, people, tree, client):
    first = notices.issue_register(people.desk_x, tree.commune_x, *MARCH)
    page = reverse("signatures:issued", args=[first.token])
    assert "đã được thay thế" not in client.get(page).content.decode()
    services.assign(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    notices.issue_register(people.desk_x, tree.commune_x, *MARCH)
    body = client.get(page).content.decode()
    assert "đã được thay thế" in body and 'data-stored-verdict="valid"' in body


def test_an_uploaded_register_is_recognised_on_the_general_page(dossier, people, tree, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    issued = notices.issue_register(people.desk_x, tree.commune_x, *MARCH)
    upload = SimpleUploadedFile(
        "so.pdf", documents.read_bytes(issued.file), content_type="application/pdf"
    )
    body = client.post(reverse("signatures:verify"), {"document": upload}).content.decode()
    assert reverse("signatures:issued", args=[issued.token]) in body
    assert "từ 01/03/2026 đến 31/03/2026" in body


def test_an_unsigned_register_draft_carries_no_qr_code(dossier, people, tree):
    pdf = notices.render_register(people.desk_x, tree.commune_x, *MARCH)
    assert verify_pdf(pdf).verdict == Verdict.UNSIGNED
    assert qr_codes(pdf) == []
    assert not IssuedDocument.objects.exists()


def test_the_issued_register_keeps_its_paper_with_the_qr_code(dossier, people, tree):
    pdf = documents.read_bytes(notices.issue_register(people.desk_x, tree.commune_x, *MARCH).file)
    assert set(page_sizes(pdf)) == {A4_LANDSCAPE}
    width, _height = A4_LANDSCAPE
    for page, word, x_min, _y_min, x_max, _y_max in word_boxes(pdf):
        assert x_min >= MARGIN - 0.5 and x_max <= width - MARGIN + 0.5, (page, word)

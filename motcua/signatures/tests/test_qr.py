"""The QR code of issued documents (TT 01/2023): one payload for notices and results — the
verification URL with the dossier code, procedure code and document name — and the stamp that
puts it top-left on page 1 of a PDF from outside."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen import canvas

from motcua.documents import services as documents
from motcua.dossiers.tests.conftest import vn
from motcua.notices import services as notices
from motcua.notices.constants import FormKey
from motcua.signatures import qr
from motcua.signatures.services import sign_pdf
from motcua.signatures.verification import Verdict, verify_pdf

from .helpers import placed_qr_codes, simple_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_a_notice_qr_holds_the_dossier_procedure_and_document_name(dossier, people, settings):
    settings.SITE_URL = "https://dichvucong.example.vn"
    issued = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    ((url, left, top, width),) = placed_qr_codes(documents.read_bytes(issued.file))
    assert url.startswith(f"https://dichvucong.example.vn/signatures/verify/{issued.token}/?")
    assert _query(url) == {
        "hs": dossier.code,
        "tt": dossier.procedure_version.procedure.code,
        "vb": "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA",
    }
    assert dossier.applicant_id_number not in url  # off by default (QR_APPLICANT_ID)
    assert left < 30 and top < 30 and width >= 15  # top-left, a size a phone reads


def test_the_applicant_identity_code_only_when_the_setting_says_so(dossier, people, settings):
    settings.QR_APPLICANT_ID = True
    assert dossier.applicant_id_number
    issued = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    ((url, *_box),) = placed_qr_codes(documents.read_bytes(issued.file))
    assert _query(url)["dd"] == dossier.applicant_id_number
    assert qr.qr_payload(issued) == url


def test_a_long_name_is_folded_to_ascii_and_cut_at_a_word():
    title = "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất"
    short = qr.short_name(title)
    assert short == "Giay chung nhan quyen su dung dat, quyen so huu nha o va tai"
    assert len(short) <= qr.NAME_LIMIT
    assert qr.short_name("Đăng ký  khai sinh") == "Dang ky khai sinh"
    assert qr.short_name("x" * 70) == "x" * qr.NAME_LIMIT
    assert qr.short_name("Giấy phép " + "x" * 70) == "Giay phep"


def test_the_page_says_whether_the_scanned_data_matches_the_record(dossier, people, client):
    issued = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    url = qr.qr_payload(issued)
    scanned = client.get(urlsplit(url).path + "?" + urlsplit(url).query)
    assert scanned.status_code == 200
    body = scanned.content.decode()
    assert 'data-stored-verdict="valid"' in body and 'data-qr-match="yes"' in body

    forged = client.get(urlsplit(url).path, {"hs": "000.00.31.H99-260302-9999", "tt": "1.1"})
    body = forged.content.decode()
    assert forged.status_code == 200 and 'data-qr-match="no"' in body
    assert f'<dd class="code">{dossier.code}</dd>' in body  # the record, not the code, speaks

    # The identity code is never compared: the page would otherwise confirm a guessed number.
    guessed = client.get(urlsplit(url).path, {"hs": dossier.code, "dd": "000000000000"})
    assert 'data-qr-match="yes"' in guessed.content.decode()
    bare = client.get(urlsplit(url).path)
    assert bare.status_code == 200 and 'class="qr-match"' not in bare.content.decode()


def _pdf(size=A4, rotate: int = 0, crop: tuple | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size)
    pdf.drawString(30 * 72 / 25.4, size[1] - 72, "Noi dung van ban")
    if rotate:
        pdf.setPageRotation(rotate)
    if crop:
        pdf.setCropBox(crop)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(_pdf(), id="A4"),
        pytest.param(_pdf(A5), id="A5"),
        pytest.param(_pdf(landscape(A4)), id="A4-landscape"),
        pytest.param(_pdf(rotate=90), id="rotated-90"),
        pytest.param(_pdf(rotate=180), id="rotated-180"),
        pytest.param(_pdf(rotate=270), id="rotated-270"),
        pytest.param(_pdf(crop=(50, 40, 500, 800)), id="cropped"),
    ],
)
def test_the_stamp_sits_upright_top_left_of_the_page_as_shown(source):
    text = "https://dichvucong.example.vn/signatures/verify/abc/?hs=000.00.31.H99-260302-0001"
    stamped = qr.stamp_qr(source, text)
    assert stamped.startswith(source)  # an incremental update: the original bytes untouched
    ((found, left, top, width),) = placed_qr_codes(stamped)
    assert found == text
    # 6 mm from the edges plus the 2-module quiet zone; 20 mm in all.
    assert 6 < left < 9 and 6 < top < 9
    assert 16 < width < 20


def test_a_blank_page_without_a_content_stream_is_stamped_too():
    # The upload check accepts such a PDF; approving a result made of one answered 500
    # (KeyError '/Contents', found by the mixed-day load of make bench-stack).
    from motcua.documents.tests import samples

    blank = samples.pdf("trang trắng")
    text = "https://dichvucong.example.vn/signatures/verify/abc/?hs=000.00.31.H99-260302-0002"
    stamped = qr.stamp_qr(blank, text)
    assert stamped.startswith(blank)
    ((found, _left, _top, _width),) = placed_qr_codes(stamped)
    assert found == text


def test_a_signed_pdf_cannot_be_stamped():
    unsigned = simple_pdf()
    assert qr.can_stamp(unsigned)
    signed = sign_pdf(unsigned, signer_key="person-khac", reason="Ký", location="Nơi khác")
    assert not qr.can_stamp(signed)
    # Stamping it anyway is what the rule prevents: the signature would no longer hold.
    assert verify_pdf(qr.stamp_qr(signed, "x")).verdict == Verdict.MODIFIED

"""Signed PDFs validate with pyHanko and, independently, with poppler's pdfsig; tampering is
detected as modification."""

import io

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from motcua.signatures import registry
from motcua.signatures.services import sign_pdf
from motcua.signatures.verification import Verdict, trust_roots, verify_pdf

from .helpers import append_content, pdfsig, simple_pdf, tamper_in_place

SEAL = {
    "signer_key": "agency-test.seal",
    "signer_name": "UBND xã Thử X",
    "organization": "UBND xã Thử X",
    "reason": "Ký số kết quả giải quyết",
    "location": "Xã Thử X",
}


def _signed(**extra):
    return sign_pdf(simple_pdf(), **(SEAL | extra))


def test_a_signed_pdf_validates_with_pyhanko_against_the_demo_root():
    pdf = _signed()
    reader = PdfFileReader(io.BytesIO(pdf))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "UBND xã Thử X"
    assert embedded.sig_object["/Reason"] == "Ký số kết quả giải quyết"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES

    report = verify_pdf(pdf)
    assert report.verdict == Verdict.VALID
    (signature,) = report.signatures
    assert signature.signer == "UBND xã Thử X" and signature.trusted
    assert signature.signing_time is not None
    assert signature.signing_time.utcoffset().total_seconds() == 7 * 3600


def test_a_signed_pdf_validates_with_poppler_pdfsig():
    output = pdfsig(_signed())
    assert "Signature Validation: Signature is Valid." in output
    assert "Total document signed" in output
    assert "Signer Certificate Common Name: UBND xã Thử X" in output
    assert "ETSI.CAdES.detached" in output


def test_a_second_signature_keeps_the_first_valid():
    pdf = sign_pdf(
        _signed(),
        signer_key="person-leader.x",
        signer_name="Vũ Văn Em",
        reason="Phê duyệt",
        location="Xã Thử X",
    )
    report = verify_pdf(pdf)
    assert report.verdict == Verdict.VALID
    assert [s.signer for s in report.signatures] == ["UBND xã Thử X", "Vũ Văn Em"]
    output = pdfsig(pdf)
    assert output.count("Signature Validation: Signature is Valid.") == 2


def test_a_byte_changed_after_signing_is_detected_as_modified():
    pdf = tamper_in_place(_signed())
    assert verify_pdf(pdf).verdict == Verdict.MODIFIED
    output = pdfsig(pdf)
    assert "Signature is Valid." not in output
    assert "Digest Mismatch" in output


def test_content_added_after_the_signature_is_detected_as_modified():
    pdf = append_content(_signed())
    report = verify_pdf(pdf)
    assert report.verdict == Verdict.MODIFIED
    assert not report.signatures[0].covers_whole_file
    assert "Not total document signed" in pdfsig(pdf)


def test_a_signature_from_another_authority_is_invalid(settings, tmp_path, signing_var_dir):
    settings.VAR_DIR = tmp_path / "elsewhere"
    foreign = _signed()
    settings.VAR_DIR = signing_var_dir
    report = verify_pdf(foreign)
    assert report.verdict == Verdict.INVALID
    assert report.signatures[0].intact and not report.signatures[0].trusted


def test_unsigned_and_not_pdf():
    assert verify_pdf(simple_pdf()).verdict == Verdict.UNSIGNED
    assert verify_pdf(b"plain text").verdict == Verdict.NOT_PDF


def test_demo_material_is_made_under_var_dir_with_private_keys_unreadable(signing_var_dir):
    _signed()
    root = signing_var_dir / "signing"
    assert (root / "ca.pem").exists()
    key = root / "signers" / "agency-test.seal.key"
    assert key.exists() and (key.stat().st_mode & 0o077) == 0


def test_the_demo_ca_command(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("signatures", "demo-ca", stdout=out)
    assert (tmp_path / "signing" / "ca.pem").exists()
    assert "Demo CA" in out.getvalue()


def test_the_registry_names_the_demo_backend():
    assert registry.get().name == "demo"
    with pytest.raises(LookupError):
        registry.get("pkcs11-not-installed")


def test_a_new_demo_root_reissues_the_signer_certificates(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    _signed()
    for name in ("ca.key", "ca.pem"):
        (tmp_path / "signing" / name).unlink()
    report = verify_pdf(_signed())
    assert report.verdict == Verdict.VALID

"""Signing PDFs (PAdES baseline B, pyHanko) and storing signed results and notices."""

from __future__ import annotations

import datetime
import io
import secrets
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers

from motcua.audit import services as audit
from motcua.documents import services as documents

from . import registry
from .base import SignerIdentity, agency_key
from .models import IssuedDocument
from .qr import qr_payload
from .qr import verification_url as verification_url  # the public name callers use

PDF = "application/pdf"
SIGNED_SUFFIX = "-ky-so"


def sign_pdf(
    pdf_bytes: bytes,
    *,
    signer_key: str,
    reason: str,
    location: str,
    signer_name: str = "",
    organization: str = "",
    backend: str | None = None,
) -> bytes:
    """``pdf_bytes`` with one more PAdES signature by ``signer_key``, appended as an incremental
    update so earlier signatures stay valid. ``signer_name`` and ``organization`` name the
    certificate subject when a backend issues the key on first use (demo)."""
    identity = SignerIdentity(key=signer_key, common_name=signer_name, organization=organization)
    signer = registry.get(backend).signer_for(identity)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    existing = sum(1 for _field in fields.enumerate_sig_fields(writer, filled_status=None))
    metadata = signers.PdfSignatureMetadata(
        field_name=f"Signature{existing + 1}",
        reason=reason,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return output.getvalue()


def agency_identity(agency) -> dict:
    """``sign_pdf`` keyword arguments for an agency's seal."""
    return {
        "signer_key": agency_key(agency),
        "signer_name": agency.name,
        "organization": agency.name,
    }


def location_of(agency) -> str:
    return agency.address or agency.name


def sign_stored_file(
    stored,
    *,
    actor,
    reason: str,
    agency,
    signer_key: str = "",
    signer_name: str = "",
    prepare: Callable[[bytes], bytes] | None = None,
):
    """A new StoredFile holding ``stored`` with one more signature for ``agency`` (its seal
    unless ``signer_key`` names an official's key), appended as an incremental update so the
    signatures ``stored`` already has stay valid; the original is kept as it was. ``prepare``
    changes the bytes before they are signed (the QR code stamped on a result)."""
    identity = agency_identity(agency)
    if signer_key:
        identity = {
            "signer_key": signer_key,
            "signer_name": signer_name or signer_key,
            "organization": agency.name,
        }
    content = documents.read_bytes(stored)
    if prepare is not None:
        content = prepare(content)
    signed = sign_pdf(content, reason=reason, location=location_of(agency), **identity)
    base = stored.name[:-4] if stored.name.lower().endswith(".pdf") else stored.name
    # A file signed again (the seal after the official's signature) keeps one suffix.
    base = base.removesuffix(SIGNED_SUFFIX)
    return documents.store_file(
        signed,
        name=f"{base}{SIGNED_SUFFIX}.pdf",
        content_type=PDF,
        uploaded_by=actor,
        owner=stored.owner,
    )


@transaction.atomic
def sign_result(result, *, actor, signer_key: str = "", signer_name: str = ""):
    """Sign an issued result's electronic copy with the resolving agency's seal (ND 45/2020
    Art. 14 §3: an e-result carries the competent agency's signature) and make the signed copy
    the result's file. Returns the signed StoredFile."""
    if result.file is None:
        raise ValueError(_("Kết quả %(code)s không có bản điện tử để ký.") % {"code": result.code})
    if result.file.content_type != PDF:
        raise ValueError(_("Chỉ ký số được kết quả dạng PDF."))
    agency = result.dossier.resolving_agency
    signed = sign_stored_file(
        result.file,
        actor=actor,
        reason=_("Ký số kết quả giải quyết %(code)s") % {"code": result.code},
        agency=agency,
        signer_key=signer_key,
        signer_name=signer_name,
    )
    type(result).objects.filter(pk=result.pk).update(file=signed)
    result.file = signed
    audit.record(
        actor=actor,
        verb="sign_result",
        obj=result,
        result=result.code,
        file=signed.pk,
        sha256=signed.sha256,
    )
    return signed


def new_token() -> str:
    """128 random bits, URL-safe: the QR code of an issued document cannot be guessed."""
    return secrets.token_urlsafe(16)


def last_signature_facts(pdf: bytes) -> tuple[str, datetime.datetime | None]:
    """The certificate holder's name and the signing time claimed by the last signature of a
    PDF we have just signed (read, not validated)."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    embedded = reader.embedded_signatures[-1]
    subject = embedded.signer_cert.subject.native if embedded.signer_cert else {}
    return str(subject.get("common_name", "")), embedded.self_reported_timestamp


@transaction.atomic
def issue_document(
    render: Callable[[str], bytes],
    *,
    kind: str,
    title: str,
    agency,
    issuer_name: str,
    reason: str,
    fingerprint: str,
    dossier=None,
    period: tuple[datetime.date, datetime.date] | None = None,
    form_set: str = "",
    file_name: str = "",
    personal: bool = True,
) -> IssuedDocument:
    """Issue a signed document of ``dossier`` (or, for a unit's register, of ``agency`` over
    ``period``): reserve its token, ``render(text)`` the unsigned PDF with ``text`` in the QR
    code (its verification URL with the data of TT 01/2023, ``qr.qr_payload``), sign it with
    ``agency``'s seal, store the signed bytes, and record their SHA-256 and the signature's
    signer and time. A dossier's document goes to its applicant's personal data store unless
    ``personal`` is False (an internal form, such as the control slip)."""
    if (dossier is None) == (period is None):
        raise ValueError("issue_document: give either a dossier or a period")
    start, end = period or (None, None)
    issued = IssuedDocument.objects.create(
        token=new_token(),
        dossier=dossier,
        period_start=start,
        period_end=end,
        kind=kind,
        title=title,
        form_set=form_set,
        agency=agency,
        issuer_name=issuer_name,
        fingerprint=fingerprint,
        created_at=timezone.now(),
    )
    signed = sign_pdf(
        render(qr_payload(issued)),
        reason=reason,
        location=location_of(agency),
        **agency_identity(agency),
    )
    if dossier is not None:
        name = file_name or f"{dossier.code}-{kind}.pdf"
        owner = dossier.applicant if personal else None
    else:
        # A register lists many applicants: it is the unit's, in nobody's personal store.
        name, owner = file_name or f"{kind}-{start:%Y%m%d}-{end:%Y%m%d}.pdf", None
    stored = documents.store_file(signed, name=name, content_type=PDF, owner=owner)
    issued.signer_name, issued.signed_at = last_signature_facts(signed)
    issued.file, issued.sha256 = stored, stored.sha256
    issued.save(update_fields=["signer_name", "signed_at", "file", "sha256"])
    return issued

"""Signing an electronic result (kết quả giải quyết điện tử) with its QR code.

A result is a PDF from outside (the specialist's draft, the leader's or the registry's upload),
so its QR code (TT 01/2023: top-left on every document the system issues) is stamped on page 1
before the first signature goes on, and every signature covers it: the leader's personal
signature at approval, or the agency's seal when an upload is issued with the seal only. The
document's record (``IssuedDocument``, kind ``result``) is reserved then, for its token; it is
completed — file, digest, signer, time — when the seal issues the result, and until then its
page answers 404 like any record whose signing has not finished.

Between the two signatures the record is found again by ``fingerprint``: for a result, the
SHA-256 of the copy the seal goes on (the copy the leader signed). A PDF that already carries a
signature (signed elsewhere) cannot be stamped without breaking it: it is signed and issued
without a code, and its record is made when it is issued."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from motcua.documents import services as documents

from . import qr
from .models import RESULT, IssuedDocument
from .services import last_signature_facts, new_token, sign_stored_file


def _pending(dossier, stored) -> IssuedDocument | None:
    """The record reserved when ``stored`` (the copy the leader signed) got its code."""
    return (
        IssuedDocument.objects.filter(
            dossier=dossier, kind=RESULT, file__isnull=True, fingerprint=stored.sha256
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def _reserve(dossier, title: str, agency) -> IssuedDocument:
    return IssuedDocument.objects.create(
        token=new_token(),
        dossier=dossier,
        kind=RESULT,
        title=title,
        agency=agency,
        issuer_name=agency.name,
        created_at=timezone.now(),
    )


def _stamper(issued: IssuedDocument):
    def stamp(pdf: bytes) -> bytes:
        return qr.stamp_qr(pdf, qr.qr_payload(issued))

    return stamp


@transaction.atomic
def sign_result_file(
    stored,
    *,
    dossier,
    actor,
    title: str,
    reason: str,
    seal: bool,
    signer_key: str = "",
    signer_name: str = "",
):
    """A new StoredFile: the result PDF ``stored`` of ``dossier`` (named ``title``) with one
    more signature — the official's (``signer_key``) or, with ``seal``, the resolving agency's,
    which issues it. The first signature of an unsigned PDF goes on after its QR code."""
    agency = dossier.resolving_agency
    issued = _pending(dossier, stored) if seal else None
    prepare = None
    if issued is None and qr.can_stamp(documents.read_bytes(stored)):
        issued = _reserve(dossier, title, agency)
        prepare = _stamper(issued)
    elif issued is None and seal:
        issued = _reserve(dossier, title, agency)
    signed = sign_stored_file(
        stored,
        actor=actor,
        reason=reason,
        agency=agency,
        signer_key=signer_key,
        signer_name=signer_name,
        prepare=prepare,
    )
    if issued is None:  # a signed PDF's personal signature: its record comes with the seal
        return signed
    if not seal:
        issued.fingerprint = signed.sha256
        issued.save(update_fields=["fingerprint"])
        return signed
    if not issued.fingerprint:
        issued.fingerprint = stored.sha256
    issued.signer_name, issued.signed_at = last_signature_facts(documents.read_bytes(signed))
    issued.file, issued.sha256 = signed, signed.sha256
    issued.save(update_fields=["fingerprint", "signer_name", "signed_at", "file", "sha256"])
    return signed

"""Verifying the signatures of a PDF against the trusted roots of the registered backends.

Outcomes: *valid* (every signature intact, cryptographically sound, chaining to a trusted root,
and nothing but further signatures added after it), *modified* (a signed byte range no longer
matches its digest, or content was changed in an update after a signature), *invalid* (intact
but not trusted or not cryptographically valid), *unsigned*.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import registry

logger = logging.getLogger(__name__)


class Verdict(models.TextChoices):
    VALID = "valid", _("Hợp lệ")
    MODIFIED = "modified", _("Đã bị sửa đổi sau khi ký")
    INVALID = "invalid", _("Không hợp lệ")
    UNSIGNED = "unsigned", _("Không có chữ ký số")
    NOT_PDF = "not_pdf", _("Không đọc được tệp PDF")


class Match(models.TextChoices):
    """An uploaded PDF against the document issued under a verification token."""

    IDENTICAL = "identical", _("Hợp lệ và trùng khớp với văn bản đã phát hành")
    OTHER = "other", _("Có chữ ký số hợp lệ nhưng không phải văn bản đã phát hành")
    NOT_VALID = "not_valid", _("Văn bản đã bị sửa đổi hoặc chữ ký số không hợp lệ")


class StoredVerdict(models.TextChoices):
    """The copy the system keeps of an issued document, checked when its QR code is opened."""

    VALID = "valid", _("Văn bản hợp lệ")
    MODIFIED = "modified", _("Văn bản đã bị sửa đổi")
    INVALID = "invalid", _("Văn bản không hợp lệ")
    UNVERIFIABLE = "unverifiable", _("Không kiểm tra được")


# A stored register for a year of a busy desk stays far below this; anything larger is not
# read into memory on a public page.
MAX_STORED_BYTES = 64 * 1024 * 1024

# Updates after a signature that keep it valid: more signatures, timestamps, form filling.
_ALLOWED_AFTER = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)


@dataclass
class SignatureReport:
    field_name: str
    verdict: str
    signer: str
    organization: str
    issuer: str
    signing_time: datetime.datetime | None
    intact: bool
    trusted: bool
    covers_whole_file: bool

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label


@dataclass
class VerificationReport:
    verdict: str
    signatures: list[SignatureReport] = field(default_factory=list)

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label


def _name_part(name, key: str) -> str:
    return str(name.native.get(key, "")) if name is not None else ""


def _verdict_of(status) -> str:
    if not status.intact:
        return Verdict.MODIFIED
    coverage = status.coverage
    if coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
        return Verdict.MODIFIED
    level = status.modification_level
    if coverage != SignatureCoverageLevel.ENTIRE_FILE and level not in _ALLOWED_AFTER:
        return Verdict.MODIFIED
    if status.docmdp_ok is False:
        return Verdict.MODIFIED
    if status.valid and status.trusted:
        return Verdict.VALID
    return Verdict.INVALID


def _report(embedded, context: ValidationContext) -> SignatureReport:
    try:
        status = validate_pdf_signature(embedded, context)
    except (SignatureValidationError, ValueError, PdfError):
        return SignatureReport(
            field_name=embedded.field_name,
            verdict=Verdict.MODIFIED,
            signer="",
            organization="",
            issuer="",
            signing_time=None,
            intact=False,
            trusted=False,
            covers_whole_file=False,
        )
    cert = status.signing_cert
    moment = status.signer_reported_dt
    return SignatureReport(
        field_name=embedded.field_name,
        verdict=_verdict_of(status),
        signer=_name_part(cert.subject, "common_name") if cert else "",
        organization=_name_part(cert.subject, "organization_name") if cert else "",
        issuer=_name_part(cert.issuer, "common_name") if cert else "",
        signing_time=timezone.localtime(moment) if moment else None,
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )


def trust_roots() -> list:
    return [root for backend in registry.all_backends() for root in backend.trust_roots()]


def verify_pdf(data: bytes) -> VerificationReport:
    """Check every signature of ``data``; the worst outcome is the document's."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError):
        return VerificationReport(verdict=Verdict.NOT_PDF)
    if not embedded:
        return VerificationReport(verdict=Verdict.UNSIGNED)
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    reports = [_report(sig, context) for sig in embedded]
    verdicts = {r.verdict for r in reports}
    for worst in (Verdict.MODIFIED, Verdict.INVALID):
        if worst in verdicts:
            return VerificationReport(verdict=worst, signatures=reports)
    return VerificationReport(verdict=Verdict.VALID, signatures=reports)


@dataclass
class Comparison:
    match: str
    report: VerificationReport
    sha256: str

    @property
    def match_label(self) -> str:
        return Match(self.match).label


def compare_with_issued(data: bytes, issued) -> Comparison:
    """Check ``data`` cryptographically and against the SHA-256 recorded when ``issued`` was
    signed: only the very bytes issued are *identical*; another validly signed PDF (a copy
    signed again, another notice) is *other*; anything that fails verification is *not valid*."""
    report = verify_pdf(data)
    digest = hashlib.sha256(data).hexdigest()
    if report.verdict != Verdict.VALID:
        match = Match.NOT_VALID
    elif digest == issued.sha256:
        match = Match.IDENTICAL
    else:
        match = Match.OTHER
    return Comparison(match=match, report=report, sha256=digest)


@dataclass
class StoredCheck:
    """The stored copy of an issued document against its signatures and its recorded SHA-256.
    ``reason`` says, for people, why it is not valid or could not be checked."""

    verdict: str
    reason: str = ""
    report: VerificationReport | None = None

    @property
    def verdict_label(self) -> str:
        return StoredVerdict(self.verdict).label


def _stored_bytes(issued) -> bytes:
    stored = issued.file
    if stored.size > MAX_STORED_BYTES:
        raise OverflowError
    with stored.file.open("rb") as handle:
        return handle.read(MAX_STORED_BYTES + 1)


def check_issued(issued) -> StoredCheck:
    """Verify the stored copy of ``issued`` as it is now: *valid* only if its bytes are the ones
    recorded at signing (SHA-256) and every signature is valid; *modified* if the bytes changed
    in storage or a signature says so; *invalid* otherwise; *unverifiable* (with the reason)
    when the copy cannot be read or checked. Never raises: the page must answer."""
    try:
        data = _stored_bytes(issued)
    except OverflowError:
        return StoredCheck(StoredVerdict.UNVERIFIABLE, _("Tệp lưu trữ quá lớn để kiểm tra."))
    except Exception:  # any storage backend's error: a missing file, the network …
        logger.exception("stored copy of issued document %s cannot be read", issued.pk)
        return StoredCheck(
            StoredVerdict.UNVERIFIABLE, _("Không đọc được bản lưu của văn bản trên hệ thống.")
        )
    digest = hashlib.sha256(data).hexdigest()
    if digest != issued.sha256 or digest != issued.file.sha256:
        return StoredCheck(
            StoredVerdict.MODIFIED, _("Bản lưu trên hệ thống không còn giống bản đã ký.")
        )
    try:
        report = verify_pdf(data)
    except Exception:  # a validator failure must not take the page down
        logger.exception("signatures of issued document %s cannot be checked", issued.pk)
        return StoredCheck(
            StoredVerdict.UNVERIFIABLE, _("Không kiểm tra được chữ ký số của văn bản.")
        )
    if report.verdict == Verdict.VALID:
        return StoredCheck(StoredVerdict.VALID, report=report)
    if report.verdict == Verdict.MODIFIED:
        return StoredCheck(StoredVerdict.MODIFIED, report.verdict_label, report)
    return StoredCheck(StoredVerdict.INVALID, report.verdict_label, report)

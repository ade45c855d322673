"""Checking an upload before it is stored: its type is read from its first bytes (the name and
the browser's declared type are the uploader's claims, not facts) and its size is bounded."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

# The types a dossier component accepts unless it says otherwise (scans and e-documents).
DEFAULT_ACCEPTED = frozenset({PDF, JPEG, PNG})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
# The `accept` attribute of file inputs: a hint for the phone's file picker (the check is by
# content, in validate_upload).
ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png," + ",".join(sorted(DEFAULT_ACCEPTED))

# Leading bytes of each accepted format. A PDF may carry a little junk before its header
# (readers look in the first 1024 bytes), so it is searched for there.
_SIGNATURES = (
    (PNG, b"\x89PNG\r\n\x1a\n", 0),
    (JPEG, b"\xff\xd8\xff", 0),
)
_PDF_HEADER = b"%PDF-"
_PDF_WINDOW = 1024


def default_max_bytes() -> int:
    """The size limit for a component that sets none (setting ``UPLOAD_MAX_BYTES``)."""
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> str | None:
    """The content type that ``head`` (the file's first bytes) starts with, if recognised."""
    for content_type, magic, offset in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return content_type
    if _PDF_HEADER in head[:_PDF_WINDOW]:
        return PDF
    return None


def _head(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(_PDF_WINDOW)
    uploaded_file.seek(0)
    return head


def _accepted_labels(accepted) -> str:
    return ", ".join(sorted(LABELS.get(t, t) for t in accepted))


def validate_upload(uploaded_file, *, max_bytes: int | None = None, accepted=None) -> str:
    """The content type of ``uploaded_file`` when it may be stored; a ValidationError saying why
    (in Vietnamese) when it is empty, too large or of a type the component does not accept."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    allowed = DEFAULT_ACCEPTED if accepted is None else frozenset(accepted)
    name = getattr(uploaded_file, "name", "") or _("tệp")
    size = uploaded_file.size
    if not size:
        raise ValidationError(
            _("Tệp “%(name)s” rỗng, không có nội dung.") % {"name": name}, code="empty_file"
        )
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt quá giới hạn %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    content_type = sniff(_head(uploaded_file))
    if content_type is None or content_type not in allowed:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải tệp %(types)s (kiểm tra theo nội dung tệp, không theo "
                "phần mở rộng của tên tệp)."
            )
            % {"name": name, "types": _accepted_labels(allowed)},
            code="file_type",
        )
    return content_type

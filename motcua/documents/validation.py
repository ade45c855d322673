"""Checking an upload before it is stored: its type is read from its first bytes (the name and
the browser's declared type are the uploader's claims, not facts), then the whole file is read
as that type (motcua/documents/content.py: no polyglots), its size is bounded and its name
holds no bidirectional control character."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .content import check_content

logger = logging.getLogger(__name__)

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

# The types a dossier component accepts unless it says otherwise (scans and e-documents).
DEFAULT_ACCEPTED = frozenset({PDF, JPEG, PNG})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
_EXTENSIONS = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg"), PNG: (".png",)}
_MEGABYTE = 1024 * 1024


def accept_attribute(accepted=None) -> str:
    """The `accept` attribute of a file input for ``accepted`` types (default: all): a hint for
    the phone's file picker; the check is by content, in validate_upload."""
    allowed = DEFAULT_ACCEPTED if accepted is None else frozenset(accepted)
    ordered = [t for t in (PDF, JPEG, PNG) if t in allowed]
    extensions = [ext for t in ordered for ext in _EXTENSIONS[t]]
    return ",".join(extensions + sorted(allowed))


ACCEPT_ATTRIBUTE = accept_attribute()

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


# Bidirectional controls (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM) make a name
# read differently from what it is: "hoadon\u202egpj.exe" shows as "hoadonexe.jpg".
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _read_whole(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    return data


def _accepted_labels(accepted) -> str:
    return ", ".join(sorted(LABELS.get(t, t) for t in accepted))


def format_limit(max_bytes: int) -> str:
    """A size limit as people write it: "1 MB", "10 MB" (with a no-break space, as
    filesizeformat writes other sizes)."""
    if max_bytes >= _MEGABYTE and max_bytes % _MEGABYTE == 0:
        return f"{max_bytes // _MEGABYTE}\xa0MB"
    return filesizeformat(max_bytes)


def describe(*, max_bytes: int | None = None, accepted=None) -> str:
    """What a file input takes, in words: "Tệp JPEG, PDF, PNG, tối đa 10 MB mỗi tệp."."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    allowed = DEFAULT_ACCEPTED if accepted is None else frozenset(accepted)
    return _("Tệp %(types)s, tối đa %(limit)s mỗi tệp.") % {
        "types": _accepted_labels(allowed),
        "limit": format_limit(limit),
    }


def _too_large(name: str, size: int, limit: int, for_component: bool) -> ValidationError:
    values = {"name": name, "size": filesizeformat(size), "limit": format_limit(limit)}
    message = (
        _("Tệp “%(name)s” (%(size)s) vượt quá dung lượng tối đa %(limit)s của thành phần này.")
        if for_component
        else _("Tệp “%(name)s” có dung lượng %(size)s, vượt quá giới hạn %(limit)s.")
    )
    return ValidationError(message % values, code="file_too_large")


def _wrong_type(name: str, found: str | None, allowed, for_component: bool) -> ValidationError:
    values = {"name": name, "types": _accepted_labels(allowed), "found": LABELS.get(found, found)}
    if found is None:
        message = _(
            "Tệp “%(name)s” không phải tệp %(types)s (kiểm tra theo nội dung tệp, không theo "
            "phần mở rộng của tên tệp)."
        )
    elif for_component:
        message = _(
            "Tệp “%(name)s” là tệp %(found)s; thành phần này chỉ nhận tệp %(types)s (kiểm tra "
            "theo nội dung tệp, không theo phần mở rộng của tên tệp)."
        )
    else:
        message = _(
            "Tệp “%(name)s” là tệp %(found)s, không phải tệp %(types)s (kiểm tra theo nội "
            "dung tệp, không theo phần mở rộng của tên tệp)."
        )
    return ValidationError(message % values, code="file_type")


def validate_upload(
    uploaded_file,
    *,
    max_bytes: int | None = None,
    accepted=None,
    for_component: bool = False,
) -> str:
    """The content type of ``uploaded_file`` when it may be stored; a ValidationError saying why
    (in Vietnamese: which file, the size against the limit, the type found) when it is empty,
    too large or of a type not accepted. ``for_component`` words the refusal as the limit of the
    dossier component the file is given for (thành phần hồ sơ)."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    allowed = DEFAULT_ACCEPTED if accepted is None else frozenset(accepted)
    name = getattr(uploaded_file, "name", "") or _("tệp")
    if BIDI_CONTROLS.intersection(name):
        raise ValidationError(
            _(
                "Tên tệp chứa ký tự điều khiển hướng chữ (có thể làm tên tệp hiển thị sai, "
                "ví dụ đuôi tệp bị đảo). Vui lòng đổi tên tệp rồi tải lên lại."
            ),
            code="file_name",
        )
    size = uploaded_file.size
    if not size:
        raise ValidationError(
            _("Tệp “%(name)s” rỗng, không có nội dung.") % {"name": name}, code="empty_file"
        )
    if size > limit:
        raise _too_large(name, size, limit, for_component)
    content_type = sniff(_head(uploaded_file))
    if content_type is None or content_type not in allowed:
        raise _wrong_type(name, content_type, allowed, for_component)
    flaw = check_content(_read_whole(uploaded_file), content_type)
    if flaw is not None:
        logger.warning("Upload %r refused as %s: %s", name, content_type, flaw)
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải tệp %(type)s hợp lệ: nội dung bị hỏng hoặc có thêm "
                "dữ liệu không thuộc định dạng này (ví dụ mã trang web). Vui lòng xuất hoặc quét "
                "lại tệp rồi tải lên."
            )
            % {"name": name, "type": LABELS[content_type]},
            code="file_content",
        )
    return content_type


def validate_stored(stored, *, max_bytes: int | None = None, accepted=None) -> None:
    """Refuse (ValidationError, worded for a dossier component) a file already stored — e.g.
    one picked from the personal data store — whose recorded size or type (read from its
    content when it was stored) the component does not accept."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    allowed = DEFAULT_ACCEPTED if accepted is None else frozenset(accepted)
    if stored.size > limit:
        raise _too_large(stored.name, stored.size, limit, True)
    if stored.content_type not in allowed:
        found = stored.content_type if stored.content_type in LABELS else None
        raise _wrong_type(stored.name, found, allowed, True)

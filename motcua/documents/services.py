"""Storing and checking files."""

from __future__ import annotations

import hashlib
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import StoredFile
from .validation import validate_upload

CHUNK = 1024 * 1024


def sha256_of(file: File) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def store_file(
    content: File | bytes, *, name: str, content_type: str, uploaded_by=None, owner=None
) -> StoredFile:
    """Save ``content`` through the storage API with its SHA-256 and size."""
    file = ContentFile(content, name=name) if isinstance(content, bytes) else content
    stored = StoredFile(
        name=name,
        content_type=content_type,
        size=file.size,
        sha256=sha256_of(file),
        uploaded_by=uploaded_by,
        owner=owner,
        created_at=timezone.now(),
    )
    stored.file.save(name, file, save=False)
    stored.save()
    return stored


def verify(stored: StoredFile) -> bool:
    """True when the bytes in storage still have the SHA-256 recorded at upload."""
    with stored.file.open("rb") as handle:
        return sha256_of(handle) == stored.sha256


def store_upload(
    uploaded_file: File,
    *,
    uploaded_by=None,
    owner=None,
    max_bytes: int | None = None,
    accepted=None,
) -> StoredFile:
    """Validate an upload (type by content, size) and store it; ValidationError if refused.
    The stored content type is the one read from the bytes, not the browser's claim."""
    content_type = validate_upload(uploaded_file, max_bytes=max_bytes, accepted=accepted)
    name = os.path.basename(uploaded_file.name or "tep")
    return store_file(
        uploaded_file,
        name=name,
        content_type=content_type,
        uploaded_by=uploaded_by,
        owner=owner,
    )


def read_bytes(stored: StoredFile) -> bytes:
    """The stored bytes, refused with a ValidationError if they no longer match the SHA-256."""
    with stored.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != stored.sha256:
        raise ValidationError(
            _("Tệp “%(name)s” đã bị thay đổi trên kho lưu trữ.") % {"name": stored.name},
            code="file_tampered",
        )
    return content

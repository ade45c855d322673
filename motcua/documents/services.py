"""Storing and checking files."""

from __future__ import annotations

import hashlib
import logging
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import StoredFile
from .validation import validate_upload

logger = logging.getLogger(__name__)

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
    # The object's name is chosen first, so that a write that fails half-way (the store's
    # answer lost, the row not saved) can be removed: no object is left that no row names.
    target = stored.file.field.generate_filename(stored, name)
    storage = stored.file.storage
    try:
        stored.file.name = storage.save(target, file, max_length=stored.file.field.max_length)
        stored.save()
    except BaseException:
        try:
            storage.delete(stored.file.name or target)
        except Exception:  # the store is down: the orphan sweep removes it later
            logger.warning("Could not remove the object %s of a failed write", target)
        raise
    return stored


def discard(stored_files) -> None:
    """Remove the objects of files stored for a request that then failed or was a repeat (its
    rows are rolled back or deleted here), so no object is left that no row names. Best effort:
    an object the store refuses to delete now is logged (``manage.py consistency`` lists it)."""
    for stored in stored_files:
        try:
            stored.file.storage.delete(stored.file.name)
        except Exception:
            logger.exception("Could not remove the unused stored object %s", stored.file.name)
    pks = [stored.pk for stored in stored_files if stored.pk]
    if pks:
        try:  # rows of a rolled-back transaction are gone already; a repeat's are deleted
            StoredFile.objects.filter(pk__in=pks).delete()
        except Exception:
            logger.exception("Could not delete the unused stored file rows %s", pks)


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


class FileUnavailable(Exception):
    """A stored file cannot be served: missing from the store, unreadable, or its bytes no
    longer match the SHA-256 recorded when it was stored. ``message`` is for the user."""

    # The HTTP status each reason is answered with: gone for good, changed, or try later.
    STATUS = {"missing": 410, "tampered": 409, "unreadable": 503}

    def __init__(self, stored: StoredFile, reason: str, message: str):
        super().__init__(f"{reason}: stored file {stored.pk}")
        self.reason = reason
        self.message = message
        self.status = self.STATUS[reason]


# A served file is copied into memory up to this size, then onto a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024


def open_verified(stored: StoredFile):
    """An open copy of the stored bytes, checked against the SHA-256 before anything is sent:
    a file that was changed or lost in the store (disk or S3) is never served as if it were
    the original. FileUnavailable otherwise. The copy is read once from the store."""
    import tempfile

    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned open
    digest = hashlib.sha256()
    try:
        with stored.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                spool.write(chunk)
    except FileNotFoundError as missing:
        spool.close()
        raise FileUnavailable(
            stored,
            "missing",
            _("Tệp “%(name)s” không còn trên kho lưu trữ. Vui lòng báo quản trị hệ thống.")
            % {"name": stored.name},
        ) from missing
    except Exception as error:
        spool.close()
        raise FileUnavailable(
            stored,
            "unreadable",
            _("Chưa đọc được tệp “%(name)s” từ kho lưu trữ. Vui lòng thử lại sau ít phút.")
            % {"name": stored.name},
        ) from error
    if digest.hexdigest() != stored.sha256:
        spool.close()
        raise FileUnavailable(
            stored,
            "tampered",
            _(
                "Tệp “%(name)s” đã bị thay đổi trên kho lưu trữ nên không được tải về. "
                "Vui lòng báo quản trị hệ thống."
            )
            % {"name": stored.name},
        )
    spool.seek(0)
    return spool

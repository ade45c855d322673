"""Storing and checking files."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile, File
from django.utils import timezone

from .models import StoredFile

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

"""The names files of a dossier are downloaded under: they say what the document is and whose
it is (``<dossier code>-KQ1-giay-khai-sinh.pdf``), never the name a draft happened to have
("duthao-ky-so.pdf")."""

from __future__ import annotations

import posixpath

from motcua.catalog.search import normalise

SLUG_LIMIT = 60


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (đ → d), cut at a word to SLUG_LIMIT."""
    words = normalise(text).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > SLUG_LIMIT:
            break
        out = candidate
    return out or (words[0][:SLUG_LIMIT] if words else "")


def file_name(prefix: str, title: str, extension: str = ".pdf") -> str:
    """``<prefix>-<slug of title><extension>``."""
    name = slug(title)
    return f"{prefix}-{name}{extension}" if name else f"{prefix}{extension}"


def extension_of(stored) -> str:
    """The extension of a stored file's own name (".pdf" for our PDFs)."""
    extension = posixpath.splitext(stored.name)[1].lower()
    return extension if extension and len(extension) <= 5 else ""


def result_file_name(result) -> str:
    """An issued result: ``<dossier code>-KQ<n>-<slug of the document's name>.<ext>``."""
    return file_name(result.code, result.name, extension_of(result.file))


def download_name(dossier, stored) -> str:
    """The name to download ``stored``, a file of ``dossier``, under: a result's file by what
    it is, the applicant's own papers by the name they had."""
    result = dossier.results.filter(file_id=stored.pk).first()
    return result_file_name(result) if result is not None else stored.name

"""Storing and reading form files through Django's storage API, with their SHA-256."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from .models import FormTemplate

MAX_FORM_BYTES = 20 * 1024 * 1024


def store_form(content: bytes, *, title: str, filename: str, content_type: str) -> FormTemplate:
    """The form with these bytes, stored once: the same content twice is one row."""
    if not content:
        raise ValidationError(_("Tệp mẫu rỗng."), code="empty_form")
    if len(content) > MAX_FORM_BYTES:
        raise ValidationError(_("Tệp mẫu lớn hơn 20 MB."), code="form_too_large")
    sha = hashlib.sha256(content).hexdigest()
    existing = FormTemplate.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    form = FormTemplate(
        title=title,
        filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=sha,
    )
    form.file.save(filename, ContentFile(content), save=False)
    form.full_clean()
    form.save()
    return form


def read_form(form: FormTemplate) -> bytes:
    """The stored bytes, refused if they no longer match the recorded SHA-256."""
    with form.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != form.sha256:
        raise ValidationError(
            _("Tệp mẫu “%(title)s” đã bị thay đổi trên kho lưu trữ.") % {"title": form.title},
            code="form_tampered",
        )
    return content

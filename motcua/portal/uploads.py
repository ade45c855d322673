"""Files the applicant sends from the portal: checked (size, kind by content) and kept in their
personal data store."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from motcua.documents import services as documents
from motcua.documents.validation import ACCEPT_ATTRIBUTE, validate_upload

ACCEPT = ACCEPT_ATTRIBUTE
HELP = gettext_lazy("Tệp PDF, JPG hoặc PNG, tối đa 10 MB.")


def check(upload) -> str:
    """The content type of an acceptable upload (kind read from its content, size bounded);
    ValidationError with a plain message otherwise."""
    return validate_upload(upload)


def store(upload, *, user, content_type: str):
    """Keep a checked upload in ``user``'s data store."""
    return documents.store_file(
        upload, name=upload.name[:255], content_type=content_type, uploaded_by=user, owner=user
    )


class UploadField(forms.FileField):
    """A file input that checks the file and remembers its content type."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", HELP)
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.checked_content_type = check(upload)
        return upload

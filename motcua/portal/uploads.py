"""Files the applicant sends from the portal: checked (size, kind by content — the component's
own limits when the file is for a dossier component) and kept in their personal data store."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy

from motcua.documents import services as documents
from motcua.documents.models import StoredFile
from motcua.documents.validation import (
    ACCEPT_ATTRIBUTE,
    accept_attribute,
    describe,
    validate_stored,
    validate_upload,
)

ACCEPT = ACCEPT_ATTRIBUTE
HELP = lazy(describe, str)()


def check(upload, component=None) -> str:
    """The content type of an acceptable upload (kind read from its content, size bounded by
    ``component``'s limits if given, else the system's); ValidationError with a plain message
    otherwise."""
    return validate_upload(
        upload,
        max_bytes=getattr(component, "max_upload_bytes", None),
        accepted=getattr(component, "accepted_types", None),
        for_component=component is not None,
    )


def check_stored(stored, component) -> None:
    """Refuse a file from the data store that ``component`` (if any) does not accept."""
    if component is not None:
        validate_stored(
            stored, max_bytes=component.max_upload_bytes, accepted=component.accepted_types
        )


def store(upload, *, user, content_type: str):
    """Keep a checked upload in ``user``'s data store."""
    return documents.store_file(
        upload, name=upload.name[:255], content_type=content_type, uploaded_by=user, owner=user
    )


def kept_upload(user, file_id) -> StoredFile | None:
    """A file ``user`` uploaded themselves (kept from an earlier try of a form), or None."""
    try:
        wanted = int(file_id)
    except (TypeError, ValueError):
        return None
    return StoredFile.objects.filter(pk=wanted, owner=user, uploaded_by=user).first()


class UploadField(forms.FileField):
    """A file input that checks the file (against ``component``'s limits, when given) and
    remembers its content type; its ``accept`` attribute and help text follow the limits."""

    def __init__(self, *, component=None, **kwargs):
        self.component = component
        accepted = getattr(component, "accepted_types", None)
        kwargs.setdefault(
            "help_text",
            HELP
            if component is None
            else describe(max_bytes=component.max_upload_bytes, accepted=accepted),
        )
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": accept_attribute(accepted)}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.checked_content_type = check(upload, self.component)
        return upload

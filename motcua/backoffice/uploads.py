"""Uploaded files in the back office's forms: checked by ``motcua.documents`` (type read from the
content, size limit — the component's own when the field is for a dossier component) when the
form is validated, stored through it when the action runs."""

from __future__ import annotations

import os

from django import forms

from motcua.documents import services as documents
from motcua.documents.models import StoredFile
from motcua.documents.validation import (
    ACCEPT_ATTRIBUTE,
    DEFAULT_ACCEPTED,
    accept_attribute,
    describe,
    validate_upload,
)

ACCEPTED_TYPES = DEFAULT_ACCEPTED
ACCEPT_ATTR = ACCEPT_ATTRIBUTE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _check(upload, *, component=None):
    """Validate ``upload`` (with ``component``'s limits if given) and remember its type."""
    upload.checked_content_type = validate_upload(
        upload,
        max_bytes=getattr(component, "max_upload_bytes", None),
        accepted=getattr(component, "accepted_types", None),
        for_component=component is not None,
    )
    return upload


class CheckedFileField(forms.FileField):
    """One file, refused with the documents app's reason if its content is not acceptable."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            _check(upload)
        return upload


class RejectedFiles(forms.ValidationError):
    """Some files of a multiple selection were refused; ``accepted`` holds the others."""

    def __init__(self, errors, *, accepted):
        super().__init__(errors)
        self.accepted = accepted


class MultipleFileField(forms.FileField):
    """Several files in one plain ``<input type=file multiple>``. With ``component`` (a catalogue
    Component) its size limit and accepted types apply, and the input's ``accept`` follows them.

    A refused file fails the field with RejectedFiles, which carries the files that passed; a
    form using KeepsAcceptedFiles keeps them in ``cleaned_data`` next to the field's errors."""

    def __init__(self, *args, component=None, **kwargs):
        self.component = component
        accepted = getattr(component, "accepted_types", None)
        kwargs.setdefault(
            "widget",
            # data-dropzone: static/motcua/dropzone.js lets files be dropped on the field where
            # JavaScript runs; the plain input works without it.
            MultipleFileInput(attrs={"accept": accept_attribute(accepted), "data-dropzone": ""}),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        # What the input takes, in words, for the page (e.g. "Tệp PDF, tối đa 1 MB mỗi tệp.").
        self.limits = describe(
            max_bytes=getattr(component, "max_upload_bytes", None), accepted=accepted
        )

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        accepted, errors = [], []
        for item in cleaned:
            try:
                accepted.append(_check(item, component=self.component))
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise RejectedFiles(errors, accepted=accepted)
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


class KeepsAcceptedFiles:
    """Form mixin: when some files of a MultipleFileField are refused, the field has the errors
    and ``cleaned_data`` still holds the files that passed, so the view can store them and the
    officer re-selects only the refused ones."""

    def add_error(self, field, error):
        accepted = getattr(error, "accepted", None)
        super().add_error(field, error)
        if field is not None and accepted is not None:
            self.cleaned_data[field] = accepted


def kept(ids, *, user) -> list[StoredFile]:
    """Files stored by an earlier try of a form (their ids posted back as checked boxes), the
    officer's own uploads only, so the officer need not scan them again."""
    wanted = [i for i in ids if str(i).isdigit()]
    if not wanted:
        return []
    return list(StoredFile.objects.filter(pk__in=wanted, uploaded_by=user).order_by("pk"))


def _store_checked(upload, *, user):
    content_type = getattr(upload, "checked_content_type", None)
    if content_type is None:
        return documents.store_upload(upload, uploaded_by=user)
    # Already checked against the component's limits (which may exceed the system default).
    return documents.store_file(
        upload,
        name=os.path.basename(upload.name or "tep"),
        content_type=content_type,
        uploaded_by=user,
    )


def store(uploads, *, user) -> list:
    """Store every (already validated) upload; returns the StoredFile rows."""
    return [_store_checked(upload, user=user) for upload in uploads]


def stored_one(upload, *, user):
    return _store_checked(upload, user=user) if upload else None

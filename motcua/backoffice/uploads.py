"""Uploaded files in the back office's forms: checked by ``motcua.documents`` (type read from the
content, size limit) when the form is validated, stored through it when the action runs."""

from __future__ import annotations

from django import forms

from motcua.documents import services as documents
from motcua.documents.validation import ACCEPT_ATTRIBUTE, DEFAULT_ACCEPTED, validate_upload

ACCEPTED_TYPES = DEFAULT_ACCEPTED
ACCEPT_ATTR = ACCEPT_ATTRIBUTE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFileField(forms.FileField):
    """One file, refused with the documents app's reason if its content is not acceptable."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            validate_upload(upload)
        return upload


class MultipleFileField(forms.FileField):
    """Several files in one plain ``<input type=file multiple>``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTR}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files]
        errors = []
        for item in cleaned:
            try:
                validate_upload(item)
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


def store(uploads, *, user) -> list:
    """Store every (already validated) upload; returns the StoredFile rows."""
    return [documents.store_upload(upload, uploaded_by=user) for upload in uploads]


def stored_one(upload, *, user):
    return documents.store_upload(upload, uploaded_by=user) if upload else None

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.documents.validation import PDF, validate_upload

MAX_VERIFY_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        help_text=_("Tệp PDF đã ký số, tối đa 20 MB."),
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        validate_upload(document, max_bytes=MAX_VERIFY_BYTES, accepted={PDF})
        return document

"""Forms of the applicant's own dossier pages: answering a supplement request, withdrawing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .uploads import UploadField


class SupplementForm(forms.Form):
    """One upload or one pick from the data store per item asked, and a note."""

    note = forms.CharField(
        label=_("Ghi chú gửi cơ quan giải quyết"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items=(), store_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        choices = [("", _("— Không chọn —"))] + [
            (str(item.pk), f"{item.file.name} ({item.provenance})") for item in store_items
        ]
        for index, item in enumerate(self.items):
            self.fields[f"upload_{index}"] = UploadField(
                label=_("Tải lên: %(name)s") % {"name": item["name"]}, required=False
            )
            self.fields[f"pick_{index}"] = forms.ChoiceField(
                label=_("Hoặc chọn từ kho dữ liệu của bạn"), choices=choices, required=False
            )

    def clean(self):
        cleaned = super().clean()
        given = any(
            cleaned.get(f"upload_{i}") or cleaned.get(f"pick_{i}") for i in range(len(self.items))
        )
        if not given and not self.errors:
            raise forms.ValidationError(
                _("Bạn hãy tải lên hoặc chọn ít nhất một giấy tờ bổ sung."), code="nothing"
            )
        return cleaned

    def rows(self):
        """(item, upload field, pick field) for the template."""
        return [(item, self[f"upload_{i}"], self[f"pick_{i}"]) for i, item in enumerate(self.items)]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Không bắt buộc."),
    )
    confirm = forms.BooleanField(
        label=_("Tôi muốn rút hồ sơ này và hiểu rằng hồ sơ sẽ không được giải quyết tiếp."),
        required=True,
    )

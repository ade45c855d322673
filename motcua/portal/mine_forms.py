"""Forms of the applicant's own dossier pages: answering a supplement request, withdrawing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .uploads import UploadField, check_stored


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class SupplementForm(forms.Form):
    """One upload or one pick from the data store per item asked, and a note. An item named
    like a component of the dossier's procedure version takes that component's upload limits.
    After a refusal, the uploads that passed are kept (``keep``) so that only the refused file is
    chosen again."""

    note = forms.CharField(
        label=_("Ghi chú gửi cơ quan giải quyết"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items=(), store_items=(), components=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.kept: dict = {}
        self.store_files = {str(item.pk): item.file for item in store_items}
        by_name = {_key(component.name): component for component in components}
        self.item_components = [by_name.get(_key(item["name"])) for item in self.items]
        choices = [("", _("— Không chọn —"))] + [
            (str(item.pk), f"{item.name} ({item.provenance})") for item in store_items
        ]
        for index, item in enumerate(self.items):
            self.fields[f"upload_{index}"] = UploadField(
                label=_("Tải lên: %(name)s") % {"name": item["name"]},
                required=False,
                component=self.item_components[index],
            )
            self.fields[f"kept_{index}"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput
            )
            self.fields[f"pick_{index}"] = forms.ChoiceField(
                label=_("Hoặc chọn từ kho dữ liệu của bạn"), choices=choices, required=False
            )

    def clean(self):
        cleaned = super().clean()
        for index, component in enumerate(self.item_components):
            picked = self.store_files.get(cleaned.get(f"pick_{index}") or "")
            if picked is not None and not cleaned.get(f"upload_{index}"):
                try:
                    check_stored(picked, component)
                except forms.ValidationError as error:
                    self.add_error(f"pick_{index}", error)
        given = any(
            cleaned.get(f"upload_{i}") or cleaned.get(f"kept_{i}") or cleaned.get(f"pick_{i}")
            for i in range(len(self.items))
        )
        if not given and not self.errors:
            raise forms.ValidationError(
                _("Bạn hãy tải lên hoặc chọn ít nhất một giấy tờ bổ sung."), code="nothing"
            )
        return cleaned

    def keep(self, kept: dict) -> None:
        """Show the files in ``kept`` (item index -> StoredFile, already stored) as sent, and
        send them again with the next try."""
        self.kept = kept
        data = self.data.copy()
        for index in range(len(self.items)):
            data[f"kept_{index}"] = str(kept[index].pk) if index in kept else ""
        self.data = data

    def rows(self):
        """(item, upload field, pick field, kept field, kept file or None) for the template."""
        return [
            (item, self[f"upload_{i}"], self[f"pick_{i}"], self[f"kept_{i}"], self.kept.get(i))
            for i, item in enumerate(self.items)
        ]


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

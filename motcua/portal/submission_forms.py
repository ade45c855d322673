"""The steps of the online application form. Plain HTML forms, no JavaScript needed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.constants import OnlineLevel
from motcua.dossiers.constants import Delivery

from .drafting import GENERIC_FIELDS
from .uploads import UploadField, check_stored


class WhereForm(forms.Form):
    resolving_agency = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết"),
        queryset=None,
        empty_label=None,
        help_text=_("Cơ quan có thẩm quyền giải quyết thủ tục này."),
    )
    receiving_unit = forms.ModelChoiceField(
        label=_("Nơi tiếp nhận hồ sơ (Bộ phận Một cửa)"),
        queryset=None,
        empty_label=None,
        help_text=_("Nơi kiểm tra hồ sơ và trả kết quả khi bạn nhận trực tiếp."),
    )

    def __init__(self, *args, resolving, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolving_agency"].queryset = resolving
        self.fields["receiving_unit"].queryset = desks
        for name in ("resolving_agency", "receiving_unit"):
            self.fields[name].label_from_instance = lambda agency: agency.display_name


def _generic_field(spec):
    """A form field from a field definition (catalogue data or the generic set)."""
    common = {
        "label": spec["label"],
        "help_text": spec.get("help", ""),
        "required": spec.get("required", False),
        "initial": spec.get("initial"),
    }
    kind = spec.get("kind", "text")
    if kind == "integer":
        return forms.IntegerField(min_value=spec.get("min"), max_value=spec.get("max"), **common)
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "choice":
        choices = [("", "—")] + [(c["value"], c["label"]) for c in spec.get("choices", [])]
        return forms.ChoiceField(choices=choices, **common)
    widget = forms.Textarea(attrs={"rows": 3}) if kind == "textarea" else forms.TextInput()
    return forms.CharField(max_length=spec.get("max_length", 255), widget=widget, **common)


class ApplicantForm(forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại liên hệ"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ liên hệ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(self, *args, specs=GENERIC_FIELDS, quantities=None, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in specs:
            self.fields[spec["name"]] = _generic_field(spec)
        # The numbers the fees are counted by that the form itself does not ask.
        self.fields.update(quantities or {})

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise forms.ValidationError(
                _("Hãy để lại số điện thoại hoặc thư điện tử để cơ quan liên hệ với bạn."),
                code="no_contact",
            )
        return cleaned


class DocumentsForm(forms.Form):
    """For each component of the procedure: upload a file, or pick one from the data store."""

    def __init__(self, *args, components=(), store_items=(), attached=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.components = list(components)
        self.attached = attached or {}
        self.store_files = {str(item.pk): item.file for item in store_items}
        choices = [("", _("— Không chọn —"))] + [
            (str(item.pk), f"{item.name} ({item.provenance})") for item in store_items
        ]
        for component in self.components:
            key = component.pk
            self.fields[f"upload_{key}"] = UploadField(
                label=_("Tải tệp lên"), required=False, component=component
            )
            self.fields[f"pick_{key}"] = forms.ChoiceField(
                label=_("Hoặc chọn từ kho dữ liệu của bạn"), choices=choices, required=False
            )
            if key in self.attached:
                self.fields[f"remove_{key}"] = forms.BooleanField(
                    label=_("Bỏ giấy tờ đã chọn"), required=False
                )

    def clean(self):
        cleaned = super().clean()
        for component in self.components:
            name = f"pick_{component.pk}"
            picked = self.store_files.get(cleaned.get(name) or "")
            if picked is not None and not cleaned.get(f"upload_{component.pk}"):
                try:
                    check_stored(picked, component)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def rows(self):
        return [
            (
                component,
                self.attached.get(component.pk),
                self[f"upload_{component.pk}"],
                self[f"pick_{component.pk}"],
                self[f"remove_{component.pk}"] if f"remove_{component.pk}" in self.fields else None,
            )
            for component in self.components
        ]


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Bạn muốn nhận kết quả thế nào?"), widget=forms.RadioSelect, choices=()
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu điện"),
        max_length=255,
        required=False,
        help_text=_("Chỉ cần khi nhận qua bưu điện."),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (Delivery.DESK.value, Delivery.DESK.label),
            (Delivery.POST.value, Delivery.POST.label),
        ]
        if version.online_level == OnlineLevel.FULL:
            choices.insert(0, (Delivery.ONLINE.value, Delivery.ONLINE.label))
        self.fields["delivery"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivery") == Delivery.POST and not cleaned.get("delivery_address"):
            self.add_error(
                "delivery_address", _("Hãy nhập địa chỉ để bưu điện mang kết quả đến cho bạn.")
            )
        return cleaned

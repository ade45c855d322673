"""Forms of the kiosk, the desk and the report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.feedback.constants import Level
from motcua.reports.common.compare import PRIOR_YEAR

from .constants import Reason


class TakeForm(forms.Form):
    field = forms.TypedChoiceField(
        label=_("Lĩnh vực"), coerce=int, error_messages={"required": _("Hãy chọn lĩnh vực.")}
    )

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [(f.pk, f.name) for f in fields]


class DoneForm(forms.Form):
    dossier_code = forms.CharField(
        label=_("Mã hồ sơ đã tiếp nhận hoặc trả kết quả (nếu có)"),
        max_length=40,
        required=False,
    )


class LevelForm(forms.Form):
    ticket = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.ChoiceField(choices=Level.choices)


class ReasonForm(forms.Form):
    ticket = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(choices=Reason.choices)


class PeriodForm(forms.Form):
    centre = forms.TypedChoiceField(label=_("Trung tâm"), coerce=int)
    start = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    compare = forms.BooleanField(
        label=_("So với cùng kỳ năm trước"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": PRIOR_YEAR}),
    )

    def __init__(self, *args, centres=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].choices = [(c.pk, c.desk_name or c.name) for c in centres]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 92:
            raise forms.ValidationError(_("Chọn khoảng thời gian không quá 3 tháng."))
        return data

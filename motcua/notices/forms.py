import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.worktime.forms import DayField

MAX_PERIOD_DAYS = 366


def check_period(data: dict) -> dict:
    """A register's period: forward, and at most a year."""
    start, end = data.get("start"), data.get("end")
    if start and end:
        if end < start:
            raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        if end - start > datetime.timedelta(days=MAX_PERIOD_DAYS):
            raise ValidationError(_("Mỗi lần in sổ theo dõi tối đa một năm."))
    return data


class RegisterForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị tiếp nhận"), coerce=int)
    start = DayField(label=_("Từ ngày"))
    end = DayField(label=_("Đến ngày"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]

    def clean(self):
        return check_period(super().clean())


class BoundaryFreeForm(forms.Form):
    """The boundary-free register's filters: a period and, optionally, one unit."""

    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int, required=False, empty_value=None)
    start = DayField(label=_("Tiếp nhận từ ngày"))
    end = DayField(label=_("Đến ngày"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["unit"].choices = [("", _("Mọi đơn vị của tôi"))] + [
            (unit.pk, unit.display_name) for unit in units
        ]

    def clean_unit(self):
        pk = self.cleaned_data["unit"]
        return self.units[pk] if pk is not None else None

    def clean(self):
        return check_period(super().clean())

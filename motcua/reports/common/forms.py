"""The filter of every report page: agency (within what the person may see), period, field."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.worktime.forms import DayField

from .compare import PRIOR_YEAR, prior_period
from .periods import Period

MAX_DAYS = 366 * 3


class ReportFilter(forms.Form):
    agency = forms.ChoiceField(label=_("Cơ quan, đơn vị"))
    start = DayField(label=_("Từ ngày"))
    end = DayField(label=_("Đến ngày"))
    field = forms.CharField(
        label=_("Mã lĩnh vực"), required=False, help_text=_("Để trống: mọi lĩnh vực.")
    )
    hours = forms.IntegerField(
        label=_("Cảnh báo trước (giờ làm việc)"), min_value=1, max_value=80, required=False
    )
    # Shown on the pages that compare (``show_compare``); ``?compare=prior_year`` in the address.
    compare = forms.BooleanField(
        label=_("So với cùng kỳ năm trước"),
        required=False,
        widget=forms.CheckboxInput(attrs={"value": PRIOR_YEAR}),
    )

    def __init__(self, data, *, options):
        """``options``: the agencies offered (``selectors.report_options``), a tree in order."""
        today = timezone.localdate()
        defaults = {
            "agency": options[0].agency.code if options else "",
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
            "hours": 8,
        }
        super().__init__({**defaults, **{k: v for k, v in data.items() if v}})
        self.fields["agency"].choices = [(o.agency.code, o.label) for o in options]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
            if (end - start) > datetime.timedelta(days=MAX_DAYS):
                raise forms.ValidationError(_("Kỳ báo cáo dài nhất là 3 năm."))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])

    @property
    def prior_period(self) -> Period | None:
        """The same period a year earlier when the comparison is asked for, else None."""
        return prior_period(self.period) if self.cleaned_data.get("compare") else None

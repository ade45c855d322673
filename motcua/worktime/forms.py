"""The day field of every filter (report periods, the register): a date the calendar can
count with (issue #17 item 9: 9999-12-31 overflowed the day after, 0001-01-01 the day before,
each a 500)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
_RANGE_MESSAGE = _("Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2099.")


class DayField(forms.DateField):
    """A date from FIRST_DAY to LAST_DAY (ngày trong phạm vi lịch làm việc), picked with the
    browser's date input; a date outside is a form error, not an overflow."""

    widget = forms.DateInput(attrs={"type": "date", "min": "1900-01-01", "max": "2099-12-31"})

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "validators",
            [
                MinValueValidator(FIRST_DAY, message=_RANGE_MESSAGE),
                MaxValueValidator(LAST_DAY, message=_RANGE_MESSAGE),
            ],
        )
        super().__init__(**kwargs)

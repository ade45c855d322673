"""Administrators set the paperless days of a desk: the rule's unit, weekdays, procedures and
dates, checked by ``paperless.check_rule`` before it is saved."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import paperless
from .models import PaperlessRule
from .models.paperless import WEEKDAYS


class PaperlessRuleForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Các ngày không nhận hồ sơ giấy"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PaperlessRule
        fields = [
            "unit",
            "weekdays",
            "procedures",
            "organisations_always",
            "valid_from",
            "valid_to",
            "decision",
        ]

    def clean(self):
        data = super().clean()
        paperless.check_rule(
            weekdays=data.get("weekdays") or [],
            organisations_always=data.get("organisations_always", False),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            procedures=list(data.get("procedures") or []),
            unit=data.get("unit"),
        )
        return data


@admin.register(PaperlessRule)
class PaperlessRuleAdmin(admin.ModelAdmin):
    form = PaperlessRuleForm
    list_display = ["unit", "days", "organisations_always", "valid_from", "valid_to", "decision"]
    list_filter = ["organisations_always", "unit"]
    search_fields = ["unit__name", "unit__code", "decision", "procedures__code"]
    autocomplete_fields = ["unit", "procedures"]
    date_hierarchy = "valid_from"

    @admin.display(description=_("Ngày áp dụng"))
    def days(self, rule):
        return rule.days_text()

"""Administrators keep the province's boundary-free list: its decision, dates and procedures,
checked by ``boundary.check_list`` before it is saved."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import boundary
from .models import BoundaryFreeList


class BoundaryFreeListForm(forms.ModelForm):
    class Meta:
        model = BoundaryFreeList
        fields = ["province", "decision", "all_procedures", "procedures", "valid_from", "valid_to"]

    def clean(self):
        data = super().clean()
        boundary.check_list(
            province=data.get("province"),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            all_procedures=data.get("all_procedures", False),
            procedures=list(data.get("procedures") or []),
        )
        return data


@admin.register(BoundaryFreeList)
class BoundaryFreeListAdmin(admin.ModelAdmin):
    form = BoundaryFreeListForm
    list_display = ["province", "decision", "scope", "valid_from", "valid_to"]
    list_filter = ["all_procedures", "province"]
    search_fields = ["province__name", "decision", "procedures__code"]
    autocomplete_fields = ["province", "procedures"]
    date_hierarchy = "valid_from"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("province")
            .annotate(listed=Count("procedures"))
        )

    @admin.display(description=_("Phạm vi"))
    def scope(self, row):
        if row.all_procedures:
            return _("Mọi thủ tục")
        return _("%(count)s thủ tục") % {"count": row.listed}

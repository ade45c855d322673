from django.contrib import admin

from .models import IndicatorSet, IndicatorWeight, ReportExport


class IndicatorWeightInline(admin.TabularInline):
    model = IndicatorWeight
    extra = 0
    fields = ["order", "indicator", "group", "name", "max_points", "target"]


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_to"]
    inlines = [IndicatorWeightInline]


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    """Read-only: operators see who exported what and why an export failed."""

    list_display = ["created_at", "requester", "report", "format", "agency", "status", "progress"]
    list_filter = ["status", "format"]
    readonly_fields = [f.name for f in ReportExport._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

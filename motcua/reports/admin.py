from django.contrib import admin

from .models import IndicatorSet, IndicatorWeight


class IndicatorWeightInline(admin.TabularInline):
    model = IndicatorWeight
    extra = 0
    fields = ["order", "indicator", "group", "name", "max_points", "target"]


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_to"]
    inlines = [IndicatorWeightInline]

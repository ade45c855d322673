from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .constants import Weekday
from .models import Calendar, CalendarYear, DayEntry, WorkingSession


class WorkingSessionInline(admin.TabularInline):
    model = WorkingSession
    extra = 0


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "revision", "changed_at"]
    search_fields = ["name", "agency__name", "agency__code"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["revision", "changed_at"]
    inlines = [WorkingSessionInline]
    actions = ["materialise_next_year"]

    @admin.action(description=_("Lập ngày nghỉ lễ, tết cho năm tiếp theo (lịch chung)"))
    def materialise_next_year(self, request, queryset):
        national = services.ensure_national_calendar()
        last = national.years.order_by("-year").values_list("year", flat=True).first()
        year = (last or services.default_years()[-1]) + 1
        services.materialise_year(year, calendar=national)
        self.message_user(
            request,
            _(
                "Đã lập ngày nghỉ năm %(year)d vào lịch chung; hãy kiểm tra và bổ sung ngày hoán đổi."
            )
            % {"year": year},
            messages.SUCCESS,
        )


@admin.register(DayEntry)
class DayEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "name", "confirmed", "source", "calendar"]
    list_filter = ["calendar", "kind", "confirmed", "source"]
    search_fields = ["name", "legal_basis", "note"]
    date_hierarchy = "date"
    readonly_fields = ["updated_at"]
    actions = ["mark_confirmed"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj: DayEntry) -> str:
        return Weekday(obj.date.weekday()).label

    @admin.action(description=_("Đánh dấu đã xác nhận"))
    def mark_confirmed(self, request, queryset):
        count = 0
        for entry in queryset.filter(confirmed=False):
            entry.confirmed = True
            entry.save(update_fields=["confirmed", "updated_at"])
            count += 1
        self.message_user(
            request,
            ngettext("Đã xác nhận %(count)d ngày.", "Đã xác nhận %(count)d ngày.", count)
            % {"count": count},
        )


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["calendar", "year", "materialised_at", "source_version"]
    list_filter = ["calendar"]
    readonly_fields = ["materialised_at", "source_version"]

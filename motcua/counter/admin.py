"""Administration: counters are configuration (centre, number, fields, the tablet's device
token); sessions, tickets and ratings are read here and changed only through the services."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Counter, CounterSession, Ticket, TicketRating


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "name", "centre", "is_open", "device_token_issued_at"]
    list_filter = ["is_open"]
    autocomplete_fields = ["centre"]
    filter_horizontal = ["fields"]
    readonly_fields = ["device_token_issued_at"]
    actions = ["issue_device_token"]

    @admin.action(description=gettext_lazy("Cấp mã thiết bị mới cho máy tính bảng đánh giá"))
    def issue_device_token(self, request, queryset):
        for counter in queryset:
            token = services.issue_device_token(counter, actor=request.user)
            url = request.build_absolute_uri(reverse("counter:tablet", args=[counter.pk, token]))
            messages.warning(
                request,
                _(
                    "%(counter)s (%(centre)s): mở địa chỉ sau trên máy tính bảng của quầy và lưu "
                    "lại; địa chỉ chỉ hiện một lần, mã cũ không dùng được nữa: %(url)s"
                )
                % {"counter": counter.label, "centre": counter.centre.display_name, "url": url},
            )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CounterSession)
class CounterSessionAdmin(ReadOnlyAdmin):
    list_display = ["counter", "officer", "started_at", "ended_at"]


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = ["display_number", "day", "centre", "field", "status", "counter", "taken_at"]
    list_filter = ["status", "day"]


@admin.register(TicketRating)
class TicketRatingAdmin(ReadOnlyAdmin):
    list_display = ["ticket", "counter", "level", "reason", "rated_at"]
    list_filter = ["level"]

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Delivery, DeliveryAttempt, DemoSmsMessage


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["at", "succeeded", "error"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "dossier",
        "topic",
        "channel",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
    ]
    list_filter = ["status", "channel", "topic", "provider"]
    search_fields = ["dossier__code", "recipient"]
    list_select_related = ["dossier"]
    inlines = [AttemptInline]
    actions = ["resend"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Gửi lại các thông báo không thành công"))
    def resend(self, request, queryset):
        count = services.resend(queryset, actor=request.user)
        self.message_user(
            request,
            ngettext("Đã xếp %d thông báo để gửi lại.", "Đã xếp %d thông báo để gửi lại.", count)
            % count,
            messages.SUCCESS,
        )


@admin.register(DemoSmsMessage)
class DemoSmsMessageAdmin(admin.ModelAdmin):
    list_display = ["at", "phone", "text"]
    search_fields = ["phone", "text"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

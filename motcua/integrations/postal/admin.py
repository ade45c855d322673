"""Administration of the postal service: motcua's orders (read-only, with their journey), and the
demo operator's books with its failure switch and the actions that move a shipment along."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..models import DemoPostSwitch, DemoShipment, DemoShipmentEvent, PostalEvent, PostalOrder
from .contrib.demo import operator


class PostalEventInline(admin.TabularInline):
    model = PostalEvent
    extra = 0
    can_delete = False
    fields = ("at", "status", "place", "note", "source", "event_id", "received_at")
    readonly_fields = fields


@admin.register(PostalOrder)
class PostalOrderAdmin(admin.ModelAdmin):
    list_display = ("tracking_code", "dossier", "status", "fee", "recipient_name", "created_at")
    list_filter = ("status", "operator", "direction")
    search_fields = ("tracking_code", "reference", "dossier__code", "recipient_name")
    inlines = [PostalEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DemoPostSwitch)
class DemoPostSwitchAdmin(admin.ModelAdmin):
    list_display = ("__str__", "push_enabled")

    def has_add_permission(self, request):
        return not DemoPostSwitch.objects.exists()


class DemoShipmentEventInline(admin.TabularInline):
    model = DemoShipmentEvent
    extra = 0
    can_delete = False
    fields = ("sequence", "status", "at", "place", "note", "pushed_at", "push_error")
    readonly_fields = fields


def _advancer(status, label):
    def action(modeladmin, request, queryset):
        for shipment in queryset:
            try:
                operator.advance(shipment.tracking_code, status)
            except operator.Refusal as refusal:
                modeladmin.message_user(request, refusal.message, messages.ERROR)
        modeladmin.message_user(request, _("Đã cập nhật trạng thái bưu gửi."))

    action.__name__ = f"advance_{status}"
    action.short_description = label
    return action


@admin.register(DemoShipment)
class DemoShipmentAdmin(admin.ModelAdmin):
    list_display = ("tracking_code", "status", "zone", "fee", "recipient_name", "created_at")
    list_filter = ("status", "zone")
    search_fields = ("tracking_code", "client_reference", "recipient_name")
    inlines = [DemoShipmentEventInline]
    actions = [
        _advancer("in_transit", _("Chuyển sang: đang vận chuyển")),
        _advancer("delivered", _("Chuyển sang: đã phát thành công")),
        _advancer("failed", _("Chuyển sang: phát không thành công")),
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

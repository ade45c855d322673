from django.contrib import admin

from motcua.siteadmin.readable import ReadableJSONMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadableJSONMixin, admin.ModelAdmin):
    list_display = ["at", "actor", "action", "verb", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "verb", "actor__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

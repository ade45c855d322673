"""The audit trail in the admin: staff with the view permission read and filter it (by kind,
object type, day, dossier code, account, address) and export the rows they selected for an
inspector; every export is itself audited. Nothing can be added, changed or deleted."""

import io

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.siteadmin.readable import ReadableJSONMixin

from . import export, services
from .models import AuditEntry

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _export(modeladmin, request, queryset, kind: str) -> HttpResponse:
    entries = queryset.select_related("actor").order_by("at", "id")
    if kind == "csv":
        text = io.StringIO()
        count = export.write_csv(entries.iterator(chunk_size=2000), text)
        body = text.getvalue().encode("utf-8")
    else:
        binary = io.BytesIO()
        count = export.write_xlsx(entries.iterator(chunk_size=2000), binary)
        body = binary.getvalue()
    services.record_export(
        request.user, count=count, format=kind, via="admin", filters=request.GET.urlencode()
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    name = f"nhat-ky-{timezone.localtime():%Y%m%d-%H%M}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@admin.action(description=_("Xuất các dòng đã chọn (CSV)"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "csv")


@admin.action(description=_("Xuất các dòng đã chọn (XLSX)"), permissions=["view"])
def export_xlsx(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "xlsx")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadableJSONMixin, admin.ModelAdmin):
    list_display = [
        "at",
        "actor",
        "action",
        "verb",
        "object_type",
        "object_id",
        "dossier_code",
        "ip",
    ]
    list_filter = ["action", "object_type", "verb"]
    search_fields = ["=dossier_code", "object_id", "verb", "=actor__username", "=ip"]
    date_hierarchy = "at"
    list_select_related = ["actor"]
    actions = [export_csv, export_xlsx]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

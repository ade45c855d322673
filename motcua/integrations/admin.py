"""The integrations in the admin: the national portal's outbox with its dead letters and their
re-send, the demo portal's failure switch and holdings, and the health of every integration."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.siteadmin.readable import ReadableJSONMixin

from . import health
from .catalogue import admin as catalogue_admin  # noqa: F401 (registers its models)
from .models import (
    DemoPortalDossier,
    DemoPortalSwitch,
    MessageState,
    PortalCursor,
    PortalMessage,
)
from .population import admin as population_admin  # noqa: F401 (registers its models)
from .portal import outbox
from .postal import admin as postal_admin  # noqa: F401 (registers its models)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PortalMessage)
class PortalMessageAdmin(ReadableJSONMixin, ReadOnly):
    list_display = [
        "dossier",
        "sequence",
        "service",
        "national_status",
        "state",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "short_error",
    ]
    list_filter = ["state", "service", "superseded"]
    search_fields = ["dossier__code", "key", "remote_id"]
    list_select_related = ["dossier"]
    actions = ["resend"]
    readonly_fields = [f.name for f in PortalMessage._meta.fields]
    change_list_template = "admin/integrations/portalmessage/change_list.html"

    @admin.display(description=_("lỗi gần nhất"))
    def short_error(self, obj):
        return obj.last_error[:120]

    def get_urls(self):
        return [
            path(
                "health/",
                self.admin_site.admin_view(self.health_view),
                name="integrations_health",
            ),
            *super().get_urls(),
        ]

    def health_view(self, request):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Tình trạng kết nối hệ thống quốc gia"),
            "rows": health.report(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/integrations/health.html", context)

    @admin.action(description=_("Gửi lại các thông điệp lỗi đã chọn"), permissions=["change"])
    def resend(self, request, queryset):
        sent = 0
        for message in queryset.filter(state=MessageState.DEAD).order_by("dossier_id", "sequence"):
            outbox.resend(message, actor=request.user)
            sent += 1
        level = messages.SUCCESS if sent else messages.WARNING
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(n)d thông điệp trở lại hàng đợi.",
                "Đã đưa %(n)d thông điệp trở lại hàng đợi.",
                sent,
            )
            % {"n": sent}
            if sent
            else _("Không có thông điệp lỗi nào trong các thông điệp đã chọn."),
            level,
        )

    def has_change_permission(self, request, obj=None):
        # The action needs it; the form itself stays read-only (every field is).
        return request.user.has_perm("integrations.change_portalmessage")


@admin.register(PortalCursor)
class PortalCursorAdmin(ReadOnly):
    list_display = [
        "dossier",
        "last_sequence",
        "last_national_status",
        "last_delivered_at",
        "received_synced_at",
        "lease_until",
    ]
    search_fields = ["dossier__code"]
    list_select_related = ["dossier"]


@admin.register(DemoPortalSwitch)
class DemoPortalSwitchAdmin(admin.ModelAdmin):
    list_display = ["failure", "updated_at"]

    def has_add_permission(self, request):
        return not DemoPortalSwitch.objects.exists()


@admin.register(DemoPortalDossier)
class DemoPortalDossierAdmin(ReadableJSONMixin, ReadOnly):
    list_display = ["code", "portal_id", "status", "received_on", "updates", "out_of_order"]
    search_fields = ["code"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in DemoPortalDossier._meta.fields]

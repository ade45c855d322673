"""Read-only views of dossiers for administrators: changes go through the services only."""

from django.contrib import admin

from motcua.agencies import admin as _agencies_admin  # noqa: F401  (registers Agency first)
from motcua.agencies.models import Agency
from motcua.siteadmin.readable import ReadableJSONMixin

from .admin_reorganisation import ReorganisingAgencyAdmin
from .models import AssistedConsent, Dossier, DossierStep, Event, Pause, RuleSet


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StepInline(ReadOnlyInline):
    model = DossierStep
    fields = [
        "order",
        "stage",
        "name",
        "role",
        "quota_hours",
        "started_at",
        "due_at",
        "finished_at",
        "worked_hours",
    ]
    readonly_fields = fields


class PauseInline(ReadOnlyInline):
    model = Pause
    fields = ["reason", "started_at", "ended_at", "note"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = Event
    fields = [
        "sequence",
        "action",
        "from_status",
        "to_status",
        "at",
        "actor",
        "actor_unit",
        "actor_role",
        "reason",
    ]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(ReadableJSONMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "applicant_name",
        "status",
        "channel",
        "receiving_unit",
        "received_at",
        "due_at",
    ]
    list_filter = ["status", "channel", "outcome"]
    search_fields = ["code", "applicant_name", "applicant_id_number", "applicant_phone"]
    date_hierarchy = "received_at"
    list_select_related = ["receiving_unit"]
    show_full_result_count = False  # no COUNT(*) over millions of rows
    inlines = [StepInline, PauseInline, EventInline]

    def get_readonly_fields(self, request, obj=None):
        return self.readable([field.name for field in self.model._meta.fields])

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_to", "form_set", "supplement_restarts_deadline"]

    def has_delete_permission(self, request, obj=None):
        return False


# The agency admin gains the reorganisation page here: moving open work is the dossiers' use
# case, and the agencies app does not depend on it (architecture.md, layers).
admin.site.unregister(Agency)
admin.site.register(Agency, ReorganisingAgencyAdmin)


@admin.register(AssistedConsent)
class AssistedConsentAdmin(admin.ModelAdmin):
    """Who asked whom for consent to file for them, how, and whether it was given (read-only;
    the code's hash and the link's token are not shown)."""

    list_display = ["created_at", "officer", "applicant", "unit", "method", "granted_at"]
    list_filter = ["method"]
    search_fields = ["officer__username", "applicant__username", "unit__name"]
    list_select_related = ["officer", "applicant", "unit"]
    fields = [
        "officer",
        "applicant",
        "unit",
        "method",
        "sent_to",
        "attempts",
        "created_at",
        "expires_at",
        "granted_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD")

    def has_delete_permission(self, request, obj=None):
        return False

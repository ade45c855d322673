"""Administration of the national-systems integrations."""

from django.contrib import admin

from ..models import DemoRegisterSwitch, RegisterLookup


@admin.register(RegisterLookup)
class RegisterLookupAdmin(admin.ModelAdmin):
    """The look-up log is read only: rows are written by ``population.services`` alone."""

    list_display = ("at", "actor", "id_number", "outcome", "consent", "consent_method", "dossier")
    list_filter = ("outcome", "consent", "officer", "consent_method")
    search_fields = ("id_number", "actor__username", "reason", "request_id")
    date_hierarchy = "at"
    raw_id_fields = ("actor", "dossier")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DemoRegisterSwitch)
class DemoRegisterSwitchAdmin(admin.ModelAdmin):
    """The demo register's failure switch (DEMO_POPULATION_FAIL, when set, wins over it)."""

    list_display = ("__str__",)

    def has_add_permission(self, request):
        return not DemoRegisterSwitch.objects.exists()

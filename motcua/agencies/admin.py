from django.contrib import admin
from django.utils import timezone

from . import services
from .models import Agency, AgencyEvent, Membership

TREE_FIELDS = ["code", "level", "parent", "valid_from"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "level",
        "parent",
        "valid_from",
        "valid_to",
        "runs_one_stop_desk",
    ]
    list_filter = ["level", "runs_one_stop_desk"]
    search_fields = ["name", "short_name", "code"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        # Once created, the position in the tree changes only through the services (move,
        # merge, dissolve), which keep paths and history right (docs/agencies.md).
        closed = ["valid_to", "successor", "path", "depth"]
        return closed + TREE_FIELDS if obj else closed

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.create_agency(
                actor=request.user,
                **{f: form.cleaned_data[f] for f in form.cleaned_data if f in form.base_fields},
            )
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
            return
        if "name" in form.changed_data:
            services.rename_agency(
                Agency.objects.get(pk=obj.pk),
                new_name=obj.name,
                effective_date=timezone.localdate(),
                actor=request.user,
            )
        obj.save()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AgencyEvent)
class AgencyEventAdmin(admin.ModelAdmin):
    list_display = ["agency", "kind", "effective_date", "decision", "recorded_at"]
    list_filter = ["kind"]
    search_fields = ["agency__name", "decision"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "title", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]

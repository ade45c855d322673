"""API clients in the administration: created, changed and revoked through ``services`` (the
secret of a new client is shown once, in the page's message), never deleted (the audit trail
names them)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .constants import Scope
from .models import ApiClient


class ApiClientForm(forms.ModelForm):
    name = forms.CharField(label=gettext_lazy("Tên hệ thống"), max_length=255)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Phạm vi quyền"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApiClient
        fields = ["agencies", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["name"].disabled = True
            self.initial |= {
                "name": self.instance.application.name,
                "scopes": self.instance.scopes,
            }

    def clean(self):
        data = super().clean()
        name = self.instance.application.name if self.instance.pk else data.get("name", "")
        if not self.errors:
            try:
                services.checked_grants(name, data.get("agencies", []), data.get("scopes", []))
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, problems)
        return data


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("tình trạng")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Đang hoạt động")), ("revoked", _("Đã thu hồi"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["__str__", "scope_list", "state", "client_id"]
    list_filter = [StateFilter]
    search_fields = ["application__name", "application__client_id", "contact"]
    list_select_related = ["application"]
    # A searchable choice among hundreds of agencies (the admin's autocomplete).
    autocomplete_fields = ["agencies"]
    readonly_fields = [
        "client_id",
        "officer",
        "created_at",
        "created_by",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
    ]
    actions = ["revoke"]

    @admin.display(description=gettext_lazy("client_id"))
    def client_id(self, obj):
        return obj.client_id if obj.pk else ""

    @admin.display(description=gettext_lazy("tình trạng"))
    def state(self, obj):
        if obj.revoked_at is None:
            return _("Đang hoạt động")
        return _("Đã thu hồi %(day)s") % {"day": f"{timezone.localtime(obj.revoked_at):%d/%m/%Y}"}

    @admin.display(description=gettext_lazy("phạm vi quyền"))
    def scope_list(self, obj):
        return ", ".join(obj.scopes)

    def get_fields(self, request, obj=None):
        fields = ["name", "scopes", "agencies", "contact"]
        return fields + (self.readonly_fields if obj else [])

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.revoked_at is None

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                services.change_grants(
                    obj,
                    actor=request.user,
                    agencies=data["agencies"],
                    scopes=data["scopes"],
                    contact=data.get("contact", ""),
                )
                return
            issued = services.create_client(
                actor=request.user,
                name=data["name"],
                agencies=data["agencies"],
                scopes=data["scopes"],
                contact=data.get("contact", ""),
            )
        except ValidationError as error:
            # The form checked the same; a race (a revocation meanwhile) ends here.
            messages.error(request, " ".join(error.messages))
            raise
        # The admin goes on with the object it built: make it the client just created.
        obj.pk = issued.client.pk
        obj.application = issued.client.application
        obj._state.adding = False
        messages.warning(
            request,
            _(
                "client_id: %(id)s — client_secret: %(secret)s. Hãy chép mã bí mật ngay: nó "
                "chỉ hiện lần này và được lưu dưới dạng băm."
            )
            % {"id": issued.client.client_id, "secret": issued.client_secret},
        )

    def save_related(self, request, form, formsets, change):
        """The service has set the agencies."""

    @admin.action(description=gettext_lazy("Thu hồi quyền truy cập (hủy mọi mã truy cập)"))
    def revoke(self, request, queryset):
        for client in queryset:
            services.revoke_client(
                client, actor=request.user, reason=_("Thu hồi trong trang quản trị.")
            )
        messages.success(request, _("Đã thu hồi %(count)d hệ thống.") % {"count": len(queryset)})


from . import admin_webhooks  # noqa: E402, F401 (registers the webhooks' models)

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import BusinessProfile, CitizenProfile, User, VerificationCode


class CitizenProfileInline(admin.StackedInline):
    model = CitizenProfile
    can_delete = False
    extra = 0


class BusinessProfileInline(admin.StackedInline):
    model = BusinessProfile
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "kind", "phone", "email", "is_active"]
    list_filter = ["kind", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "phone", "email", "citizen_profile__personal_id"]
    ordering = ["username"]
    fieldsets = (
        (None, {"fields": ("username", "password", "kind")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "phone", "email")}),
        (
            _("Quyền"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "kind", "full_name", "password1", "password2"),
            },
        ),
    )
    inlines = [CitizenProfileInline, BusinessProfileInline]


@admin.register(VerificationCode)
class VerificationCodeAdmin(admin.ModelAdmin):
    """Phone codes are read here until an SMS provider sends them."""

    list_display = ["destination", "channel", "code", "created_at", "expires_at", "used_at"]
    list_filter = ["channel"]
    search_fields = ["destination", "user__username"]
    readonly_fields = [f.name for f in VerificationCode._meta.fields]

    def has_add_permission(self, request):
        return False

"""The admin site: open only to a session verified by its second factor where one is asked
(#17 item 4, docs/security.md), and signed into through the same password-then-code steps as
the back office."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.backoffice.second_factor import policy
from motcua.backoffice.second_factor import services as second_factor
from motcua.backoffice.second_factor.views import SecondFactorLoginMixin


class AdminLoginView(SecondFactorLoginMixin, LoginView):
    """The admin's sign-in: after the password, the code at the back office's code page,
    then back to the admin."""


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        if not super().has_permission(request):
            return False
        # SecondFactorMiddleware already signs such a session out; the admin checks for itself.
        return user.is_verified() or not policy.asked_of(user)

    def login(self, request, extra_context=None):
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        from django.contrib.admin.forms import AdminAuthenticationForm

        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return AdminLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
        )(request)


@admin.action(
    description=gettext_lazy("Đặt lại xác thực hai lớp (mất điện thoại): đăng ký lại ứng dụng"),
    permissions=["change"],
)
def reset_second_factor(modeladmin, request, queryset):
    """A colleague lost their phone and recovery codes: remove their app and codes (audited);
    at their next sign-in they enrol a new app. One's own devices are not reset here (that
    would let a stolen admin session drop the factor that protects it)."""
    done = 0
    for user in queryset.exclude(pk=request.user.pk):
        if second_factor.reset(user, actor=request.user, reason="admin action"):
            done += 1
    if queryset.filter(pk=request.user.pk).exists():
        modeladmin.message_user(
            request,
            _("Không đặt lại xác thực hai lớp của chính bạn; hãy đổi ứng dụng ở trang Bảo mật."),
            messages.WARNING,
        )
    modeladmin.message_user(
        request, _("Đã đặt lại xác thực hai lớp cho %(n)d tài khoản.") % {"n": done}
    )

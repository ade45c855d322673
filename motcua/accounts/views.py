from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse

from .forms import ApplicantLoginForm


class ApplicantLoginView(auth_views.LoginView):
    """Sign-in for citizens and businesses on the portal."""

    template_name = "accounts/login.html"
    authentication_form = ApplicantLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.OIDC_ENABLED:
            context["vneid_url"] = reverse("oidc_authentication_init")
        context["vneid_failed"] = self.request.GET.get("vneid") == "failed"
        return context


def home(request):
    """Send each person to their own home: officers to the back office, applicants to the portal."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_officer:
        return redirect("backoffice:home")
    return redirect("portal:account")

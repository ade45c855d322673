"""The demo identity provider "VNeID (mô phỏng)": django-oauth-toolkit's OpenID Connect
provider with a small Vietnamese sign-in and consent page, so the real authorization-code flow
runs offline. It recognises the citizens registered in this system by their personal
identification number and password; a real VNeID is its own population register. Officers
cannot sign in here."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import AuthorizationView

from .forms import throttled_error
from .models import UserKind


class VneidValidator(OAuth2Validator):
    """Adds the identity claims a VNeID-like provider gives: personal ID, birth date, phone."""

    oidc_claim_scope = OAuth2Validator.oidc_claim_scope | {
        settings.OIDC_PERSONAL_ID_CLAIM: "profile",
        "vneid_level": "profile",
    }

    def get_additional_claims(self, request):
        user = request.user
        profile = getattr(user, "citizen_profile", None)
        claims = {"name": user.get_full_name(), "vneid_level": 2}
        if profile is not None:
            claims |= {
                settings.OIDC_PERSONAL_ID_CLAIM: profile.personal_id,
                "birthdate": profile.date_of_birth.isoformat(),
                "address": {"formatted": profile.address},
            }
        if user.phone:
            claims["phone_number"] = user.phone
        if user.email:
            claims["email"] = user.email
        return claims


class IdpLoginForm(forms.Form):
    personal_id = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        user = authenticate(
            self.request, username=cleaned["personal_id"].strip(), password=cleaned["password"]
        )
        throttled = throttled_error(self.request)
        if throttled is not None:
            raise throttled
        if user is None or user.kind != UserKind.CITIZEN or not hasattr(user, "citizen_profile"):
            raise forms.ValidationError(
                _("Số định danh hoặc mật khẩu không đúng."), code="invalid_login"
            )
        self.user = user
        return cleaned


@require_http_methods(["GET", "POST"])
def idp_login(request):
    """Sign in at the demo provider, then back to the authorization request."""
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = str(reverse_lazy("oauth2_provider:authorize"))
    form = IdpLoginForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="motcua.accounts.backends.IdentifierBackend")
        return redirect(next_url)
    return render(request, "accounts/idp/login.html", {"form": form, "next": next_url})


class VneidAuthorizationView(AuthorizationView):
    """Consent at the demo provider, with its own sign-in page."""

    template_name = "accounts/idp/authorize.html"
    login_url = reverse_lazy("oauth2_provider:vneid-login")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.kind != UserKind.CITIZEN:
            # Officers do not sign in through the identity provider.
            return render(request, "accounts/idp/officer.html", status=403)
        return super().dispatch(request, *args, **kwargs)

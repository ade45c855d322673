"""Registration, verification and password reset pages of the portal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import registration, signin_limits
from .forms import RegistrationForm, VerificationForm
from .models import User, VerificationChannel

PENDING = "accounts.pending_user"
# Which form field each refusal of the services belongs to.
ERROR_FIELDS = {
    "personal_id_taken": "personal_id",
    "username_taken": "personal_id",
    "no_contact": "phone",
}


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = registration.register(
                personal_id=data["personal_id"],
                full_name=data["full_name"],
                date_of_birth=data["date_of_birth"],
                password=data["password"],
                phone=data["phone"],
                email=data["email"],
            )
        except ValidationError as error:
            for item in error.error_list:
                field = ERROR_FIELDS.get(item.code)
                if field is None and "mật khẩu" in str(item.message).lower():
                    field = "password"
                form.add_error(field, item)
        else:
            request.session[PENDING] = user.pk
            return redirect("accounts:verify")
    return render(request, "accounts/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request):
    user = User.objects.filter(pk=request.session.get(PENDING), is_active=False).first()
    if user is None:
        return redirect("accounts:register")
    code = user.verification_codes.first()
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        code = registration.issue_code(user)
        messages.info(request, _("Đã gửi mã mới."))
        form = VerificationForm()
    elif request.method == "POST" and form.is_valid():
        if registration.verify(user, form.cleaned_data["code"]):
            del request.session[PENDING]
            login(request, user, backend="motcua.accounts.backends.IdentifierBackend")
            messages.success(request, _("Tài khoản đã được kích hoạt. Chào mừng bạn!"))
            return redirect("portal:account")
        form.add_error(
            "code", _("Mã chưa đúng hoặc đã hết hạn. Bạn hãy nhập lại hoặc bấm “Gửi lại mã”.")
        )
    by_phone = code is not None and code.channel == VerificationChannel.PHONE
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "destination": code.destination if code else "", "by_phone": by_phone},
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link came through the verified e-mail: any sign-in wait of the account ends.
        signin_limits.unlock(signin_limits.account_key(form.user.pk))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"

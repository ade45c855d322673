"""Registration, verification and password reset pages of the portal."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from . import registration, signin_limits, throttle
from .forms import RegistrationForm, VerificationForm
from .models import User, VerificationChannel
from .validators import normalize_phone

PENDING = "accounts.pending_user"
# A registration whose identity number has an account already (see _Decoy).
DECOY = "accounts.pending_decoy"
# Which form field each refusal of the services belongs to.
ERROR_FIELDS = {
    "personal_id_taken": "personal_id",
    "username_taken": "personal_id",
    "no_contact": "phone",
}


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _registrations_allowed(request):
        # Each try may tell its sender something (a code arrives or not): few an hour.
        form.add_error(
            None,
            _("Đã có quá nhiều lần đăng ký từ địa chỉ này trong một giờ. Bạn hãy thử lại sau."),
        )
    elif request.method == "POST" and form.is_valid():
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
            request.session.pop(PENDING, None)
            request.session.pop(DECOY, None)
            if user is None:
                # The number has an account: the same next page as a new account, where no code
                # will ever match (its owner was told by e-mail instead).
                request.session[DECOY] = {
                    "destination": data["email"] or normalize_phone(data["phone"]),
                    "by_phone": not data["email"],
                    "sent": [time.time()],
                    "attempts": 0,
                }
            else:
                request.session[PENDING] = user.pk
            return redirect("accounts:verify")
    return render(request, "accounts/register.html", {"form": form})


# Registrations one address may send an hour (setting REGISTRATIONS_PER_HOUR).
def _registrations_allowed(request) -> bool:
    limit = int(getattr(settings, "REGISTRATIONS_PER_HOUR", 10))
    return throttle.hit("register", throttle.client_address(request), limit=limit, period=3600)


def _wait_minutes(seconds: float) -> int:
    return max(1, int(seconds + 59) // 60)


def _too_many_sends(minutes: int) -> str:
    return _(
        "Bạn đã yêu cầu gửi mã %(n)d lần trong một giờ. Hãy dùng mã đã nhận, hoặc thử lại sau "
        "%(minutes)d phút."
    ) % {"n": registration.MAX_SENDS, "minutes": minutes}


TOO_MANY_TRIES = _lazy(
    "Bạn đã nhập sai mã quá nhiều lần. Hãy thử lại sau một giờ (mã gửi lại không cho thêm lượt "
    "thử)."
)
WRONG_CODE = _lazy("Mã chưa đúng hoặc đã hết hạn. Bạn hãy nhập lại hoặc bấm “Gửi lại mã”.")


class _Decoy:
    """The verification of a registration whose number has an account: looks and limits the
    same as a real one; no code matches."""

    def __init__(self, request):
        self.request = request
        self.state = request.session[DECOY]

    def _save(self):
        self.request.session[DECOY] = self.state

    def resend(self) -> str | None:
        now = time.time()
        recent = [t for t in self.state["sent"] if now - t < registration.ATTEMPT_WINDOW.seconds]
        if len(recent) >= registration.MAX_SENDS:
            return _too_many_sends(_wait_minutes(min(recent) + 3600 - now))
        self.state["sent"] = [*recent, now]
        self._save()
        return None

    def wrong(self) -> str:
        self.state["attempts"] += 1
        self._save()
        if self.state["attempts"] > registration.MAX_ATTEMPTS:
            return str(TOO_MANY_TRIES)
        return str(WRONG_CODE)


def _resend_refusal(user) -> str | None:
    """Why a new code is not sent now, or None (then it is)."""
    if registration.sends_left(user) > 0:
        return None
    oldest = (
        user.verification_codes.filter(created_at__gt=timezone.now() - registration.ATTEMPT_WINDOW)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    left = (oldest + registration.ATTEMPT_WINDOW - timezone.now()).total_seconds()
    return _too_many_sends(_wait_minutes(left))


@require_http_methods(["GET", "POST"])
def verify(request):
    user = User.objects.filter(pk=request.session.get(PENDING), is_active=False).first()
    decoy = _Decoy(request) if user is None and DECOY in request.session else None
    if user is None and decoy is None:
        return redirect("accounts:register")
    code = user.verification_codes.first() if user is not None else None
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        refusal = decoy.resend() if decoy else _resend_refusal(user)
        if refusal:
            messages.error(request, refusal)
        else:
            if user is not None:
                code = registration.issue_code(user)
            messages.info(request, _("Đã gửi mã mới."))
        form = VerificationForm()
    elif request.method == "POST" and form.is_valid():
        if decoy is not None:
            form.add_error("code", decoy.wrong())
        elif registration.verify(user, form.cleaned_data["code"]):
            del request.session[PENDING]
            login(request, user, backend="motcua.accounts.backends.IdentifierBackend")
            messages.success(request, _("Tài khoản đã được kích hoạt. Chào mừng bạn!"))
            return redirect("portal:account")
        elif registration.attempts_left(user) <= 0:
            form.add_error("code", TOO_MANY_TRIES)
        else:
            form.add_error("code", WRONG_CODE)
    if decoy is not None:
        destination, by_phone = decoy.state["destination"], decoy.state["by_phone"]
    else:
        destination = code.destination if code else ""
        by_phone = code is not None and code.channel == VerificationChannel.PHONE
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "destination": destination, "by_phone": by_phone},
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

"""The second factor's pages: the code after the password, enrolling an authenticator app (at
sign-in or later), the recovery codes shown once, and the officer's own security page."""

from __future__ import annotations

from base64 import b32encode
from functools import wraps
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib.auth import REDIRECT_FIELD_NAME, login, update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import pending, policy, services
from .forms import CodeForm, EnrolForm


class SecondFactorLoginMixin:
    """For a LoginView: once the password is right, an account that is asked a code is not
    signed in but sent to give it (or to enrol an app, when it has none)."""

    def form_valid(self, form):
        user = form.get_user()
        if not policy.asked_of(user):
            return super().form_valid(form)
        pending.start(self.request, user, self.get_success_url())
        step = "verify" if services.has_app(user) else "enrol"
        return redirect(f"backoffice:second_factor_{step}")


def _sign_in(request, user, backend, device, next_url):
    user.otp_device = device  # django_otp records it in the session on user_logged_in
    login(request, user, backend=backend)
    pending.finish(request)
    return next_url


def back_office_required(view):
    """Officers and admin-site accounts (a superuser made by createsuperuser is neither an
    officer nor a citizen in practice); anyone else as in ``officer_required``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "backoffice:login")
        if not policy.back_office_account(request.user):
            return render(request, "backoffice/officers_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def keep_this_session(request) -> None:
    """After a change that ended the account's sessions (``signals.device_removed``), the one
    that made it stays signed in."""
    request.user.refresh_from_db(fields=["sign_in_epoch"])
    update_session_auth_hash(request, request.user)


def _restart(request):
    return redirect_to_login(reverse("backoffice:home"), "backoffice:login")


@never_cache
def verify(request):
    """After the password: the authenticator app's code, or one recovery code."""
    state = pending.pending(request)
    if state is None:
        return _restart(request)
    user, backend, next_url = state
    if not services.has_app(user):
        return redirect("backoffice:second_factor_enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify(user, form.cleaned_data["code"], request=request)
        except services.Throttled as refused:
            form.add_error(None, services.wait_message(refused.wait))
        else:
            if device is not None:
                return redirect(_sign_in(request, user, backend, device, next_url))
            form.add_error(
                "code",
                _(
                    "Mã chưa đúng hoặc đã dùng. Hãy nhập mã đang hiện trên ứng dụng (mã đổi sau "
                    "mỗi 30 giây) hoặc một mã dự phòng chưa dùng."
                ),
            )
    return render(request, "backoffice/second_factor/verify.html", {"form": form, "subject": user})


def _enrol_subject(request):
    """Whose app is being enrolled, and the pending sign-in if it is part of one. At sign-in
    only an account with no app yet may enrol: the password alone never replaces an app."""
    state = pending.pending(request)
    if state is not None:
        user = state[0]
        if services.has_app(user):
            return None, state
        return user, state
    if request.user.is_authenticated and policy.back_office_account(request.user):
        return request.user, None
    return None, None


@never_cache
def enrol(request):
    """Add an authenticator app: scan the QR code or type the secret, then confirm with a
    code. At sign-in for an account with none; later from the security page to change phones."""
    user, state = _enrol_subject(request)
    if user is None:
        if state is not None:
            return redirect("backoffice:second_factor_verify")
        if request.user.is_authenticated:
            return render(request, "backoffice/officers_only.html", status=403)
        return _restart(request)
    key_hex = pending.secret(request, services.new_secret)
    replacing = state is None and services.has_app(user)
    form = EnrolForm(request.POST or None, replacing=replacing)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            # The old app's proof is asked (a recovery code spent) only once the new app's code
            # is right; a wrong new code is refused, and counted, by ``enrol``.
            proven = (
                not replacing
                or not services.code_fits(key_hex, code)
                or services.verify(user, form.cleaned_data["current_code"], request=request)
            )
            enrolled = (
                services.enrol(user, key_hex=key_hex, code=code, request=request)
                if proven
                else None
            )
        except services.Throttled as refused:
            form.add_error(None, services.wait_message(refused.wait))
        else:
            if not proven:
                form.add_error(
                    "current_code",
                    _(
                        "Mã của ứng dụng đang dùng chưa đúng. Nhập mã trên điện thoại cũ hoặc "
                        "một mã dự phòng chưa dùng."
                    ),
                )
            elif enrolled is not None:
                pending.forget_secret(request)
                codes = reverse("backoffice:second_factor_codes")
                if state is not None:
                    backend, next_url = state[1], state[2]
                    # Signing in may start a new session (another account was signed in):
                    # the codes are kept after it.
                    next_url = _sign_in(request, user, backend, enrolled.device, next_url)
                    pending.keep_codes(request, enrolled.recovery_codes)
                    return redirect(f"{codes}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
                # A signed-in officer changing phones: the other sessions ended with the old
                # app; this one now rests on the new app.
                keep_this_session(request)
                otp_login(request, enrolled.device)
                pending.keep_codes(request, enrolled.recovery_codes)
                return redirect(codes)
            else:
                form.add_error(
                    "code",
                    _(
                        "Mã chưa đúng. Hãy kiểm tra giờ trên điện thoại đúng giờ thực, rồi nhập "
                        "mã ứng dụng đang hiện cho tài khoản vừa thêm."
                    ),
                )
    device = TOTPDevice(user=user, key=key_hex)
    context = {
        "form": form,
        "subject": user,
        "at_sign_in": state is not None,
        "replacing": replacing,
        "secret": _grouped(device.bin_key),
        "required": policy.required_for(user),
    }
    return render(request, "backoffice/second_factor/enrol.html", context)


def _grouped(key: bytes) -> str:
    text = b32encode(key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
def enrol_qr(request):
    """The QR code of the secret being enrolled, as SVG made on the server (an <img>, so the
    page needs neither inline markup styles nor scripts)."""
    user = _enrol_subject(request)[0]
    if user is None:
        return HttpResponse(status=404)
    key_hex = pending.secret(request, services.new_secret)
    uri = TOTPDevice(user=user, key=key_hex).config_url
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    out = BytesIO()
    image.save(out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@back_office_required
@never_cache
def recovery_codes(request):
    """The recovery codes just made, shown this once."""
    codes = pending.take_codes(request)
    if not codes:
        return redirect("backoffice:security")
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("backoffice:home")
    return render(
        request,
        "backoffice/second_factor/recovery_codes.html",
        {"codes": codes, "next_url": next_url},
    )


@back_office_required
@never_cache
def security(request):
    """The officer's sign-in security: their app, how many recovery codes are left."""
    user = request.user
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    context = {
        "app": app,
        "codes_left": services.recovery_codes_left(user),
        "required": policy.required_for(user),
    }
    return render(request, "backoffice/second_factor/security.html", context)


@back_office_required
@require_POST
def new_recovery_codes(request):
    if not services.has_app(request.user):
        return redirect("backoffice:security")
    codes = services.regenerate_recovery_codes(request.user, request=request)
    # The old codes' removal ended the account's other sessions, not this one.
    keep_this_session(request)
    pending.keep_codes(request, codes)
    return redirect("backoffice:second_factor_codes")

"""Sign-ins, failed sign-ins and sign-outs, for every way in (citizen, officer, admin, the demo
identity provider, OpenID Connect): Django's own auth signals, which every one of them sends."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import services
from .models import AuditAction


def _where(request) -> dict:
    path = getattr(request, "path", "") if request is not None else ""
    return {"path": path[:200]} if path else {}


def signed_in(sender, request, user, **kwargs) -> None:
    services.note_session(user, AuditAction.SIGN_IN, "sign_in", **_where(request))


def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or "")
    username = username or str(credentials.get("username") or "")
    services.note_session(
        None, AuditAction.SIGN_IN_FAILED, "sign_in_failed", username=username, **_where(request)
    )


def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None and user.is_authenticated:
        services.note_session(user, AuditAction.SIGN_OUT, "sign_out", **_where(request))


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="audit.signed_in")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit.sign_in_failed")
    user_logged_out.connect(signed_out, dispatch_uid="audit.signed_out")

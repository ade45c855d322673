"""Self-registration of citizens on the portal: the account stays inactive until the one-time
code sent to its phone or e-mail is entered."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User, VerificationChannel, VerificationCode
from .services import register_citizen

CODE_LIFETIME = datetime.timedelta(minutes=15)
MAX_ATTEMPTS = 5


@transaction.atomic
def register(
    *,
    personal_id: str,
    full_name: str,
    date_of_birth: datetime.date,
    password: str,
    phone: str = "",
    email: str = "",
) -> User:
    """Create an inactive citizen account and send it a verification code."""
    if not phone and not email:
        raise ValidationError(_("Hãy nhập số điện thoại hoặc thư điện tử."), code="no_contact")
    candidate = User(username=personal_id, full_name=full_name, phone=phone, email=email)
    validate_password(password, candidate)
    user = register_citizen(
        personal_id=personal_id,
        full_name=full_name,
        date_of_birth=date_of_birth,
        password=password,
        phone=phone,
        email=email,
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    issue_code(user)
    return user


def issue_code(user: User) -> VerificationCode:
    """A fresh code, by e-mail when there is an address, otherwise kept for the SMS sender."""
    now = timezone.now()
    VerificationCode.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
    channel = VerificationChannel.EMAIL if user.email else VerificationChannel.PHONE
    code = VerificationCode.objects.create(
        user=user,
        channel=channel,
        destination=user.email or user.phone,
        code=f"{secrets.randbelow(10**6):06d}",
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    if channel == VerificationChannel.EMAIL:
        transaction.on_commit(lambda: _send_email(code))
    return code


def _send_email(code: VerificationCode) -> None:
    send_mail(
        _("Mã xác thực tài khoản Cổng dịch vụ công"),
        _(
            "Mã xác thực của bạn là %(code)s. Mã dùng được trong 15 phút. "
            "Nếu bạn không đăng ký tài khoản, hãy bỏ qua thư này."
        )
        % {"code": code.code},
        settings.DEFAULT_FROM_EMAIL,
        [code.destination],
    )


@transaction.atomic
def verify(user: User, entered: str) -> bool:
    """Activate ``user`` if ``entered`` is their live code; count a wrong try otherwise."""
    now = timezone.now()
    code = (
        VerificationCode.objects.select_for_update()
        .filter(user=user, used_at__isnull=True, expires_at__gt=now, attempts__lt=MAX_ATTEMPTS)
        .first()
    )
    if code is None:
        return False
    if not secrets.compare_digest(code.code, entered.strip()):
        code.attempts += 1
        code.save(update_fields=["attempts"])
        return False
    code.used_at = now
    code.save(update_fields=["used_at"])
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True

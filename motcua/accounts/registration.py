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
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User, VerificationChannel, VerificationCode
from .services import register_citizen
from .throttle import hit
from .validators import validate_personal_id

CODE_LIFETIME = datetime.timedelta(minutes=15)
# Wrong codes an account may enter in ATTEMPT_WINDOW, whatever the number of codes sent: a
# resend does not give new tries (#17 item 3).
MAX_ATTEMPTS = 5
ATTEMPT_WINDOW = datetime.timedelta(hours=1)
# Codes sent to an account in ATTEMPT_WINDOW: the first and two resends.
MAX_SENDS = 3


@transaction.atomic
def register(
    *,
    personal_id: str,
    full_name: str,
    date_of_birth: datetime.date,
    password: str,
    phone: str = "",
    email: str = "",
) -> User | None:
    """Create an inactive citizen account and send it a verification code; None when the
    identity number has an account already (its owner is told by e-mail)."""
    if not phone and not email:
        raise ValidationError(_("Hãy nhập số điện thoại hoặc thư điện tử."), code="no_contact")
    candidate = User(username=personal_id, full_name=full_name, phone=phone, email=email)
    validate_password(password, candidate)
    validate_personal_id(personal_id, date_of_birth)
    owner = User.objects.filter(
        Q(citizen_profile__personal_id=personal_id) | Q(username=personal_id)
    ).first()
    if owner is not None:
        # Answered like a new account by the caller (registration does not tell whether a
        # number has an account, #17 item 3); the owner is told instead.
        tell_owner(owner)
        return None
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


def tell_owner(owner: User) -> None:
    """Tell the owner of an identity number that someone tried to register it again (by
    e-mail, at most once an hour); their account is unchanged."""
    if not owner.email or not hit("registration-notice", str(owner.pk), limit=1, period=3600):
        return
    address = owner.email
    subject = _("Có người đăng ký tài khoản bằng số định danh của bạn")
    body = _(
        "Có người vừa dùng số định danh cá nhân của bạn để đăng ký tài khoản mới trên Cổng dịch "
        "vụ công. Số định danh này đã có tài khoản, nên không có tài khoản mới nào được tạo và "
        "tài khoản của bạn giữ nguyên. Nếu đó là bạn, hãy đăng nhập, hoặc đặt lại mật khẩu nếu "
        "bạn quên: %(url)s. Nếu không phải bạn, bạn không cần làm gì."
    ) % {"url": settings.SITE_URL + reverse("accounts:password_reset")}
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))


def sends_left(user: User, now=None) -> int:
    """How many more codes may be sent to ``user`` in the current hour."""
    since = (now or timezone.now()) - ATTEMPT_WINDOW
    return max(0, MAX_SENDS - user.verification_codes.filter(created_at__gt=since).count())


def attempts_left(user: User, now=None) -> int:
    """How many more wrong codes ``user`` may enter in the current hour (over all codes)."""
    since = (now or timezone.now()) - ATTEMPT_WINDOW
    spent = user.verification_codes.filter(created_at__gt=since).aggregate(n=Sum("attempts"))
    return max(0, MAX_ATTEMPTS - (spent["n"] or 0))


def issue_code(user: User) -> VerificationCode:
    """A fresh code, by e-mail when there is an address, otherwise kept for the SMS sender.
    Callers check ``sends_left`` first (the view refuses a resend over the limit)."""
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
    if code is None or attempts_left(user, now) <= 0:
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

"""Assisted online filing (nộp trực tuyến có hỗ trợ): before a desk officer may file online under
an applicant's account, the applicant shows they are at the counter and agree — by signing in
with their own account (VNeID at the counter) and confirming, or by reading out a one-time code
sent to the phone of their account. The code is stored hashed, tried at most ``MAX_ATTEMPTS``
times and expires; a consent then lasts ``CONSENT_LIFETIME`` for that officer at that desk."""

from __future__ import annotations

import datetime
import hmac
import logging
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.audit import services as audit

from ..access import desk_capacity
from ..errors import NotPermitted, RuleViolation
from ..models import AssistedConsent, ConsentMethod

logger = logging.getLogger(__name__)

CODE_LIFETIME = datetime.timedelta(minutes=10)
CONSENT_LIFETIME = datetime.timedelta(hours=1)
MAX_ATTEMPTS = 3
# Codes sent to one applicant within an hour, whoever asks (the phone is not flooded).
MAX_SENDS_PER_HOUR = 3


def _hash(consent_token: str, code: str) -> str:
    return salted_hmac(
        "motcua.assisted-consent", f"{consent_token}:{code}", algorithm="sha256"
    ).hexdigest()


def _masked(phone: str) -> str:
    digits = "".join(phone.split())
    return f"{'*' * max(0, len(digits) - 3)}{digits[-3:]}"


def start_consent(
    *, officer, unit, applicant, method: str, at: datetime.datetime | None = None
) -> AssistedConsent:
    """Ask ``applicant`` to agree that ``officer`` files for them at ``unit`` (a desk of the
    officer). With ``ConsentMethod.CODE`` a code goes to the account's phone by SMS."""
    desk_capacity(officer, unit)
    if applicant is None or not applicant.is_applicant or not applicant.is_active:
        raise RuleViolation(
            _("Không tìm thấy tài khoản công dân, tổ chức đang hoạt động trên Cổng."),
            code="no_account",
        )
    now = at or timezone.now()
    token = secrets.token_urlsafe(24)
    consent = AssistedConsent(
        officer=officer,
        applicant=applicant,
        unit=unit,
        method=method,
        token=token,
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    code = ""
    if method == ConsentMethod.CODE:
        if not applicant.phone:
            raise RuleViolation(
                _(
                    "Tài khoản này chưa có số điện thoại để nhận mã đồng ý; hãy để công dân đăng "
                    "nhập (VNeID) để xác nhận."
                ),
                code="no_phone",
            )
        recent = AssistedConsent.objects.filter(
            applicant=applicant,
            method=ConsentMethod.CODE,
            created_at__gt=now - datetime.timedelta(hours=1),
        ).count()
        if recent >= MAX_SENDS_PER_HOUR:
            raise RuleViolation(
                _("Đã gửi quá nhiều mã đồng ý cho tài khoản này; hãy thử lại sau một giờ."),
                code="too_many_codes",
            )
        code = f"{secrets.randbelow(10**6):06d}"
        consent.code_hash = _hash(token, code)
        consent.sent_to = _masked(applicant.phone)
    with transaction.atomic():
        consent.save()
        audit.record(
            actor=officer, verb="assisted_consent_asked", obj=consent, at=now, method=method
        )
        if code:
            text = _(
                "Mã đồng ý %(code)s: cán bộ %(unit)s nộp hồ sơ trực tuyến cùng bạn bằng tài khoản "
                "của bạn. Chỉ đọc mã này cho cán bộ khi bạn đang có mặt tại quầy. Mã hết hạn sau "
                "10 phút."
            ) % {"code": code, "unit": unit.display_name}
            phone = "".join(applicant.phone.split())
            transaction.on_commit(lambda: _send_sms(phone, text))
    return consent


def _send_sms(phone: str, text: str) -> None:
    # The notification plugin of the SMS channel (the demo one logs the message); sent at once,
    # because the applicant waits at the counter for it.
    from motcua.notifications import conf
    from motcua.notifications.constants import Channel
    from motcua.notifications.messages import fold_vietnamese
    from motcua.notifications.registry import registry

    try:
        provider = registry.get(conf.provider_for(Channel.SMS))
        provider.send(recipient=phone, subject="", body=fold_vietnamese(text))
    except Exception:  # the officer sends a new code; the consent itself is unaffected
        logger.warning("assisted consent: SMS not sent", exc_info=True)


def _usable(consent: AssistedConsent, now) -> None:
    if consent.granted_at is not None:
        return
    if consent.expires_at <= now:
        raise RuleViolation(_("Mã đồng ý đã hết hạn; hãy gửi mã mới."), code="consent_expired")
    if consent.attempts >= MAX_ATTEMPTS:
        raise RuleViolation(
            _("Đã nhập sai mã quá %(n)s lần; hãy gửi mã mới.") % {"n": MAX_ATTEMPTS},
            code="consent_attempts",
        )


def verify_code(
    consent: AssistedConsent, *, officer, entered: str, at: datetime.datetime | None = None
) -> bool:
    """The officer types the code the applicant reads out. A wrong code counts one attempt
    (kept even though the answer is "no"); refused outright when expired or used up."""
    now = at or timezone.now()
    with transaction.atomic():
        locked = AssistedConsent.objects.select_for_update().get(pk=consent.pk)
        if locked.officer_id != officer.pk or locked.method != ConsentMethod.CODE:
            raise NotPermitted(
                _("Bạn không có quyền thực hiện thao tác này."), code="not_permitted"
            )
        _usable(locked, now)
        if locked.granted_at is not None:
            return True
        if not hmac.compare_digest(locked.code_hash, _hash(locked.token, entered.strip())):
            locked.attempts += 1
            locked.save(update_fields=["attempts"])
            audit.record(actor=officer, verb="assisted_consent_wrong_code", obj=locked, at=now)
            return False
        _grant(locked, officer, now)
    consent.refresh_from_db()
    return True


def confirm_by_signin(
    token: str, *, applicant, at: datetime.datetime | None = None
) -> AssistedConsent:
    """The applicant, signed in with their own account, confirms the officer's request."""
    now = at or timezone.now()
    with transaction.atomic():
        consent = (
            AssistedConsent.objects.select_for_update()
            .select_related("unit", "officer")
            .filter(token=token, applicant=applicant, method=ConsentMethod.SIGNIN)
            .first()
        )
        if consent is None:
            raise AssistedConsent.DoesNotExist
        _usable(consent, now)
        if consent.granted_at is None:
            _grant(consent, applicant, now)
    return consent


def _grant(consent: AssistedConsent, actor, now) -> None:
    consent.granted_at = now
    consent.expires_at = now + CONSENT_LIFETIME
    consent.save(update_fields=["granted_at", "expires_at"])
    audit.record(
        actor=actor, verb="assisted_consent_given", obj=consent, at=now, method=consent.method
    )


def live_consent(*, officer, applicant, unit, at=None) -> AssistedConsent | None:
    now = at or timezone.now()
    return (
        AssistedConsent.objects.filter(
            officer=officer,
            applicant=applicant,
            unit=unit,
            granted_at__isnull=False,
            expires_at__gt=now,
        )
        .order_by("-granted_at")
        .first()
    )


def require_consent(*, officer, applicant, unit, at=None) -> AssistedConsent:
    consent = live_consent(officer=officer, applicant=applicant, unit=unit, at=at)
    if consent is None:
        raise NotPermitted(
            _(
                "Chưa có xác nhận đồng ý của chủ hồ sơ (đăng nhập VNeID hoặc mã gửi qua tin "
                "nhắn), hoặc xác nhận đã hết hạn: không thể nộp thay."
            ),
            code="no_consent",
        )
    return consent


def assisted_data(officer, capacity) -> dict:
    """What the history row of an assisted filing keeps about the officer."""
    unit = capacity.unit if capacity is not None else None
    return {
        "assisted_by": officer.pk,
        "assisted_by_name": officer.get_full_name(),
        "assisted_unit": unit.pk if unit is not None else None,
        "assisted_unit_name": unit.name if unit is not None else "",
    }

"""Use cases that create and change accounts."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import BusinessKind, BusinessProfile, CitizenProfile, User, UserKind
from .validators import normalize_phone, validate_personal_id


def _new_user(*, username: str, password: str | None, kind: str, **fields) -> User:
    if User.objects.filter(username=username).exists():
        # Citizens never chose a username (theirs is the personal ID): name no field.
        raise ValidationError(
            _("“%(username)s” đã được dùng cho một tài khoản khác.") % {"username": username},
            code="username_taken",
        )
    if fields.get("phone"):
        fields["phone"] = normalize_phone(fields["phone"])
    user = User(username=username, kind=kind, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def register_citizen(
    *,
    personal_id: str,
    full_name: str,
    date_of_birth: datetime.date,
    password: str | None,
    username: str | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    vneid_verified: bool = False,
) -> User:
    """Create a citizen account with its profile. The personal ID is the default username."""
    validate_personal_id(personal_id, date_of_birth)
    if CitizenProfile.objects.filter(personal_id=personal_id).exists():
        raise ValidationError(
            _("Số định danh cá nhân này đã có tài khoản."), code="personal_id_taken"
        )
    user = _new_user(
        username=username or personal_id,
        password=password,
        kind=UserKind.CITIZEN,
        full_name=full_name,
        phone=phone,
        email=email,
    )
    CitizenProfile.objects.create(
        user=user,
        personal_id=personal_id,
        date_of_birth=date_of_birth,
        address=address,
        vneid_verified=vneid_verified,
    )
    return user


@transaction.atomic
def register_business(
    *,
    tax_code: str,
    name: str,
    password: str | None,
    username: str | None = None,
    kind: str = BusinessKind.ENTERPRISE,
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    legal_representative: str = "",
) -> User:
    """Create an organisation account (doanh nghiệp, hộ kinh doanh) with its profile."""
    profile = BusinessProfile(
        name=name,
        kind=kind,
        tax_code=tax_code,
        address=address,
        legal_representative=legal_representative,
    )
    profile.full_clean(exclude=["user"])
    user = _new_user(
        username=username or tax_code,
        password=password,
        kind=UserKind.BUSINESS,
        full_name=contact_name or name,
        phone=phone,
        email=email,
    )
    profile.user = user
    profile.save()
    return user


@transaction.atomic
def create_officer(
    *,
    username: str,
    full_name: str,
    password: str | None,
    email: str = "",
    phone: str = "",
    is_superuser: bool = False,
) -> User:
    """Create an officer account (cán bộ, công chức). Roles are given per unit with
    ``agencies.services.assign_role``."""
    user = _new_user(
        username=username,
        password=password,
        kind=UserKind.OFFICER,
        full_name=full_name,
        email=email,
        phone=phone,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    return user


def set_preferred_language(user: User, language: str) -> None:
    """Save the interface language a signed-in person chose (ngôn ngữ giao diện); it wins over
    the cookie and the default on every later visit, on any device."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Ngôn ngữ không được hỗ trợ."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])

"""Sign-in with VNeID (OpenID Connect, relying party): the account is matched, or created, by the
personal identification number claim, and marked "identity verified by VNeID" (766 indicator
4.5b). Only citizen accounts sign in this way; officers never do."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .backends import signed_in_user
from .models import CitizenProfile, User, UserKind
from .services import register_citizen
from .validators import validate_personal_id


def _personal_id(claims) -> str:
    return str(claims.get(settings.OIDC_PERSONAL_ID_CLAIM) or "").strip()


def _birthdate(claims) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(claims.get("birthdate") or ""))
    except ValueError:
        return None


class VneidBackend(OIDCAuthenticationBackend):
    def get_user(self, user_id):
        return signed_in_user(user_id)

    def verify_claims(self, claims) -> bool:
        personal_id, birthdate = _personal_id(claims), _birthdate(claims)
        if not personal_id or birthdate is None:
            return False
        try:
            validate_personal_id(personal_id, birthdate)
        except ValidationError:
            return False
        return True

    def filter_users_by_claims(self, claims):
        return User.objects.filter(
            kind=UserKind.CITIZEN, citizen_profile__personal_id=_personal_id(claims)
        )

    @transaction.atomic
    def create_user(self, claims):
        user = register_citizen(
            personal_id=_personal_id(claims),
            full_name=str(claims.get("name") or "").strip() or _personal_id(claims),
            date_of_birth=_birthdate(claims),
            password=None,
            phone=str(claims.get("phone_number") or ""),
            email=str(claims.get("email") or ""),
            address=str((claims.get("address") or {}).get("formatted") or ""),
            vneid_verified=True,
        )
        return self._mark_verified(user)

    def update_user(self, user, claims):
        return self._mark_verified(user)

    def _mark_verified(self, user):
        CitizenProfile.objects.filter(user=user).update(
            vneid_verified=True, vneid_verified_at=timezone.now()
        )
        user.citizen_profile.refresh_from_db()
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None or not user.is_active or user.kind != UserKind.CITIZEN:
            return None
        return user

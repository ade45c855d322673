"""Sign-in with whatever identifier the person remembers: username, phone number, e-mail or
personal identification number."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from motcua.compiled_queries import CompiledQuery

from . import signin_limits
from .models import User
from .validators import normalize_phone


def _account(user_id):
    # As ``get``: no order; more than one row (never: the key is unique) is an error.
    return (
        User._default_manager.select_related("citizen_profile", "business_profile")
        .filter(pk=user_id)
        .order_by()[:2]
    )


# Read on every signed-in request: compiled once per process (``CompiledQuery``), not built and
# compiled by the ORM each time (#18: a tenth of the officer's dossier page's CPU).
_accounts = CompiledQuery(User, _account)


def signed_in_user(user_id) -> User | None:
    """The account of a session with its applicant profile (citizen or business) in the same
    query: the portal reads it on every step of a filing (``Applicant.from_account``)."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        # Not the key as the session gives it (Django converts it to an int first).
        try:
            return _account(user_id).get()
        except User.DoesNotExist:
            return None
    found = _accounts.objects(user_id)
    if len(found) > 1:
        raise User.MultipleObjectsReturned(f"{len(found)} accounts with key {user_id}")
    return found[0] if found else None


class IdentifierBackend(ModelBackend):
    def get_user(self, user_id):
        user = signed_in_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        identifier = username.strip()
        query = Q(username=identifier) | Q(citizen_profile__personal_id=identifier)
        if "@" in identifier:
            query |= Q(email__iexact=identifier)
        phone = normalize_phone(identifier)
        if phone.isdigit() and len(phone) == 10:
            query |= Q(phone=phone)
        candidates = list(User.objects.filter(query).distinct()[:2])
        one = candidates[0] if len(candidates) == 1 else None
        account = signin_limits.account_key(one.pk if one else None, identifier)
        # While a back-off runs the password is not even checked (SignInThrottled is a
        # PermissionDenied: authenticate() stops there and reports a failed sign-in).
        signin_limits.check(request, account)
        if one is None:
            # Unknown, or ambiguous (two accounts share a phone): run the hasher anyway so the
            # timing does not tell which.
            User().set_password(password)
            signin_limits.failed(request, account)
            return None
        if one.check_password(password) and self.user_can_authenticate(one):
            signin_limits.succeeded(request, account)
            return one
        signin_limits.failed(request, account)
        return None

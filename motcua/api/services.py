"""Use cases of API clients: create one (its secret shown once), change what it may see, revoke
it. Each is one transaction with its audit row; the admin and ``manage.py api_client`` call
these."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, RefreshToken, get_application_model

from motcua.accounts import services as accounts
from motcua.agencies import selectors as agency_selectors
from motcua.agencies import services as agency_services
from motcua.agencies.constants import Role
from motcua.audit import services as audit

from .constants import Scope
from .models import ApiClient


@dataclass(frozen=True)
class Issued:
    """A new client and its secret: the secret is stored hashed and never shown again."""

    client: ApiClient
    client_secret: str


def checked_grants(name: str, agencies, scopes) -> tuple[str, list, list[str]]:
    """The name, agencies and scopes as stored; ValidationError by field when they will not do."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Hãy đặt tên cho hệ thống kết nối.")
    unknown = sorted(set(scopes) - set(Scope.values))
    if unknown:
        errors["scopes"] = _("Phạm vi không có: %(scopes)s.") % {"scopes": ", ".join(unknown)}
    elif not scopes:
        errors["scopes"] = _("Hãy cấp ít nhất một phạm vi quyền.")
    agencies = list(agencies)
    needs_agency = set(scopes) - {Scope.CATALOG_READ}
    if needs_agency and not agencies:
        errors["agencies"] = _("Phạm vi %(scopes)s cần gắn ít nhất một cơ quan.") % {
            "scopes": ", ".join(sorted(needs_agency))
        }
    if errors:
        raise ValidationError(errors)
    # Kept in the order of the Scope list, whatever order they were given in.
    return name, agencies, [s for s in Scope.values if s in set(scopes)]


@transaction.atomic
def create_client(*, actor, name: str, agencies, scopes, contact: str = "", roles=()) -> Issued:
    """A confidential OAuth2 application of grant type client-credentials and its ApiClient,
    with the officer account it acts as (no password: it never signs in). ``roles`` are given
    to that account at each of ``agencies`` from today; more are given in the administration
    (Phân công), like any officer's."""
    name, agencies, scopes = checked_grants(name, agencies, scopes)
    unknown = sorted(set(roles) - set(Role.values))
    if unknown:
        raise ValidationError(
            {"roles": _("Vai trò không có: %(roles)s.") % {"roles": ", ".join(unknown)}}
        )
    application_model = get_application_model()
    secret = generate_client_secret()
    application = application_model.objects.create(
        name=name,
        client_type=application_model.CLIENT_CONFIDENTIAL,
        authorization_grant_type=application_model.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,  # hashed on save (hash_client_secret)
        user=None,
    )
    officer = accounts.create_officer(
        username=f"api.{application.client_id[:12].lower()}",
        full_name=_("%(name)s (hệ thống kết nối)") % {"name": name},
        password=None,
    )
    for agency in agencies:
        for role in roles:
            agency_services.assign_role(
                officer, unit=agency, role=role, valid_from=agency_selectors.today()
            )
    client = ApiClient.objects.create(
        application=application,
        officer=officer,
        scopes=scopes,
        contact=(contact or "").strip(),
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    client.agencies.set(agencies)
    audit.record(
        actor=actor,
        verb="create_api_client",
        obj=client,
        client_id=application.client_id,
        scopes=scopes,
        agencies=[a.code or str(a.pk) for a in agencies],
        roles=list(roles),
    )
    return Issued(client=client, client_secret=secret)


@transaction.atomic
def change_grants(client: ApiClient, *, actor, agencies, scopes, contact: str | None = None):
    """New agencies and scopes for a client. Tokens already issued keep the scopes they were
    issued with until they expire; the agencies apply to the next call."""
    _name, agencies, scopes = checked_grants(client.application.name, agencies, scopes)
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Hệ thống kết nối này đã bị thu hồi."))
    locked.scopes = scopes
    fields = ["scopes"]
    if contact is not None:
        locked.contact = contact.strip()
        fields.append("contact")
    locked.save(update_fields=fields)
    locked.agencies.set(agencies)
    audit.record(
        actor=actor,
        verb="change_api_client",
        obj=locked,
        scopes=scopes,
        agencies=[a.code or str(a.pk) for a in agencies],
    )
    return locked


@transaction.atomic
def revoke_client(client: ApiClient, *, actor, reason: str = "") -> ApiClient:
    """Revoke at once: its tokens are deleted and its secret replaced by one nobody knows, so
    no token endpoint issues it another; the API refuses a revoked client's token in any case.
    Revoking twice changes nothing."""
    locked = ApiClient.objects.select_for_update().select_related("application").get(pk=client.pk)
    if locked.revoked_at is not None:
        return locked
    now = timezone.now()
    application = locked.application
    RefreshToken.objects.filter(application=application).delete()
    AccessToken.objects.filter(application=application).delete()
    application.client_secret = generate_client_secret()
    application.save(update_fields=["client_secret"])
    locked.revoked_at = now
    locked.revoked_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.revoke_reason = (reason or "").strip()
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(
        actor=actor,
        verb="revoke_api_client",
        obj=locked,
        reason=locked.revoke_reason,
        at=now,
        client_id=application.client_id,
    )
    return locked

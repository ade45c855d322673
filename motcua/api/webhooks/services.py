"""Use cases of webhook subscribers: register one (its secret shown once), stop or restart it.
Each is one transaction with its audit row; the admin and ``manage.py webhooks`` call these."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit

from ..constants import Scope
from ..models import ApiClient
from ..models_webhooks import WebhookEvent, WebhookSubscriber
from . import signing


@dataclass(frozen=True)
class Registered:
    subscriber: WebhookSubscriber
    secret: str


def checked(client: ApiClient, name: str, url: str, events) -> tuple[str, str, list[str]]:
    """The name, URL and events as stored; ValidationError by field when they will not do."""
    errors = {}
    name = (name or "").strip()
    url = (url or "").strip()
    if not name:
        errors["name"] = _("Hãy đặt tên cho nơi nhận thông báo.")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        errors["url"] = _("Địa chỉ nhận phải là một URL http hoặc https.")
    events = list(events or [])
    unknown = sorted(set(events) - set(WebhookEvent.values))
    if unknown:
        errors["events"] = _("Sự kiện không có: %(events)s.") % {"events": ", ".join(unknown)}
    elif not events:
        errors["events"] = _("Hãy chọn ít nhất một sự kiện.")
    if client.revoked_at is not None:
        errors["client"] = _("Hệ thống kết nối này đã bị thu hồi.")
    elif Scope.DOSSIERS_READ not in client.scopes:
        errors["client"] = _("Hệ thống kết nối cần phạm vi dossiers:read để nhận thông báo hồ sơ.")
    if errors:
        raise ValidationError(errors)
    return name, url, [e for e in WebhookEvent.values if e in set(events)]


@transaction.atomic
def register(*, actor, client: ApiClient, name: str, url: str, events, secret: str = ""):
    """A new subscriber of ``client``; ``secret`` is generated unless given."""
    name, url, events = checked(client, name, url, events)
    secret = (secret or "").strip() or signing.new_secret()
    subscriber = WebhookSubscriber.objects.create(
        client=client,
        name=name,
        url=url,
        events=events,
        secret=secret,
        created_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        verb="register_webhook",
        obj=subscriber,
        client_id=client.client_id,
        url=url,
        events=events,
    )
    return Registered(subscriber=subscriber, secret=secret)


@transaction.atomic
def change(subscriber: WebhookSubscriber, *, actor, url: str, events, active: bool):
    """New URL, events or state; stopping a subscriber is always allowed, even when its client
    was revoked. Deliveries already queued stay and are still sent."""
    if active:
        _name, url, events = checked(subscriber.client, subscriber.name, url, events)
    else:
        url, events = subscriber.url, subscriber.events
    locked = WebhookSubscriber.objects.select_for_update().get(pk=subscriber.pk)
    locked.url, locked.events, locked.active = url, events, active
    locked.save(update_fields=["url", "events", "active"])
    audit.record(
        actor=actor, verb="change_webhook", obj=locked, url=url, events=events, active=active
    )
    return locked

"""Who reaches what — the one access module of the counter app.

- The kiosk, a printed ticket and the board are public, each bound to a service centre that
  runs a one-stop desk and has an open counter; anything else is "not found".
- The tablet is a device, not a person: it names its counter and the device token the
  administrator issued (only the token's hash is stored); a wrong token is "not found".
- Desk officers of the centre (COUNTER_ROLES, on the day) sit at its counters and call numbers;
  at one counter at a time, and only the officer sitting there acts on it.
- Managers and agency leaders (REPORT_ROLES) of the centre or of an agency above it read its
  report.
"""

from __future__ import annotations

import hashlib
import hmac

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agencies
from motcua.agencies.models import Agency

from .constants import COUNTER_ROLES, REPORT_ROLES
from .errors import NotPermitted
from .models import Counter, CounterSession


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def public_centre(centre_id: int) -> Agency:
    """The centre a kiosk or board shows; Agency.DoesNotExist unless it runs a desk today and
    has an open counter."""
    return (
        Agency.objects.active_on(timezone.localdate())
        .with_desk()
        .filter(counters__is_open=True)
        .distinct()
        .get(pk=centre_id)
    )


def counter_by_token(counter_id: int, token: str) -> Counter:
    """The counter whose tablet holds ``token``; Counter.DoesNotExist otherwise."""
    counter = Counter.objects.select_related("centre").get(pk=counter_id)
    if not counter.device_token_hash or not hmac.compare_digest(
        counter.device_token_hash.encode(), token_hash(token).encode()
    ):
        raise Counter.DoesNotExist
    return counter


def staffed_units(user) -> list[int]:
    """Ids of the units where ``user`` may sit at a counter today."""
    if not getattr(user, "is_officer", False):
        return []
    return [m.unit_id for m in agencies.active_memberships(user) if m.role in COUNTER_ROLES]


def counters_for(user):
    """The open counters ``user`` may sit at."""
    return (
        Counter.objects.filter(centre_id__in=staffed_units(user), is_open=True)
        .select_related("centre")
        .prefetch_related("fields")
    )


def may_sit(user, counter: Counter) -> bool:
    return counter.is_open and counter.centre_id in staffed_units(user)


def require_sitting(user, counter: Counter) -> CounterSession:
    """The open session of ``user`` at ``counter``; NotPermitted if they are not sitting there
    (or no longer hold a counter role in its centre)."""
    session = CounterSession.objects.filter(
        counter=counter, officer=user, ended_at__isnull=True
    ).first()
    if session is None or not may_sit(user, counter):
        raise NotPermitted(
            _("Bạn không ngồi tại %(counter)s nên không thể gọi số ở quầy này.")
            % {"counter": counter.label},
            code="not_sitting",
        )
    return session


def report_centres(user) -> list[Agency]:
    """Centres with counters whose report ``user`` may read: in the subtree of a unit where
    they are a manager or an agency leader today."""
    if not getattr(user, "is_officer", False):
        return []
    paths = tuple(m.unit.path for m in agencies.active_memberships(user) if m.role in REPORT_ROLES)
    if not paths:
        return []
    centres = Agency.objects.filter(pk__in=Counter.objects.values("centre_id")).order_by("path")
    return [centre for centre in centres if centre.path.startswith(paths)]

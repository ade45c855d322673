"""Writing the audit trail.

- ``record``: an act (a change, an export), inserted at once inside the act's transaction, so
  the entry exists if and only if the act happened.
- ``note_read``: an officer's (or a connected system's) read of personal data. During a request
  the entries wait on the request and ``AuditMiddleware`` inserts them in one query after the
  response is built; outside a request they are inserted at once. ``note_list_read``: a list
  of dossiers with applicants' names shown (a queue page, a name search), one entry a page.
- ``note_sign_in`` and the others in ``signals.py``: sign-ins, failed sign-ins, sign-outs.
- ``note_denied``: a signed-in user refused an object that exists (the access functions).

Every entry carries the address and browser of the request it came from, when there is one."""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from motcua.agencies.selectors import active_memberships

from . import chain
from .models import AuditAction, AuditEntry

USER_AGENT_LENGTH = 200
DOSSIER_LABEL = "dossiers.dossier"


@dataclass
class RequestContext:
    """What the audit knows of the request being served."""

    ip: str = ""
    user_agent: str = ""
    pending: list[AuditEntry] = field(default_factory=list)


_current: ContextVar[RequestContext | None] = ContextVar("motcua_audit_request", default=None)


def context_of(request) -> RequestContext:
    meta = getattr(request, "META", None) or {}
    return RequestContext(
        ip=meta.get("REMOTE_ADDR", "")[:45],
        user_agent=meta.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
    )


def begin_request(request):
    """Start collecting for ``request``; returns the token ``end_request`` needs."""
    return _current.set(context_of(request))


def end_request(token) -> None:
    """Insert what the request noted (one query) and forget the request."""
    context = _current.get()
    _current.reset(token)
    if context is None or not context.pending:
        return
    if len(context.pending) == 1:
        # One plain INSERT: bulk_create would wrap it in BEGIN … COMMIT, two more round trips
        # on every officer page.
        context.pending[0].save(force_insert=True)
    else:
        AuditEntry.objects.bulk_create(context.pending)


def _normalised(data: dict) -> dict:
    """``data`` as the database gives it back, so that the digest can be recomputed."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def build(
    *,
    actor,
    action: str,
    verb: str,
    object_type: str,
    object_id: str,
    dossier_code: str = "",
    reason: str = "",
    at=None,
    data: dict | None = None,
) -> AuditEntry:
    """An unsaved entry with its content digest, stamped with the current request's origin."""
    context = _current.get()
    entry = AuditEntry(
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        verb=verb[:60],
        object_type=object_type[:60],
        object_id=str(object_id)[:60],
        dossier_code=(dossier_code or "")[:40],
        reason=reason,
        data=_normalised(data or {}),
        ip=context.ip if context else "",
        user_agent=context.user_agent if context else "",
    )
    entry.digest = chain.digest_of(entry)
    return entry


def _dossier_code(obj, dossier) -> str:
    if dossier is not None:
        return dossier.code or ""
    if obj is not None and obj._meta.label_lower == DOSSIER_LABEL:
        return obj.code or ""
    return ""


def record(
    *,
    actor,
    verb: str,
    obj,
    action: str = AuditAction.CHANGE,
    reason: str = "",
    at=None,
    in_dossier=None,
    **data,
) -> AuditEntry:
    """``in_dossier``: the dossier ``obj`` belongs to, when ``obj`` is not the dossier itself
    (callers already pass ``dossier`` as a detail)."""
    entry = build(
        actor=actor,
        action=action,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        dossier_code=_dossier_code(obj, in_dossier),
        reason=reason,
        at=at,
        data=data,
    )
    entry.save(force_insert=True)
    return entry


def _defer(entry: AuditEntry) -> AuditEntry:
    context = _current.get()
    if context is None:
        entry.save(force_insert=True)
    else:
        context.pending.append(entry)
    return entry


def _units(user) -> list[str]:
    """The units an officer works in, as read for the request's access checks (memoised on
    the user object, so no query when the access function already ran)."""
    if not getattr(user, "is_officer", False):
        return []
    return sorted({membership.unit.name for membership in active_memberships(user)})


def note_read(user, verb: str, obj, *, dossier=None, **data) -> AuditEntry:
    """``user`` read ``obj`` (of ``dossier``): written after the response (one query)."""
    units = _units(user)
    if units:
        data["units"] = units
    return _defer(
        build(
            actor=user,
            action=AuditAction.VIEW,
            verb=verb,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            dossier_code=_dossier_code(obj, dossier),
            data=data,
        )
    )


def note_list_read(user, verb: str, codes: list[str], *, search: str = "", **criteria):
    """``user`` was shown a list of dossiers with their applicants' names (a work queue, a
    search by name): one entry per page, naming the dossiers shown, the text searched and the
    other criteria, written after the response with the request's other entries (one query).
    Nothing when the page showed no dossier and no name was searched."""
    if not codes and not search:
        return None
    asked = {key: str(value) for key, value in criteria.items() if value}
    if search:
        asked["search"] = search
    data = {"codes": list(codes), **asked}
    units = _units(user)
    if units:
        data["units"] = units
    return _defer(
        build(
            actor=user,
            action=AuditAction.VIEW,
            verb=verb,
            object_type=DOSSIER_LABEL,
            object_id="",
            data=data,
        )
    )


def note_denied(user, object_type: str, object_id: str, *, dossier_code: str = "", **data):
    """``user`` asked for an object that exists but is not theirs to see."""
    return _defer(
        build(
            actor=user,
            action=AuditAction.DENIED,
            verb="denied",
            object_type=object_type,
            object_id=object_id,
            dossier_code=dossier_code,
            data=data,
        )
    )


def note_session(user, action: str, verb: str, *, username: str = "", **data) -> AuditEntry:
    """A sign-in, failed sign-in or sign-out; ``username`` is what was typed when it failed."""
    if username:
        data["username"] = username[:150]
    return _defer(
        build(
            actor=user,
            action=action,
            verb=verb,
            object_type="accounts.user",
            object_id=str(user.pk) if getattr(user, "pk", None) else "",
            data=data,
        )
    )


def record_export(actor, *, count: int, **criteria) -> AuditEntry:
    """An export of the audit trail itself (``manage.py audit export`` or the admin)."""
    entry = build(
        actor=actor,
        action=AuditAction.EXPORT,
        verb="audit_export",
        object_type="audit.auditentry",
        object_id="",
        dossier_code=criteria.get("dossier_code", ""),
        data={"count": count, **criteria},
    )
    entry.save(force_insert=True)
    return entry

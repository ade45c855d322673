"""Looking a citizen up in the population register (tra cứu CSDL quốc gia về dân cư): the one use
case every interface calls. It refuses before any call when the person's consent is missing
(and records the refusal), lets a citizen look up only their own number, calls the configured
plugin outside any transaction, and records every look-up — a ``RegisterLookup`` row and an
audit entry in one transaction (Law 91/2025/QH15 on personal data: who, when, why, what)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.audit.models import AuditAction
from motcua.dossiers.constants import SourceDatabase
from motcua.integrations.models import LookupOutcome, RegisterLookup

from . import registry
from .base import NotFound, Person, Query, Refused, RegisterError, Unavailable
from .constants import ID_LENGTH

REASON_MAX = 255
_SALT = "motcua.population.lookup"
TOKEN_MAX_AGE = 24 * 3600  # a look-up fills the form received the same day


class LookupNotAllowed(Exception):
    """The actor may not look this number up (a citizen asking about someone else)."""


class BadRequest(Exception):
    """The request cannot be sent as given; ``message`` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Result:
    record: RegisterLookup
    person: Person | None
    message: str  # what to tell the user, whatever the outcome

    @property
    def found(self) -> bool:
        return self.person is not None

    @property
    def token(self) -> str:
        """A signed reference to this look-up, carried by the form it filled (``source_of``)."""
        return signing.dumps({"l": self.record.pk, "n": self.record.id_number}, salt=_SALT)


def _is_officer(user) -> bool:
    return bool(getattr(user, "is_officer", False))


def _own_number(user) -> str:
    profile = getattr(user, "citizen_profile", None)
    return profile.personal_id if profile is not None else ""


def may_look_up_own(user) -> bool:
    """A citizen may fill an online application from the register when their account was
    verified with VNeID (level 2) and holds their personal identity number."""
    profile = getattr(user, "citizen_profile", None)
    return bool(
        profile is not None
        and profile.vneid_verified
        and len(profile.personal_id) == ID_LENGTH
        and profile.personal_id.isdigit()
    )


def clean_number(text: str) -> str:
    number = (text or "").replace(" ", "").strip()
    if len(number) != ID_LENGTH or not number.isdigit():
        raise BadRequest(_("Số định danh cá nhân phải gồm đúng 12 chữ số."))
    return number


def lookup(
    *,
    actor,
    id_number: str,
    reason: str,
    consent: bool,
    consent_method: str,
    dossier=None,
) -> Result:
    """Look ``id_number`` up for ``actor`` (a desk officer, or a citizen for themselves).
    Raises BadRequest for a number or reason that cannot be sent, LookupNotAllowed for a
    citizen asking about another number; every other outcome is recorded and returned."""
    number = clean_number(id_number)
    reason = " ".join((reason or "").split())[:REASON_MAX]
    officer = _is_officer(actor)
    if not officer and not (may_look_up_own(actor) and number == _own_number(actor)):
        raise LookupNotAllowed
    if not consent:
        record = _record(
            actor, number, reason, consent, consent_method, dossier, LookupOutcome.NO_CONSENT
        )
        return Result(record, None, _no_consent_message())
    if len(reason) < 3:
        raise BadRequest(_("Hãy ghi lý do tra cứu (ví dụ: tiếp nhận hồ sơ thủ tục …)."))
    plugin = registry.current()
    request_id = uuid.uuid4().hex
    query = Query(
        id_number=number,
        reason=reason,
        consent_method=consent_method,
        requested_by=actor.get_username(),
        request_id=request_id,
    )
    person, outcome, error = None, LookupOutcome.FOUND, ""
    try:
        person = plugin.lookup(query)  # outside any transaction: a network call
    except NotFound:
        outcome = LookupOutcome.NOT_FOUND
    except Unavailable as failure:
        outcome, error = LookupOutcome.UNAVAILABLE, failure.detail
    except Refused as failure:
        outcome, error = LookupOutcome.REFUSED, failure.detail
    except RegisterError as failure:  # a plugin's own subclass: treat as down
        outcome, error = LookupOutcome.UNAVAILABLE, failure.detail
    record = _record(
        actor,
        number,
        reason,
        consent,
        consent_method,
        dossier,
        outcome,
        provider=plugin.identifier,
        fields=list(person.fields) if person else [],
        error=error,
        request_id=request_id,
    )
    return Result(record, person, _message(outcome, number))


def _record(
    actor,
    number,
    reason,
    consent,
    consent_method,
    dossier,
    outcome,
    *,
    provider="",
    fields=(),
    error="",
    request_id="",
) -> RegisterLookup:
    with transaction.atomic():
        record = RegisterLookup.objects.create(
            at=timezone.now(),
            actor=actor,
            officer=_is_officer(actor),
            id_number=number,
            reason=reason,
            consent=consent,
            consent_method=consent_method,
            provider=provider,
            outcome=outcome,
            fields_returned=list(fields),
            error=error[:255],
            request_id=request_id or uuid.uuid4().hex,
            dossier=dossier,
        )
        audit.record(
            actor=actor,
            verb="population_lookup",
            obj=record,
            action=AuditAction.LOOKUP,
            reason=reason,
            id_number=number,
            outcome=str(outcome),
            consent=consent,
            consent_method=consent_method,
            fields=list(fields),
            dossier=getattr(dossier, "code", "") or (dossier.pk if dossier else ""),
        )
    return record


def _no_consent_message() -> str:
    return _(
        "Chưa tra cứu CSDL quốc gia về dân cư: cần sự đồng ý của người có thông tin. Hãy đánh "
        "dấu ô đồng ý (sau khi hỏi ý kiến người nộp), hoặc nhập thông tin theo giấy tờ."
    )


def _message(outcome: str, number: str) -> str:
    if outcome == LookupOutcome.FOUND:
        return _(
            "Đã điền thông tin từ CSDL quốc gia về dân cư. Hãy đối chiếu với người nộp trước khi "
            "tiếp tục."
        )
    if outcome == LookupOutcome.NOT_FOUND:
        return _(
            "CSDL quốc gia về dân cư không có số định danh cá nhân %(number)s. Hãy kiểm tra lại "
            "số, hoặc nhập thông tin theo giấy tờ."
        ) % {"number": number}
    if outcome == LookupOutcome.REFUSED:
        return _(
            "CSDL quốc gia về dân cư từ chối yêu cầu tra cứu. Hãy nhập thông tin theo giấy tờ; "
            "nếu lỗi lặp lại, hãy báo quản trị hệ thống."
        )
    return _(
        "Chưa kết nối được CSDL quốc gia về dân cư (hệ thống đang gián đoạn). Hãy nhập thông "
        "tin theo giấy tờ; các thông tin đã nhập được giữ nguyên."
    )


def source_of(token: str, *, actor, id_number: str) -> str:
    """The MaCSDL to record on a dossier whose applicant data came from the look-up ``token``
    refers to: only a successful look-up by ``actor`` of this very number, of today; else ""."""
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return ""
    if data.get("n") != (id_number or "").replace(" ", "").strip():
        return ""
    found = RegisterLookup.objects.filter(
        pk=data.get("l"), actor=actor, outcome=LookupOutcome.FOUND, id_number=data["n"]
    ).exists()
    return SourceDatabase.POPULATION if found else ""


def attach(token: str, dossier) -> None:
    """Record the dossier a desk look-up was for, once the dossier exists."""
    try:
        data = signing.loads(token or "", salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return
    RegisterLookup.objects.filter(pk=data.get("l"), dossier__isnull=True).update(dossier=dossier)

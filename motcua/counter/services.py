"""Use cases of counter equipment: take a number at the kiosk, sit at a counter, call the next
number and finish it, rate on the tablet, issue a tablet's device token. Each is one function
and one transaction; officers' actions leave an audit entry. Views, admin, the demo and tests
all call these."""

from __future__ import annotations

import datetime
import secrets

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.models import Dossier
from motcua.feedback import services as feedback
from motcua.feedback.constants import Level

from . import access, selectors
from .constants import MOVES, Reason, TicketAction, TicketStatus
from .errors import NotPermitted, RuleViolation
from .models import Counter, CounterSession, Ticket, TicketRating, TicketSequence


def next_number(centre, day: datetime.date) -> int:
    """The next ticket number of ``centre`` on ``day``: one statement that creates or increments
    the centre's row of the day, as ``dossiers.services.next_code`` does for dossier codes. The
    row stays locked until the caller commits, so numbers are unique and gap-free."""
    table = TicketSequence._meta.db_table
    with connection.cursor() as cursor:
        # Constant identifiers (the model's own table name); values are parameters.
        cursor.execute(
            f"INSERT INTO {table} (centre_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608  # nosec B608
            f"ON CONFLICT (centre_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [centre.pk, day],
        )
        (number,) = cursor.fetchone()
    return number


def take_ticket(centre, field, *, at: datetime.datetime | None = None) -> Ticket:
    """A citizen takes a number for ``field`` at the kiosk of ``centre``."""
    now = at or timezone.now()
    if field.pk not in selectors.served_field_ids(centre):
        raise RuleViolation(
            _("Trung tâm hiện không có quầy phục vụ lĩnh vực này."), code="field_not_served"
        )
    day = timezone.localdate(now)
    with transaction.atomic():
        # The number last: the sequence row is locked only for one insert and the commit.
        number = next_number(centre, day)
        return Ticket.objects.create(
            centre=centre,
            day=day,
            number=number,
            field=field,
            key=secrets.token_urlsafe(9)[:12],
            taken_at=now,
        )


def open_session(counter: Counter, officer, *, at: datetime.datetime | None = None):
    """``officer`` sits at ``counter`` (leaving the counter they sat at before, if it has no
    number being served)."""
    now = at or timezone.now()
    if not access.may_sit(officer, counter):
        raise NotPermitted(
            _("Bạn không phải cán bộ một cửa của đơn vị có quầy này."), code="not_permitted"
        )
    with transaction.atomic():
        taken = (
            CounterSession.objects.select_for_update()
            .filter(counter=counter, ended_at__isnull=True)
            .exclude(officer=officer)
            .select_related("officer")
            .first()
        )
        if taken is not None:
            raise RuleViolation(
                _("%(counter)s đang có cán bộ %(officer)s làm việc.")
                % {"counter": counter.label, "officer": taken.officer.get_full_name()},
                code="counter_taken",
            )
        own = CounterSession.objects.filter(officer=officer, ended_at__isnull=True).first()
        if own is not None and own.counter_id == counter.pk:
            return own
        if own is not None:
            close_session(own.counter, officer, at=now)
        try:
            with transaction.atomic():
                session = CounterSession.objects.create(
                    counter=counter, officer=officer, started_at=now
                )
        except IntegrityError:
            raise RuleViolation(
                _("%(counter)s vừa có cán bộ khác nhận.") % {"counter": counter.label},
                code="counter_taken",
            ) from None
        audit.record(actor=officer, verb="counter.open", obj=session, at=now)
    return session


def close_session(counter: Counter, officer, *, at: datetime.datetime | None = None):
    now = at or timezone.now()
    with transaction.atomic():
        session = access.require_sitting(officer, counter)
        if selectors.serving(counter) is not None:
            raise RuleViolation(
                _("Hãy kết thúc số đang phục vụ trước khi rời quầy."), code="still_serving"
            )
        session.ended_at = now
        session.save(update_fields=["ended_at"])
        audit.record(actor=officer, verb="counter.close", obj=session, at=now)
    return session


def _waiting(counter: Counter, day: datetime.date):
    qs = Ticket.objects.filter(
        centre_id=counter.centre_id,
        day=day,
        status=TicketStatus.WAITING,
        field_id__in=counter.fields.values("pk"),
    ).order_by("number")
    if connection.vendor == "postgresql":
        # Concurrent callers skip each other's candidate instead of queueing behind it.
        qs = qs.select_for_update(skip_locked=True)
    return qs


def call_next(counter: Counter, officer, *, at: datetime.datetime | None = None) -> Ticket:
    """The oldest waiting ticket of the counter's fields, to ``counter``. Two callers never get
    the same ticket: on PostgreSQL each skips the rows the other holds; everywhere, the claim is
    a conditional update that only one of them wins (the loser takes the next one)."""
    now = at or timezone.now()
    source, target = MOVES[TicketAction.CALL_NEXT]
    with transaction.atomic():
        access.require_sitting(officer, counter)
        if selectors.serving(counter) is not None:
            raise RuleViolation(
                _("Quầy đang phục vụ một số; hãy bấm Xong hoặc Vắng mặt trước."),
                code="still_serving",
            )
        for _attempt in range(20):
            candidate = _waiting(counter, timezone.localdate(now)).first()
            if candidate is None:
                break
            claimed = Ticket.objects.filter(pk=candidate.pk, status__in=source).update(
                status=target, counter=counter, officer=officer, called_at=now
            )
            if claimed:
                candidate.refresh_from_db()
                audit.record(
                    actor=officer,
                    verb="counter.call",
                    obj=candidate,
                    at=now,
                    number=candidate.number,
                    counter=counter.number,
                )
                return candidate
        raise RuleViolation(_("Không còn số nào đang chờ ở quầy này."), code="nobody_waiting")


def act(
    counter: Counter,
    officer,
    action: str,
    *,
    dossier_code: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """Recall, no-show or done on the ticket being served at ``counter``. "Done" may name the
    dossier received or handed over (one the officer may see)."""
    now = at or timezone.now()
    if action == TicketAction.CALL_NEXT or action not in MOVES:
        raise RuleViolation(_("Thao tác không hợp lệ."), code="bad_action")
    source, target = MOVES[action]
    with transaction.atomic():
        access.require_sitting(officer, counter)
        ticket = (
            Ticket.objects.select_for_update()
            .filter(counter=counter, status__in=source)
            .order_by("-called_at")
            .first()
        )
        if ticket is None:
            raise RuleViolation(_("Quầy không có số nào đang phục vụ."), code="not_serving")
        fields = ["status"]
        if action == TicketAction.RECALL:
            ticket.recalls += 1
            ticket.called_at = now
            fields += ["recalls", "called_at"]
        else:
            ticket.finished_at = now
            fields.append("finished_at")
        if action == TicketAction.DONE and dossier_code.strip():
            try:
                ticket.dossier = get_dossier_for(officer, dossier_code.strip().upper())
            except Dossier.DoesNotExist:
                raise RuleViolation(
                    _("Không tìm thấy hồ sơ %(code)s.") % {"code": dossier_code},
                    code="no_dossier",
                ) from None
            fields.append("dossier")
        ticket.status = target
        ticket.save(update_fields=fields)
        audit.record(
            actor=officer, verb=f"counter.{action}", obj=ticket, at=now, number=ticket.number
        )
    return ticket


def rate_ticket(
    counter: Counter, ticket_id: int, level: str, *, at: datetime.datetime | None = None
) -> TicketRating:
    """The first tap on the tablet: how satisfied the citizen is with the service ``counter``
    just finished. Once per ticket; the ticket must be the one the tablet offers. When the
    ticket handed over a dossier's result, the dossier gets its rating too (channel "counter
    tablet"), which the satisfaction indicators count."""
    now = at or timezone.now()
    if level not in Level.values:
        raise RuleViolation(_("Hãy chọn mức độ hài lòng."), code="no_level")
    with transaction.atomic():
        ticket = selectors.ratable_ticket(counter, at=now)
        if ticket is None or ticket.pk != ticket_id:
            raise RuleViolation(
                _("Lượt phục vụ này đã được đánh giá hoặc đã hết thời gian đánh giá."),
                code="not_ratable",
            )
        try:
            with transaction.atomic():
                rating = TicketRating.objects.create(
                    ticket=ticket, counter=counter, level=level, rated_at=now
                )
        except IntegrityError:
            raise RuleViolation(
                _("Lượt phục vụ này đã được đánh giá."), code="already_rated"
            ) from None
        if ticket.dossier_id is not None:
            rating.dossier_rating = feedback.rate_at_counter(
                ticket.dossier, level=level, recorded_by=ticket.officer, at=now
            )
            if rating.dossier_rating is not None:
                rating.save(update_fields=["dossier_rating"])
    return rating


def add_reason(
    counter: Counter, ticket_id: int, reason: str, *, at: datetime.datetime | None = None
) -> TicketRating:
    """The optional second tap: one reason, added once, soon after the rating."""
    now = at or timezone.now()
    if reason not in Reason.values:
        raise RuleViolation(_("Lý do không hợp lệ."), code="bad_reason")
    with transaction.atomic():
        rating = (
            TicketRating.objects.select_for_update()
            .filter(ticket_id=ticket_id, counter=counter, reason="")
            .filter(rated_at__gte=now - selectors.rating_window())
            .first()
        )
        if rating is None:
            raise RuleViolation(_("Không thể bổ sung lý do cho đánh giá này."), code="closed")
        rating.reason = reason
        rating.save(update_fields=["reason"])
    return rating


def issue_device_token(counter: Counter, *, actor, token: str | None = None) -> str:
    """A new device token for ``counter``'s tablet (the old one stops working). Only its hash is
    kept; the token is shown once, to be bookmarked on the tablet."""
    token = token or secrets.token_urlsafe(24)
    with transaction.atomic():
        counter.device_token_hash = access.token_hash(token)
        counter.device_token_issued_at = timezone.now()
        counter.save(update_fields=["device_token_hash", "device_token_issued_at"])
        audit.record(actor=actor, verb="counter.issue_device_token", obj=counter)
    return token

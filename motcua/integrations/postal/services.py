"""Every change of a postal order, each in one transaction with its audit row:

- ``request_delivery``: the desk officer asks the post to carry a ready result to the applicant;
  the order is written ``pending`` and its sending is queued (after commit);
- ``send_order`` (the task's body): places the order with the operator — idempotent on our
  reference, so a retry after a lost answer never makes a second shipment; an unreachable operator
  leaves the order pending with the reason and a retry queued with backoff;
- ``apply_report``: the operator's status events (pushed or pulled), each stored once, the status
  never going back; ``delivered`` returns the dossier's result through the dossiers' own service
  (RETURN_RESULT via ``perform``) on the delivery date, in the name of the officer who sent it;
- ``poll``: the pull for orders not final, and the resend of pending ones (``postal_poll``).

Why the officer creates the order rather than the system on RESULT_READY: the paper result has
to be put in the envelope and handed to the postman at the desk; an order created before that
would bring the postman to an empty counter. The officer also checks the address with the
applicant's choice on the portal (prefilled)."""

from __future__ import annotations

import datetime
import logging
import re
import uuid
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit import services as audit
from motcua.dossiers import services as dossier_services
from motcua.dossiers.access import capacity_for
from motcua.dossiers.constants import Action, Delivery, Status
from motcua.dossiers.errors import DossierError, NotPermitted, RuleViolation
from motcua.integrations.models import (
    EventSource,
    PostalDirection,
    PostalEvent,
    PostalOrder,
    PostalStatus,
)
from motcua.integrations.models.postal import STATUS_RANK

from . import conf
from .base import OperatorError, OperatorRefused, OrderRequest, TrackReport
from .registry import registry

logger = logging.getLogger(__name__)

# Backoff of the automatic resend of an order the operator did not confirm (minutes).
RETRY_MINUTES = (1, 5, 15, 60, 240)
PHONE = re.compile(r"^0\d{9,10}$")


class PostalRefused(RuleViolation):
    """A postal request refused with a message for the officer."""


def operator_for(order: PostalOrder):
    return registry.get(order.operator)


def callback_url(operator: str) -> str:
    from django.conf import settings

    path = reverse("integrations:postal_callback", args=[operator])
    return settings.SITE_URL.rstrip("/") + path


def defaults_for(dossier) -> dict:
    """What the applicant chose on the portal (or the desk wrote at intake): the form's start."""
    chosen = (dossier.form_data or {}).get("postal", {})
    return {
        "recipient_name": chosen.get("recipient") or dossier.applicant_name,
        "phone": chosen.get("phone") or dossier.applicant_phone,
        "address": dossier.delivery_address or dossier.applicant_address,
        "item": _("Kết quả giải quyết TTHC, hồ sơ %(code)s") % {"code": dossier.code},
        "cod_amount": 0,
    }


def live_order(dossier) -> PostalOrder | None:
    """The delivery order still under way or done (not failed nor cancelled), if any."""
    return (
        dossier.postal_orders.filter(direction=PostalDirection.DELIVERY)
        .exclude(status__in=[PostalStatus.FAILED, PostalStatus.CANCELLED])
        .first()
    )


def _clean(recipient_name, phone, address, item, cod_amount) -> dict:
    problems = []
    name = (recipient_name or "").strip()
    if not name:
        problems.append(_("Hãy ghi họ tên người nhận."))
    digits = re.sub(r"[\s.\-]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not PHONE.match(digits):
        problems.append(_("Số điện thoại người nhận phải gồm 10 hoặc 11 chữ số, bắt đầu bằng 0."))
    where = " ".join((address or "").split())
    if len(where) < 10:
        problems.append(_("Hãy ghi địa chỉ nhận đủ số nhà, đường/thôn, xã/phường, tỉnh/thành phố."))
    try:
        cod = Decimal(str(cod_amount or 0))
    except InvalidOperation:
        cod = Decimal(-1)
    if cod < 0 or cod != cod.to_integral_value():
        problems.append(_("Tiền thu hộ phải là số đồng, không âm."))
    if problems:
        raise PostalRefused(problems, code="postal_input")
    return {
        "recipient_name": name[:255],
        "phone": digits,
        "address": where[:255],
        "item": (item or "").strip()[:255],
        "cod_amount": cod,
    }


def request_delivery(
    dossier,
    *,
    actor,
    recipient_name: str,
    phone: str,
    address: str,
    item: str = "",
    cod_amount=0,
    now: datetime.datetime | None = None,
) -> PostalOrder:
    """Ask the post to deliver the dossier's result (phát kết quả qua bưu chính công ích). Only
    the receiving desk's officers, only when the result is ready and the applicant chose the post,
    and only one order under way at a time (a failed one may be followed by a new one)."""
    capacity_for(actor, dossier, Action.RETURN_RESULT)  # NotPermitted for other desks
    fields = _clean(recipient_name, phone, address, item, cod_amount)
    now = now or timezone.now()
    with transaction.atomic():
        locked = type(dossier).objects.select_for_update().get(pk=dossier.pk)
        if locked.delivery != Delivery.POST:
            raise PostalRefused(
                _("Người nộp không chọn nhận kết quả qua bưu chính."), code="not_post"
            )
        if locked.status != Status.RESULT_READY:
            raise PostalRefused(
                _("Chỉ gửi bưu chính khi kết quả đã có và chưa trả (đang “%(status)s”).")
                % {"status": locked.get_status_display()},
                code="not_ready",
            )
        if live_order(locked) is not None:
            raise PostalRefused(
                _("Hồ sơ đã có yêu cầu bưu chính đang thực hiện."), code="already_ordered"
            )
        order = PostalOrder.objects.create(
            dossier=locked,
            direction=PostalDirection.DELIVERY,
            operator=conf.operator(),
            reference=f"MC{uuid.uuid4().hex[:20].upper()}",
            created_by=actor,
            created_at=now,
            item=fields.pop("item") or defaults_for(locked)["item"],
            **fields,
        )
        audit.record(actor=actor, verb="postal_request", obj=order, at=now, code=locked.code)
        _queue_send(order.pk)
    return order


def _queue_send(order_id: int, run_after: datetime.datetime | None = None) -> None:
    from .tasks import send_order

    if run_after is None:
        send_order.enqueue(order_id)
    else:
        send_order.using(run_after=run_after).enqueue(order_id)


def retry(order: PostalOrder, *, actor) -> PostalOrder:
    """The officer's "send again now" for an order the operator has not confirmed."""
    capacity_for(actor, order.dossier, Action.RETURN_RESULT)
    with transaction.atomic():
        locked = PostalOrder.objects.select_for_update().get(pk=order.pk)
        if locked.status != PostalStatus.PENDING:
            raise PostalRefused(_("Yêu cầu này đã được bưu điện nhận."), code="not_pending")
        audit.record(actor=actor, verb="postal_retry", obj=locked, code=locked.dossier.code)
        _queue_send(locked.pk)
    return locked


def send_order(order_id: int, *, now: datetime.datetime | None = None) -> str:
    """Place a pending order with its operator. No lock is held while the operator is called:
    the call is idempotent on the order's reference, so two runs get the same tracking code."""
    order = PostalOrder.objects.select_related("dossier").get(pk=order_id)
    if order.status != PostalStatus.PENDING:
        return "already"
    request = OrderRequest(
        reference=order.reference,
        direction=order.direction,
        recipient_name=order.recipient_name,
        phone=order.phone,
        address=order.address,
        item=order.item,
        cod_amount=order.cod_amount,
        callback_url=callback_url(order.operator),
    )
    try:
        answer = operator_for(order).create_order(request)
    except OperatorError as error:
        return _send_failed(order_id, str(error), now=now)
    except OperatorRefused as refusal:
        return _refused(order_id, str(refusal), now=now)
    now = now or timezone.now()
    with transaction.atomic():
        locked = PostalOrder.objects.select_for_update().get(pk=order_id)
        locked.attempts += 1
        locked.last_error = ""
        if locked.status == PostalStatus.PENDING:
            locked.status = PostalStatus.ACCEPTED
        locked.tracking_code = answer.tracking_code
        locked.fee = answer.fee
        locked.accepted_at = locked.accepted_at or answer.accepted_at
        locked.save()
        audit.record(
            actor=None,
            verb="postal_accepted",
            obj=locked,
            at=now,
            code=locked.dossier.code,
            tracking_code=answer.tracking_code,
            fee=str(answer.fee),
        )
    return "accepted"


def _send_failed(order_id: int, reason: str, *, now) -> str:
    now = now or timezone.now()
    with transaction.atomic():
        locked = PostalOrder.objects.select_for_update().get(pk=order_id)
        locked.attempts += 1
        locked.last_error = reason[:500]
        locked.save(update_fields=["attempts", "last_error"])
        audit.record(actor=None, verb="postal_send_failed", obj=locked, at=now, error=reason)
        if locked.attempts <= len(RETRY_MINUTES):
            delay = datetime.timedelta(minutes=RETRY_MINUTES[locked.attempts - 1])
            _queue_send(locked.pk, run_after=now + delay)
    logger.warning("Postal order %s not sent: %s", order_id, reason)
    return "error"


def _refused(order_id: int, reason: str, *, now) -> str:
    now = now or timezone.now()
    with transaction.atomic():
        locked = PostalOrder.objects.select_for_update().get(pk=order_id)
        locked.attempts += 1
        locked.status = PostalStatus.FAILED
        locked.finished_at = now
        locked.failure_reason = (_("Bưu điện không nhận yêu cầu: %(reason)s") % {"reason": reason})[
            :500
        ]
        locked.save()
        audit.record(actor=None, verb="postal_refused", obj=locked, at=now, error=reason)
    return "refused"


def apply_report(
    order: PostalOrder, report: TrackReport, *, source: str, now: datetime.datetime | None = None
) -> int:
    """Store the report's events not seen before and move the order's status forward (never
    back). Returns how many events were new. ``delivered`` returns the dossier's result."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = PostalOrder.objects.select_for_update().select_related("dossier").get(pk=order.pk)
        seen = set(locked.events.values_list("event_id", flat=True))
        fresh = [e for e in report.events if e.event_id not in seen and e.status in STATUS_RANK]
        for event in sorted(fresh, key=lambda e: e.at):
            PostalEvent.objects.create(
                order=locked,
                event_id=event.event_id,
                status=event.status,
                at=event.at,
                place=event.place[:255],
                note=event.note[:500],
                source=source,
                received_at=now,
            )
            _advance(locked, event, now)
        if source == EventSource.PULL:
            locked.polled_at = now
            locked.last_error = ""
        locked.save()
    return len(fresh)


def _advance(order: PostalOrder, event, now) -> None:
    if order.is_final or STATUS_RANK[event.status] <= STATUS_RANK[order.status]:
        return  # out of order or after the end: kept in the history only
    before = order.status
    order.status = event.status
    if event.status == PostalStatus.ACCEPTED:
        order.accepted_at = order.accepted_at or event.at
    if order.is_final:
        order.finished_at = event.at
    if event.status == PostalStatus.FAILED:
        order.failure_reason = event.note or _("Bưu điện báo phát không thành công.")
    audit.record(
        actor=None,
        verb="postal_status",
        obj=order,
        at=now,
        code=order.dossier.code,
        before=before,
        after=event.status,
        event=event.event_id,
    )
    if event.status == PostalStatus.DELIVERED and order.direction == PostalDirection.DELIVERY:
        _return_result(order, event)


def _return_result(order: PostalOrder, event) -> None:
    """Complete the return of the result (trả kết quả) on the delivery date, as the officer who
    sent it. A refusal (the dossier was returned by hand meanwhile, the officer left the desk) is
    kept on the order for the desk to see; the postal event itself stays recorded."""
    dossier = order.dossier
    dossier.refresh_from_db()
    if dossier.status != Status.RESULT_READY:
        return
    try:
        with transaction.atomic():
            dossier_services.return_result(
                dossier,
                actor=order.created_by,
                tracking_code=order.tracking_code,
                postal_fee=order.fee,
                note=_("Bưu điện đã phát kết quả (mã bưu gửi %(code)s).")
                % {"code": order.tracking_code},
                idempotency_key=f"postal-return-{order.pk}",
                at=event.at,
            )
        order.return_error = ""
    except (DossierError, NotPermitted) as refusal:
        order.return_error = "; ".join(refusal.messages)[:500]
        logger.warning("Postal delivery of %s not recorded as returned: %s", dossier.code, refusal)


def record_callback(operator: str, body: bytes, headers) -> tuple[str, PostalOrder | None]:
    """A status callback from ``operator``: verified by its plugin (``InvalidCallback``
    otherwise), then applied. Returns ("ok" | "duplicate" | "unknown", order)."""
    plugin = registry.get(operator)
    report = plugin.parse_callback(body, headers)
    order = PostalOrder.objects.filter(
        operator=operator, tracking_code=report.tracking_code
    ).first()
    if order is None:
        return "unknown", None
    fresh = apply_report(order, report, source=EventSource.PUSH)
    return ("ok" if fresh else "duplicate"), order


def poll(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The pull: send the pending orders again, and ask the operator about every order with a
    tracking code that is not final (a lost push is caught here). Returns counts."""
    counts = {"sent": 0, "send_failed": 0, "polled": 0, "poll_failed": 0, "new_events": 0}
    for order_id in PostalOrder.objects.filter(status=PostalStatus.PENDING).values_list(
        "pk", flat=True
    ):
        outcome = send_order(order_id, now=now)
        counts["sent" if outcome == "accepted" else "send_failed"] += 1
    open_orders = PostalOrder.objects.exclude(tracking_code="").exclude(
        status__in=[s for s, r in STATUS_RANK.items() if r == 3]
    )
    for order in open_orders:
        try:
            report = operator_for(order).track(order.tracking_code)
        except (OperatorError, OperatorRefused) as error:
            PostalOrder.objects.filter(pk=order.pk).update(last_error=str(error)[:500])
            counts["poll_failed"] += 1
            continue
        counts["new_events"] += apply_report(order, report, source=EventSource.PULL, now=now)
        counts["polled"] += 1
    return counts

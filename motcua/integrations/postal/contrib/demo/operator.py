"""The demo operator's business: accepting shipments, pricing them by zone, moving them along
their journey (accepted → in transit → delivered / failed) and queueing a signed push to the
customer for every step. Called by its API views, its admin actions and ``demo_post``."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.integrations.models import (
    DemoPostSwitch,
    DemoShipment,
    DemoShipmentEvent,
    PostalStatus,
)
from motcua.integrations.postal import conf

S = PostalStatus

# Where each status may go next at the demo operator.
NEXT = {
    S.ACCEPTED: {S.IN_TRANSIT, S.FAILED, S.CANCELLED},
    S.IN_TRANSIT: {S.DELIVERED, S.FAILED},
}
DEFAULT_PLACE = {
    S.ACCEPTED: "Bưu cục giao dịch Hành chính công",
    S.IN_TRANSIT: "Trung tâm khai thác chia chọn",
    S.DELIVERED: "Địa chỉ người nhận",
    S.FAILED: "Bưu cục phát",
    S.CANCELLED: "Bưu cục giao dịch Hành chính công",
}

# The tariff of a document item up to 250 g (đồng), by zone: 1–2 working days in town, 2–3 in
# the countryside and on islands (domain.md §11) and dearer there.
TARIFF = {"urban": Decimal(22000), "rural": Decimal(32000), "island": Decimal(48000)}
COD_RATE = Decimal("0.01")
COD_MINIMUM = Decimal(10000)
ISLANDS = (
    "đảo",
    "phú quốc",
    "lý sơn",
    "cô tô",
    "bạch long vĩ",
    "cồn cỏ",
    "trường sa",
    "hoàng sa",
    "phú quý",
    "kiên hải",
    "cát bà",
    "vân đồn",
)
URBAN = ("phường", "thành phố", "tp.", "thị trấn", "quận")


class Refusal(Exception):
    """The operator says no: (HTTP status, code, message)."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def zone_of(address: str) -> str:
    text = address.lower()
    if any(name in text for name in ISLANDS):
        return "island"
    if any(word in text for word in URBAN):
        return "urban"
    return "rural"


def fee_for(address: str, cod_amount: Decimal) -> tuple[str, Decimal]:
    zone = zone_of(address)
    fee = TARIFF[zone]
    if cod_amount > 0:
        fee += max(COD_MINIMUM, (cod_amount * COD_RATE).quantize(Decimal(1)))
    return zone, fee


def _s10(serial: str) -> str:
    """The UPU S10 check digit of an 8-digit serial."""
    total = sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    return {10: "0", 11: "5"}.get(check, str(check))


def new_tracking_code() -> str:
    """An S10-shaped code: service letters, 8 digits, check digit, country (``DM12345678 5VN``)."""
    serial = f"{secrets.randbelow(10**8):08d}"
    return f"DM{serial}{_s10(serial)}VN"


def switch() -> DemoPostSwitch:
    found = DemoPostSwitch.objects.first()
    return found if found is not None else DemoPostSwitch(failure="", push_enabled=True)


def failure_mode() -> str:
    """``500``, ``timeout``, ``malformed`` or ``""``: the environment first, then the switch."""
    return conf.twin_env_failure() or switch().failure


def accept(client_id: str, data: dict, *, now: datetime.datetime | None = None):
    """Accept an order (already schema-checked); a reference seen before returns the shipment
    already created — ``(shipment, created)``."""
    now = now or timezone.now()
    found = DemoShipment.objects.filter(client_id=client_id, client_reference=data["reference"])
    if (shipment := found.first()) is not None:
        return shipment, False
    cod = Decimal(data.get("cod_amount", 0))
    zone, fee = fee_for(data["recipient"]["address"], cod)
    try:
        with transaction.atomic():
            shipment = DemoShipment.objects.create(
                client_id=client_id,
                client_reference=data["reference"],
                tracking_code=new_tracking_code(),
                direction=data["service"],
                recipient_name=data["recipient"]["name"],
                phone=data["recipient"]["phone"],
                address=data["recipient"]["address"],
                item=data["item"]["description"],
                cod_amount=cod,
                zone=zone,
                fee=fee,
                callback_url=data.get("callback_url", ""),
                status=S.ACCEPTED,
                created_at=now,
            )
            _add_event(shipment, S.ACCEPTED, now, DEFAULT_PLACE[S.ACCEPTED], "")
    except IntegrityError:  # the same reference raced in
        return found.get(), False
    return shipment, True


def _add_event(shipment, status, at, place, note) -> DemoShipmentEvent:
    from .tasks import push_event

    last = shipment.events.order_by("-sequence").values_list("sequence", flat=True).first()
    event = DemoShipmentEvent.objects.create(
        shipment=shipment, sequence=(last or 0) + 1, status=status, at=at, place=place, note=note
    )
    if shipment.callback_url:
        push_event.enqueue(event.pk)
    return event


def advance(
    tracking_code: str,
    status: str,
    *,
    note: str = "",
    place: str = "",
    at: datetime.datetime | None = None,
) -> DemoShipmentEvent:
    """Move a shipment one step along (the postman's scan); Refusal if not allowed from here."""
    with transaction.atomic():
        shipment = DemoShipment.objects.select_for_update().filter(tracking_code=tracking_code)
        shipment = shipment.first()
        if shipment is None:
            raise Refusal(404, "not_found", _("Không có bưu gửi %s.") % tracking_code)
        if status not in NEXT.get(shipment.status, set()):
            raise Refusal(
                409,
                "bad_transition",
                _("Bưu gửi đang “%(now)s”, không thể chuyển sang “%(to)s”.")
                % {"now": S(shipment.status).label, "to": S(status).label},
            )
        if status == S.FAILED and not note.strip():
            note = "Không liên lạc được người nhận"
        shipment.status = status
        shipment.save(update_fields=["status"])
        return _add_event(
            shipment, status, at or timezone.now(), place or DEFAULT_PLACE[status], note.strip()
        )

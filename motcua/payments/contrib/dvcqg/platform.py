"""The demo national payment platform ("the platform's servers"): it checks the payment request
(signature, partner, jsonschema of the DVCQG fields, totals, expiry), keeps its own books
(``PaygovBill``), records the payer's choice, answers the browser with a signed redirect and
sends the signed callback as a task, and answers look-ups by MaTraCuuTT. Its API can be told to
fail (``current_failure``)."""

from __future__ import annotations

import secrets
from decimal import Decimal

import jsonschema
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.payments import conf

from . import protocol as p
from .models import PaygovBill, PaygovBillStatus, PaygovSwitch


class Refused(Exception):
    """The request cannot be accepted: ``code`` (MaLoi) and a description."""

    def __init__(self, code: str, text: str):
        super().__init__(text)
        self.code, self.text = code, text


def current_failure() -> str:
    """ "500", "timeout", "malformed" or "" — the environment first, then the admin switch."""
    from_env = conf.demo_paygov_failure()
    if from_env:
        return from_env
    switch = PaygovSwitch.objects.order_by("pk").first()
    return switch.failure if switch else ""


def signed(message: dict) -> dict:
    return p.sign(message, conf.paygov_secret())


def answer(code: str, text: str, **fields) -> dict:
    return signed({"MaLoi": code, "MoTa": text, **fields})


def pay_url(bill: PaygovBill, base: str) -> str:
    return f"{base}pay/{bill.lookup_code}/"


def accept_request(message) -> PaygovBill:
    """Check and record a payment request; the same request again returns the same bill."""
    if not isinstance(message, dict):
        raise Refused(p.BAD_REQUEST, "Yêu cầu không phải đối tượng JSON")
    if message.get("MaDoiTac") != conf.paygov_partner() or not p.verify(
        message, conf.paygov_secret()
    ):
        raise Refused(p.BAD_SIGNATURE, "Sai chữ ký hoặc mã đối tác")
    try:
        jsonschema.validate(message, p.REQUEST_SCHEMA)
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(gốc)"
        raise Refused(p.BAD_REQUEST, f"Sai tham số {where}: {error.message}") from error
    if sum(line["SoTien"] for line in message["PhiLePhi"]) != message["TongTien"]:
        raise Refused(p.BAD_REQUEST, "TongTien khác tổng các khoản PhiLePhi")
    now = timezone.now()
    expires_at = p.parse_stamp(message["ThoiGianHetHan"])
    existing = PaygovBill.objects.filter(lookup_code=message["MaTraCuuTT"]).first()
    if existing is not None:
        same = (
            existing.partner == message["MaDoiTac"]
            and existing.reference == message["MaThamChieu"]
            and existing.amount == Decimal(message["TongTien"])
        )
        if not same:
            raise Refused(p.DUPLICATE_CODE, "MaTraCuuTT đã dùng cho khoản thanh toán khác")
        if existing.status == PaygovBillStatus.PENDING and existing.expires_at != expires_at:
            existing.expires_at = expires_at  # a retry keeps the order open as long as ours
            existing.save(update_fields=["expires_at"])
        return existing
    if expires_at <= now:
        raise Refused(p.BAD_REQUEST, "Yêu cầu đã hết hạn")
    try:
        with transaction.atomic():
            return PaygovBill.objects.create(
                lookup_code=message["MaTraCuuTT"],
                partner=message["MaDoiTac"],
                reference=message["MaThamChieu"],
                platform_reference=f"TT{now.astimezone(p.VN):%y%m%d}{secrets.randbelow(10**10):010d}",
                amount=Decimal(message["TongTien"]),
                request=message,
                created_at=now,
                expires_at=expires_at,
            )
    except IntegrityError as error:  # the same request at the same instant
        bill = PaygovBill.objects.filter(lookup_code=message["MaTraCuuTT"]).first()
        if bill is None:
            raise Refused(p.BAD_REQUEST, "Không ghi nhận được yêu cầu") from error
        return bill


def decide(bill: PaygovBill, *, approve: bool, method: str) -> PaygovBill:
    """The payer pays or cancels. A bill is decided once: paying again shows the first result
    (like a bank, the platform never charges a bill twice). The callback task is enqueued in
    the same transaction as the decision."""
    from .tasks import send_callback

    with transaction.atomic():
        bill = PaygovBill.objects.select_for_update().get(pk=bill.pk)
        if bill.status != PaygovBillStatus.PENDING:
            return bill
        bill.status = PaygovBillStatus.PAID if approve else PaygovBillStatus.CANCELLED
        bill.method = method if approve else ""
        bill.decided_at = timezone.now()
        bill.save(update_fields=["status", "method", "decided_at"])
        send_callback.enqueue(bill.pk)
    return bill


def result(bill: PaygovBill) -> dict:
    """The signed result of a decided bill (callback body, return query, look-up answer)."""
    code = {
        PaygovBillStatus.PAID: p.OK,
        PaygovBillStatus.CANCELLED: p.CANCELLED,
        PaygovBillStatus.PENDING: p.PENDING,
    }[PaygovBillStatus(bill.status)]
    return signed(
        {
            "MaDoiTac": bill.partner,
            "MaThamChieu": bill.reference,
            "MaTraCuuTT": bill.lookup_code,
            "MaGiaoDich": bill.platform_reference,
            "SoTien": str(int(bill.amount)),
            "LoaiTien": "VND",
            "MaLoi": code,
            "ThoiGianThanhToan": p.stamp(bill.decided_at or bill.created_at),
            "PhuongThuc": bill.method,
        }
    )


def look_up(query: dict) -> dict:
    """Answer a signed look-up (MaDoiTac, MaTraCuuTT, ThoiGian, ChuKy)."""
    if query.get("MaDoiTac") != conf.paygov_partner() or not p.verify(query, conf.paygov_secret()):
        raise Refused(p.BAD_SIGNATURE, "Sai chữ ký hoặc mã đối tác")
    bill = PaygovBill.objects.filter(
        lookup_code=query.get("MaTraCuuTT", ""), partner=query["MaDoiTac"]
    ).first()
    if bill is None:
        return answer(p.NOT_FOUND, "Không tìm thấy khoản thanh toán")
    return result(bill)

"""Our side of the demo gateway: build the signed request, verify results, read its report."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.payments import conf
from motcua.payments.base import BasePlugin, GatewayResult, InvalidMessage, ReportLine
from motcua.payments.constants import Outcome
from motcua.payments.registry import register

from . import protocol as p
from .models import DemoLedgerEntry

# Acknowledgement codes of the notification answer, as Vietnamese gateways define them: the
# gateway stops resending on 00 and 02 (already confirmed).
RESPONSE_CODES = {
    Outcome.APPLIED: ("00", "Confirm Success"),
    Outcome.APPLIED_LATE: ("00", "Confirm Success"),
    Outcome.REFUND_DUE: ("00", "Confirm Success"),
    Outcome.DECLINED: ("00", "Confirm Success"),
    Outcome.DUPLICATE: ("02", "Order already confirmed"),
    Outcome.UNKNOWN_ORDER: ("01", "Order not found"),
    Outcome.BAD_AMOUNT: ("04", "Invalid amount"),
    Outcome.BAD_CURRENCY: ("05", "Invalid currency"),
    Outcome.BAD_SIGNATURE: ("97", "Invalid signature"),
    Outcome.MALFORMED: ("99", "Invalid request"),
}


@register
class DemoGateway(BasePlugin):
    identifier = "demo"
    message_fields = (*p.RESULT_FIELDS, "mc_BankCode", p.SIGNATURE)
    verbose_name = _("Cổng thanh toán demo (không dùng tiền thật)")
    description = _("Cổng thanh toán của tỉnh, mô phỏng một ngân hàng.")
    national_channel = 2

    def start_url(self, transaction, *, return_url: str, client_ip: str = "") -> str:
        params = {
            "mc_Version": p.VERSION,
            "mc_Command": "pay",
            "mc_MerchantCode": conf.demo_merchant(),
            "mc_Amount": str(int(transaction.amount)),
            "mc_CurrCode": transaction.currency,
            "mc_TxnRef": transaction.order_reference,
            "mc_OrderInfo": f"Thanh toan ho so {transaction.dossier.code}",
            "mc_ReturnUrl": return_url,
            "mc_IpAddr": client_ip,
            "mc_CreateDate": p.stamp(transaction.created_at),
            "mc_ExpireDate": p.stamp(transaction.expires_at),
        }
        return f"{reverse('payments:demo_pay')}?{urlencode(p.signed(params))}"

    def parse_result(self, params: dict[str, str]) -> GatewayResult:
        ours = p.only_ours(params)
        if not p.is_authentic(ours):
            raise InvalidMessage("bad signature", signature=True)
        missing = [name for name in p.RESULT_FIELDS if not ours.get(name)]
        if missing or ours["mc_MerchantCode"] != conf.demo_merchant():
            raise InvalidMessage(f"missing or foreign fields: {missing}")
        try:
            amount = Decimal(ours["mc_Amount"])
            paid_at = p.parse_stamp(ours["mc_PayDate"])
        except (InvalidOperation, ValueError) as error:
            raise InvalidMessage(str(error)) from error
        return GatewayResult(
            order_reference=ours["mc_TxnRef"],
            amount=amount,
            currency=ours["mc_CurrCode"],
            success=ours["mc_ResponseCode"] == p.SUCCESS,
            gateway_reference=ours["mc_TransactionNo"],
            paid_at=paid_at,
            response_code=ours["mc_ResponseCode"],
            raw=ours,
        )

    def notification_response(self, outcome: str) -> dict:
        code, message = RESPONSE_CODES.get(outcome, ("99", "Unknown error"))
        return {"RspCode": code, "Message": message}

    def report(self, day: datetime.date) -> list[ReportLine]:
        start = datetime.datetime.combine(day, datetime.time(), tzinfo=p.VN)
        entries = DemoLedgerEntry.objects.filter(
            merchant=conf.demo_merchant(),
            response_code=p.SUCCESS,
            at__gte=start,
            at__lt=start + datetime.timedelta(days=1),
        ).order_by("at", "id")
        return [
            ReportLine(
                order_reference=entry.order_reference,
                gateway_reference=entry.bank_reference,
                amount=entry.amount,
                currency=entry.currency,
                paid_at=timezone.localtime(entry.at),
            )
            for entry in entries
        ]

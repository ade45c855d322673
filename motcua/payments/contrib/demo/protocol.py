"""The demo gateway's wire format, shared by our side (plugin) and the bank side (bank).

Request (browser redirect to the bank): mc_Version, mc_Command=pay, mc_MerchantCode,
mc_Amount (whole đồng), mc_CurrCode=VND, mc_TxnRef (our transaction id), mc_OrderInfo,
mc_ReturnUrl, mc_IpAddr, mc_CreateDate, mc_ExpireDate (yyyyMMddHHmmss, Vietnam time).
Result (browser return and IPN): mc_MerchantCode, mc_TxnRef, mc_Amount, mc_CurrCode,
mc_ResponseCode (00 success, 24 cancelled by the customer), mc_TransactionNo, mc_BankCode,
mc_PayDate. Both carry mc_SecureHash = HMAC-SHA512 over the other mc_* parameters sorted by
key and query-string encoded.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from motcua.payments import conf, signing

VERSION = "1"
PREFIX = "mc_"
SIGNATURE = "mc_SecureHash"
SUCCESS = "00"
CANCELLED = "24"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
STAMP = "%Y%m%d%H%M%S"

REQUEST_FIELDS = (
    "mc_Version",
    "mc_Command",
    "mc_MerchantCode",
    "mc_Amount",
    "mc_CurrCode",
    "mc_TxnRef",
    "mc_OrderInfo",
    "mc_ReturnUrl",
    "mc_CreateDate",
    "mc_ExpireDate",
)
RESULT_FIELDS = (
    "mc_MerchantCode",
    "mc_TxnRef",
    "mc_Amount",
    "mc_CurrCode",
    "mc_ResponseCode",
    "mc_TransactionNo",
    "mc_PayDate",
)


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(VN).strftime(STAMP)


def parse_stamp(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, STAMP).replace(tzinfo=VN)


def only_ours(params: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in params.items() if str(k).startswith(PREFIX)}


def signed(params: dict[str, str]) -> dict[str, str]:
    """``params`` with their signature added."""
    body = {k: v for k, v in params.items() if k != SIGNATURE}
    return body | {SIGNATURE: signing.sign(body, conf.demo_secret())}


def is_authentic(params: dict[str, str]) -> bool:
    body = {k: v for k, v in params.items() if k != SIGNATURE}
    return signing.verify(body, params.get(SIGNATURE, ""), conf.demo_secret())

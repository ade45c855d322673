"""The wire format of the national payment platform, shared by our side (``plugin``) and the
demo platform (``platform``). Every message is a JSON object; ``ChuKy`` is the HMAC-SHA256 (hex)
of the message without ``ChuKy`` in canonical JSON: keys sorted, no spaces, UTF-8 kept
(``canonical``). Results carry string values only, so one result verifies the same whether it
travels as a JSON body (the callback) or in a query string (the browser's return).

Why HMAC-SHA256 and not RSA: the platform issues each connected system a secret when it is
registered as a partner, as the gateways Vietnamese public services already use do; it needs no
key infrastructure on either side and is compared in constant time. What it does not give —
proof to a third party of who sent a message — is provided by the Treasury's records, which the
daily reconciliation checks. A platform that signs with RSA changes ``sign`` and ``verify`` only.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from zoneinfo import ZoneInfo

VERSION = "1.0"
SIGNATURE = "ChuKy"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
STAMP = "%Y%m%d%H%M%S"

# Result codes (MaLoi) of the platform's answers and results.
OK = "00"
CANCELLED = "24"
PENDING = "01"
NOT_FOUND = "04"
DUPLICATE_CODE = "09"
BAD_SIGNATURE = "97"
BAD_REQUEST = "99"

# LoaiPhiLePhi: 1 phí (fee for a service), 2 lệ phí (state levy).
FEE_KIND_CODES = {"fee": "1", "charge": "2"}
# MaLoaiHinhThuPhat: 1 phí, lệ phí (2 would be a fine, with its decision's fields).
FEE_COLLECTION = ("1", "Thu phí, lệ phí")

# Payment methods the platform offers the payer (the twin's page).
METHODS = {
    "atm": "Thẻ ATM nội địa / tài khoản ngân hàng",
    "qr": "Mã QR ngân hàng (VietQR)",
    "card": "Thẻ quốc tế (Visa, Mastercard, JCB)",
    "wallet": "Ví điện tử",
}

RESULT_FIELDS = (
    "MaDoiTac",
    "MaThamChieu",
    "MaTraCuuTT",
    "MaGiaoDich",
    "SoTien",
    "LoaiTien",
    "MaLoi",
    "ThoiGianThanhToan",
)


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(VN).strftime(STAMP)


def parse_stamp(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, STAMP).replace(tzinfo=VN)


def canonical(message: dict) -> bytes:
    body = {k: v for k, v in message.items() if k != SIGNATURE}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(message: dict, secret: str) -> dict:
    """``message`` with its ``ChuKy``."""
    digest = hmac.new(secret.encode(), canonical(message), hashlib.sha256).hexdigest()
    return {k: v for k, v in message.items() if k != SIGNATURE} | {SIGNATURE: digest}


def verify(message: dict, secret: str) -> bool:
    given = message.get(SIGNATURE)
    if not isinstance(given, str) or not given:
        return False
    expected = hmac.new(secret.encode(), canonical(message), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.lower())


_TEXT = {"type": "string", "minLength": 1, "maxLength": 255}
_CODE = {"type": "string", "minLength": 1, "maxLength": 40}
_STAMP = {"type": "string", "pattern": r"^\d{14}$"}
_AMOUNT = {"type": "integer", "minimum": 1}

REQUEST_SCHEMA = {
    "type": "object",
    "required": [
        "PhienBan",
        "MaDoiTac",
        "MaThamChieu",
        "MaTraCuuTT",
        "ThoiGianTao",
        "ThoiGianHetHan",
        "UrlTraVe",
        "UrlThongBao",
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "MaDonVi",
        "TenDonVi",
        "MaLoaiHinhThuPhat",
        "TenLoaiHinhThuPhat",
        "PhiLePhi",
        "TongTien",
        "LoaiTien",
        "NoiDungThanhToan",
        "TKThuHuong",
        "MaNHThuHuong",
        "TenTKThuHuong",
        "KhoBac",
        "TaiKhoanThuNSNN",
        "HoTenNguoiNop",
        "SoCMNDNguoiNop",
        "DiaChiNguoiNop",
        "ChuKy",
    ],
    "properties": {
        "PhienBan": {"const": VERSION},
        "MaDoiTac": _CODE,
        "MaThamChieu": _CODE,
        "MaTraCuuTT": {"type": "string", "pattern": r"^\d{16}$"},
        "ThoiGianTao": _STAMP,
        "ThoiGianHetHan": _STAMP,
        "UrlTraVe": {"type": "string", "pattern": "^https?://"},
        "UrlThongBao": {"type": "string", "pattern": "^https?://"},
        "MaHoSo": _CODE,
        "MaDichVu": {"type": "string", "maxLength": 40},
        "MaTTHC": _CODE,
        "TenTTHC": {"type": "string", "minLength": 1, "maxLength": 1000},
        "MaDonVi": _CODE,
        "TenDonVi": _TEXT,
        "MaLoaiHinhThuPhat": {"enum": ["1"]},
        "TenLoaiHinhThuPhat": _TEXT,
        "PhiLePhi": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["LoaiPhiLePhi", "MaPhiLePhi", "TenPhiLePhi", "SoTien"],
                "properties": {
                    "LoaiPhiLePhi": {"enum": ["1", "2"]},
                    "MaPhiLePhi": _CODE,
                    "TenPhiLePhi": _TEXT,
                    "SoTien": _AMOUNT,
                },
                "additionalProperties": False,
            },
        },
        "TongTien": _AMOUNT,
        "LoaiTien": {"const": "VND"},
        "NoiDungThanhToan": {"type": "string", "minLength": 1, "maxLength": 210},
        "TKThuHuong": _CODE,
        "MaNHThuHuong": _CODE,
        "TenTKThuHuong": _TEXT,
        "KhoBac": _TEXT,
        "TaiKhoanThuNSNN": _CODE,
        "HoTenNguoiNop": _TEXT,
        "SoCMNDNguoiNop": {"type": "string", "maxLength": 12},
        "DiaChiNguoiNop": {"type": "string", "maxLength": 255},
        "HuyenNguoiNop": {"type": "string", "maxLength": 100},
        "TinhNguoiNop": {"type": "string", "maxLength": 100},
        "ChuKy": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
    },
    "additionalProperties": False,
}

ANSWER_SCHEMA = {
    "type": "object",
    "required": ["MaLoi", "MoTa", "ChuKy"],
    "properties": {
        "MaLoi": {"type": "string"},
        "MoTa": {"type": "string"},
        "MaTraCuuTT": {"type": "string"},
        "MaGiaoDich": {"type": "string"},
        "UrlThanhToan": {"type": "string", "pattern": "^https?://"},
        "ChuKy": {"type": "string"},
    },
}

RESULT_SCHEMA = {
    "type": "object",
    "required": [*RESULT_FIELDS, "ChuKy"],
    "properties": {name: {"type": "string"} for name in (*RESULT_FIELDS, "PhuongThuc", "ChuKy")},
    "additionalProperties": False,
}

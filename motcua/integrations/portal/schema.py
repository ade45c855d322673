"""The JSON Schema of what the national portal accepts (domain.md §4.1, §4.3): the demo twin
validates every request against it, and the tests validate every payload motcua builds, for
every national status and channel."""

from __future__ import annotations

from functools import cache

from jsonschema import Draft202012Validator

from . import schema_catalogue

STAMP = {"type": "string", "pattern": r"^(\d{14})?$"}  # yyyyMMddHHmmss or empty
REQUIRED_STAMP = {"type": "string", "pattern": r"^\d{14}$"}
TEXT = {"type": "string", "maxLength": 2000}
NAME = {"type": "string", "minLength": 1, "maxLength": 1000}
FLAG = {"enum": [0, 1]}

FEE = {
    "type": "object",
    "required": ["TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"],
    "properties": {
        "TenPhiLePhi": NAME,
        "MaPhiLePhi": TEXT,
        "HinhThucThu": {"enum": [1, 2, 4]},
        "Gia": {"type": "integer", "minimum": 0},
        "LoaiPhiLePhi": {"enum": [1, 2]},
        "TrangThaiThanhToan": FLAG,
    },
}

SUPPLEMENT = {
    "type": "object",
    "required": ["HoSoBoSungId", "NoiDungBoSung", "NgayBoSung", "TrangThaiBoSung"],
    "properties": {
        "HoSoBoSungId": {"type": "string", "minLength": 1},
        "NguoiYeuCauBoSung": TEXT,
        "NoiDungBoSung": TEXT,
        "NgayBoSung": REQUIRED_STAMP,
        "NguoiTiepNhanBoSung": TEXT,
        "NgayTiepNhanBoSung": STAMP,
        "TrangThaiBoSung": FLAG,
        "DanhSachGiayToBoSung": {"type": "array", "items": {"type": "string"}},
        "DanhSachLePhiBoSung": {"type": "array", "items": FEE},
        "NgayHenTraTruoc": STAMP,
        "NgayHenTraMoi": STAMP,
    },
}

RESULT = {
    "type": "object",
    "required": ["TenGiayTo", "GiayToId", "DuongDanTepTinKetQua"],
    "properties": {
        "TenGiayTo": NAME,
        "MaThanhPhanHoSo": TEXT,
        "GiayToId": {"type": "string", "pattern": r"-KQ\d+$"},
        "MaKetQua": {"type": "string", "pattern": r"-KQ\d+$"},
        "DuongDanTepTinKetQua": {"type": "string", "pattern": r"^(https?://\S+)?$"},
    },
}

SUBMITTED = {
    "type": "object",
    "required": ["TenTepDinhKem", "TepDinhKemId", "IsDeleted", "DuocSoHoa", "DuocLayTuKhoDMQG"],
    "properties": {
        "TenTepDinhKem": NAME,
        "MaThanhPhanHoSo": TEXT,
        "TepDinhKemId": {"type": "string", "minLength": 1},
        "DuongDanTaiTepTin": TEXT,
        "IsDeleted": FLAG,
        "DuocSoHoa": FLAG,
        "DuocLayTuKhoDMQG": FLAG,
        "MaCSDL": TEXT,
    },
}

DOSSIER = {
    "type": "object",
    "required": [
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "KenhThucHien",
        "ChuHoSo",
        "LoaiDoiTuong",
        "NgayTiepNhan",
        "NgayHenTra",
        "TrangThaiHoSo",
        "HinhThuc",
        "DonViXuLy",
        "DanhSachLePhi",
        "DanhSachHoSoBoSung",
        "DanhSachGiayToKetQua",
        "TaiLieuNop",
    ],
    "properties": {
        "MaHoSo": {"type": "string", "minLength": 3, "maxLength": 50},
        "MaTTHC": {"type": "string", "minLength": 1, "maxLength": 50},
        "TenTTHC": NAME,
        "MaLinhVuc": TEXT,
        "TenLinhVuc": TEXT,
        "KenhThucHien": {"enum": [1, 2, 3]},
        "ChuHoSo": NAME,
        "LoaiDoiTuong": {"enum": [0, 1, 2]},
        "MaDoiTuong": TEXT,
        "Email": TEXT,
        "Fax": TEXT,
        "SoDienThoai": TEXT,
        "TrichYeuHoSo": TEXT,
        "NgayTiepNhan": STAMP,
        "NgayHenTra": STAMP,
        "TrangThaiHoSo": {"type": "integer", "minimum": 1, "maximum": 10},
        "NgayTra": STAMP,
        "NgayKetThucXuLy": STAMP,
        "HinhThuc": FLAG,
        "MaDonVi": TEXT,
        "DonViXuLy": NAME,
        "GhiChu": TEXT,
        "TaiKhoanDuocXacThucVoiVNeID": FLAG,
        "MaCSDL": TEXT,
        "HoSoCoThanhPhanSoHoa": FLAG,
        "DuocThanhToanTrucTuyen": {"enum": [0, 1, 2]},
        "DanhSachLePhi": {"type": "array", "items": FEE},
        "DanhSachTepDinhKemKhac": {"type": "array"},
        "DanhSachHoSoBoSung": {"type": "array", "items": SUPPLEMENT},
        "DanhSachGiayToKetQua": {"type": "array", "items": RESULT},
        "TaiLieuNop": {"type": "array", "items": SUBMITTED},
    },
    # Rules between fields: a dossier accepted or beyond has its receipt and appointment dates;
    # a delivered one its return date.
    "allOf": [
        {
            "if": {"properties": {"TrangThaiHoSo": {"enum": [2, 4, 8, 9, 10]}}},
            "then": {
                "properties": {
                    "NgayTiepNhan": REQUIRED_STAMP,
                    "NgayHenTra": REQUIRED_STAMP,
                }
            },
        },
        {
            "if": {"properties": {"TrangThaiHoSo": {"const": 10}}},
            "then": {"properties": {"NgayTra": REQUIRED_STAMP}},
        },
    ],
}

PROGRESS = {
    "type": "object",
    "required": ["MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai"],
    "properties": {
        "MaHoSo": {"type": "string", "minLength": 3, "maxLength": 50},
        "NguoiXuLy": NAME,
        "ChucDanh": TEXT,
        "ThoiDiemXuLy": REQUIRED_STAMP,
        "PhongBanXuLy": TEXT,
        "NoiDungXuLy": {"type": "string", "minLength": 1, "maxLength": 2000},
        "TrangThai": {"type": "integer", "minimum": 1, "maximum": 10},
        "NgayBatDau": STAMP,
        "NgayKetThucTheoQuyDinh": STAMP,
    },
}


def _envelope(service: str, item: dict) -> dict:
    return {
        "type": "object",
        "required": ["service", "data"],
        "properties": {
            "service": {"const": service},
            "isUpdating": {"type": "boolean"},
            "data": {"type": "array", "minItems": 1, "maxItems": 100, "items": item},
        },
    }


REQUESTS = {
    "DongBoHoSoMC": _envelope("DongBoHoSoMC", DOSSIER),
    "CapNhatTienDoHoSoMC": _envelope("CapNhatTienDoHoSoMC", PROGRESS),
    "DoiSoatHoSo": {
        "type": "object",
        "required": ["service", "ngay"],
        "properties": {
            "service": {"const": "DoiSoatHoSo"},
            "ngay": {"type": "string", "pattern": r"^\d{8}$"},
            "maDonVi": {"type": "string"},
        },
    },
    "TraCuuHoSo": {
        "type": "object",
        "required": ["service", "maHoSo"],
        "properties": {"service": {"const": "TraCuuHoSo"}, "maHoSo": {"type": "string"}},
    },
    **schema_catalogue.REQUESTS,
}


@cache
def validator(service: str) -> Draft202012Validator:
    return Draft202012Validator(REQUESTS[service])


def errors(service: str, body: dict) -> list[str]:
    """Every violation of ``body`` against the service's schema, as "path: message"."""
    if service not in REQUESTS:
        return [f"service: unknown service {service!r}"]
    found = sorted(validator(service).iter_errors(body), key=lambda e: list(e.absolute_path))
    return ["/".join(str(p) for p in error.absolute_path) + ": " + error.message for error in found]

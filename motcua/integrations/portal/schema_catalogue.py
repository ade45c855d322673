"""The JSON Schema of the national procedure database's services (CSDL quốc gia về TTHC, domain.md
§4.3 "other services", §6): the requests the demo portal accepts (``LayDanhSachTTHC``,
``LayThuTuc``, ``LayDanhMucCoQuan``, ``LayDanhMucLinhVuc``) and the procedure record it answers,
which the client checks before anything is written from it."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jsonschema (a third of a second) is imported when an answer is checked
    from jsonschema import Draft202012Validator

DAY = {"type": "string", "pattern": r"^(\d{8})?$"}  # yyyyMMdd or empty
STAMP = {"type": "string", "pattern": r"^\d{14}$"}  # yyyyMMddHHmmss
TEXT = {"type": "string", "maxLength": 20000}
NAME = {"type": "string", "minLength": 1, "maxLength": 1000}
PROCEDURE_CODE = {"type": "string", "pattern": r"^[0-9]\.[0-9]{6}(\.[A-Z][0-9]{2})?$"}
LEVEL = {"enum": ["BO", "TINH", "XA"]}
COUNT = {"type": "integer", "minimum": 0, "maximum": 99}

FEE = {
    "type": "object",
    "required": ["TenPhiLePhi", "LoaiPhiLePhi", "MucThu"],
    "additionalProperties": False,
    "properties": {
        "TenPhiLePhi": {"type": "string", "minLength": 1, "maxLength": 255},
        "MaPhiLePhi": {"type": "string", "maxLength": 50},
        "LoaiPhiLePhi": {"enum": [1, 2]},  # 1 phí, 2 lệ phí
        # A whole number of đồng, or null: the amount is set by the provincial People's Council.
        "MucThu": {"type": ["integer", "null"], "minimum": 0, "maximum": 99_999_999_999_999},
        "MoTa": TEXT,
    },
}

CHANNEL = {
    "type": "object",
    "required": ["KenhThucHien", "ThoiHanGiaiQuyet", "PhiLePhi"],
    "additionalProperties": False,
    "properties": {
        "KenhThucHien": {"enum": [1, 2, 3]},  # trực tiếp, trực tuyến, bưu chính công ích
        "ThoiHanGiaiQuyet": {
            "type": "object",
            "required": ["SoLuong", "DonViTinh"],
            "additionalProperties": False,
            "properties": {
                "SoLuong": {"type": "number", "minimum": 0, "maximum": 99999},
                "DonViTinh": {"enum": ["NgayLamViec", "GioLamViec", "Ngay", "Thang"]},
            },
        },
        "TrongNgay": {"type": "boolean"},
        "MoTa": TEXT,
        "PhiLePhi": {"type": "array", "items": FEE},
    },
}

COMPONENT = {
    "type": "object",
    "required": ["TenGiayTo", "SoBanChinh", "SoBanSao", "BatBuoc"],
    "additionalProperties": False,
    "properties": {
        "TenGiayTo": NAME,
        "SoBanChinh": COUNT,
        "SoBanSao": COUNT,
        "BatBuoc": {"type": "boolean"},
        "TruongHop": TEXT,
    },
}

LAW = {
    "type": "object",
    "required": ["SoKyHieu", "TrichYeu"],
    "additionalProperties": False,
    "properties": {
        "SoKyHieu": {"type": "string", "minLength": 1, "maxLength": 100},
        "TrichYeu": {"type": "string", "minLength": 1, "maxLength": 500},
        "NgayHieuLuc": DAY,
        "NgayHetHieuLuc": DAY,
    },
}

AGENCY = {
    "type": "object",
    "required": ["VaiTro", "TenCoQuan"],
    "additionalProperties": False,
    "properties": {
        "VaiTro": {"enum": ["ThucHien", "QuyetDinh", "PhoiHop"]},
        "Cap": LEVEL,
        "TenCoQuan": {"type": "string", "minLength": 1, "maxLength": 255},
    },
}

FIELD = {
    "type": "object",
    "required": ["MaLinhVuc", "TenLinhVuc"],
    "properties": {
        "MaLinhVuc": {"type": "string", "minLength": 1, "maxLength": 40},
        "TenLinhVuc": {"type": "string", "minLength": 1, "maxLength": 255},
    },
}

SUBJECTS = [
    "Công dân Việt Nam",
    "Người Việt Nam định cư ở nước ngoài",
    "Người nước ngoài",
    "Doanh nghiệp",
    "Hộ kinh doanh",
    "Tổ chức khác",
]

# One procedure in full, as LayThuTuc answers it (the mandatory components of ND 63/2010 Art. 8
# §2: name, sequence, channels, components, deadline, subjects, agencies, result, conditions,
# fees; and the record fields of domain.md §6.2).
RECORD = {
    "type": "object",
    "required": [
        "MaTTHC",
        "TenTTHC",
        "LinhVucThucHien",
        "CapThucHien",
        "DoiTuongThucHien",
        "TrinhTuThucHien",
        "CachThucThucHien",
        "ThanhPhanHoSo",
        "KetQuaThucHien",
        "CanCuPhapLy",
        "CoQuanThucHien",
        "SoQuyetDinh",
        "NgayQuyetDinh",
        "NgayHieuLuc",
        "TinhTrang",
        "NgayCapNhat",
    ],
    "properties": {
        "MaTTHC": PROCEDURE_CODE,
        "TenTTHC": {"type": "string", "minLength": 1, "maxLength": 500},
        "LinhVucThucHien": {"type": "array", "minItems": 1, "items": FIELD},
        "CapThucHien": LEVEL,
        "DoiTuongThucHien": {"type": "array", "items": {"enum": SUBJECTS}, "uniqueItems": True},
        "TrinhTuThucHien": TEXT,
        "CachThucThucHien": {"type": "array", "minItems": 1, "maxItems": 3, "items": CHANNEL},
        "ThanhPhanHoSo": {"type": "array", "items": COMPONENT},
        "KetQuaThucHien": {
            "type": "object",
            "required": ["TenKetQua"],
            "properties": {
                "TenKetQua": {"type": "string", "maxLength": 500},
                "LaVanBanGiayTo": {"type": "boolean"},
            },
        },
        "YeuCauDieuKien": TEXT,
        "CanCuPhapLy": {"type": "array", "items": LAW},
        "CoQuanThucHien": {"type": "array", "minItems": 1, "items": AGENCY},
        "MucDoDVC": {"enum": ["ToanTrinh", "MotPhan", ""]},
        "DuDieuKienToanTrinh": {"type": "boolean"},
        "SoQuyetDinh": {"type": "string", "maxLength": 100},
        "NgayQuyetDinh": DAY,
        "NgayHieuLuc": {"type": "string", "pattern": r"^\d{8}$"},
        "TinhTrang": {
            "enum": [
                "Đang công khai",
                "Đang công khai sửa đổi bổ sung",
                "Bãi bỏ",
                "Chờ dừng công khai",
                "Đang kiểm thử",
            ]
        },
        "NgayCapNhat": STAMP,
    },
}

SUMMARY = {
    "type": "object",
    "required": ["MaTTHC", "TenTTHC", "NgayCapNhat", "TinhTrang"],
    "properties": {
        "MaTTHC": PROCEDURE_CODE,
        "TenTTHC": NAME,
        "MaLinhVuc": {"type": "string"},
        "CapThucHien": LEVEL,
        "NgayCapNhat": STAMP,
        "TinhTrang": {"type": "string"},
    },
}

REQUESTS = {
    "LayDanhSachTTHC": {
        "type": "object",
        "required": ["service"],
        "additionalProperties": False,
        "properties": {
            "service": {"const": "LayDanhSachTTHC"},
            "trang": {"type": "integer", "minimum": 1},
            "soBanGhi": {"type": "integer", "minimum": 1, "maximum": 200},
            # Only procedures changed on or after this day (NgayCapNhat), yyyyMMdd.
            "tuNgay": {"type": "string", "pattern": r"^\d{8}$"},
            "maLinhVuc": {"type": "string", "maxLength": 40},
        },
    },
    "LayThuTuc": {
        "type": "object",
        "required": ["service", "maTTHC"],
        "additionalProperties": False,
        "properties": {"service": {"const": "LayThuTuc"}, "maTTHC": PROCEDURE_CODE},
    },
    "LayDanhMucCoQuan": {
        "type": "object",
        "required": ["service"],
        "additionalProperties": False,
        "properties": {
            "service": {"const": "LayDanhMucCoQuan"},
            "maCoQuanCha": {"type": "string", "maxLength": 40},
        },
    },
    "LayDanhMucLinhVuc": {
        "type": "object",
        "required": ["service"],
        "additionalProperties": False,
        "properties": {"service": {"const": "LayDanhMucLinhVuc"}},
    },
}

ANSWERS = {
    "LayDanhSachTTHC": {
        "type": "object",
        "required": ["TongSo", "Trang", "SoBanGhi", "DanhSach"],
        "properties": {
            "TongSo": {"type": "integer", "minimum": 0},
            "Trang": {"type": "integer", "minimum": 1},
            "SoBanGhi": {"type": "integer", "minimum": 1},
            "DanhSach": {"type": "array", "items": SUMMARY},
        },
    },
    "LayThuTuc": RECORD,
    "LayDanhMucCoQuan": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["MaCoQuan", "TenCoQuan", "Cap"],
            "properties": {
                "MaCoQuan": {"type": "string", "minLength": 1},
                "TenCoQuan": NAME,
                "Cap": LEVEL,
                "MaCoQuanCha": {"type": "string"},
            },
        },
    },
    "LayDanhMucLinhVuc": {"type": "array", "items": FIELD},
}


@cache
def answer_validator(service: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(ANSWERS[service])


def answer_errors(service: str, result) -> list[str]:
    """Every violation of the ``result`` of a catalogue service's answer, as "path: message"."""
    found = sorted(
        answer_validator(service).iter_errors(result), key=lambda e: list(e.absolute_path)
    )
    return ["/".join(str(p) for p in error.absolute_path) + ": " + error.message for error in found]

"""The demo register's protocol: one JSON request, one JSON answer, both checked against the
schemas below (the twin checks requests, the client checks answers). HTTP Basic credentials.

    POST <base>v1/citizens/lookup
    {"MaYeuCau": "…", "SoDinhDanh": "068080001234", "LyDo": "…",
     "DongY": {"CoDongY": true, "HinhThuc": "at_desk"}, "NguoiTraCuu": "…"}

    200 {"MaYeuCau": "…", "KetQua": "TIM_THAY", "CongDan": {…}}
    404 {"MaYeuCau": "…", "KetQua": "KHONG_TIM_THAY"}
    400 {"KetQua": "YEU_CAU_KHONG_HOP_LE", "LoiChiTiet": ["…"]}
    401 {"KetQua": "CHUA_XAC_THUC"}        403 {"KetQua": "TU_CHOI", "LoiChiTiet": ["…"]}"""

from __future__ import annotations

LOOKUP_PATH = "v1/citizens/lookup"

FOUND, NOT_FOUND = "TIM_THAY", "KHONG_TIM_THAY"
INVALID, UNAUTHENTICATED, REFUSED = "YEU_CAU_KHONG_HOP_LE", "CHUA_XAC_THUC", "TU_CHOI"
CONSENT_METHODS = ["at_desk", "online"]
SEX_CODES = {"NAM": "male", "NU": "female"}

REQUEST_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["MaYeuCau", "SoDinhDanh", "LyDo", "DongY", "NguoiTraCuu"],
    "properties": {
        "MaYeuCau": {"type": "string", "minLength": 8, "maxLength": 40},
        "SoDinhDanh": {"type": "string", "pattern": "^[0-9]{12}$"},
        "LyDo": {"type": "string", "minLength": 3, "maxLength": 255},
        "DongY": {
            "type": "object",
            "additionalProperties": False,
            "required": ["CoDongY", "HinhThuc"],
            "properties": {
                "CoDongY": {"type": "boolean"},
                "HinhThuc": {"enum": CONSENT_METHODS},
            },
        },
        "NguoiTraCuu": {"type": "string", "minLength": 1, "maxLength": 150},
    },
}

CITIZEN_SCHEMA = {
    "type": "object",
    "required": ["SoDinhDanh", "HoVaTen", "NgaySinh"],
    "properties": {
        "SoDinhDanh": {"type": "string", "pattern": "^[0-9]{12}$"},
        "HoVaTen": {"type": "string", "minLength": 1, "maxLength": 255},
        "NgaySinh": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "GioiTinh": {"enum": list(SEX_CODES)},
        "NoiThuongTru": {"type": "string", "maxLength": 255},
        "QueQuan": {"type": "string", "maxLength": 255},
        "DanToc": {"type": "string", "maxLength": 50},
    },
}

ANSWER_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["MaYeuCau", "KetQua"],
    "properties": {
        "MaYeuCau": {"type": "string"},
        "KetQua": {"enum": [FOUND, NOT_FOUND]},
        "CongDan": CITIZEN_SCHEMA,
    },
    "if": {"properties": {"KetQua": {"const": FOUND}}},
    "then": {"required": ["CongDan"]},
}

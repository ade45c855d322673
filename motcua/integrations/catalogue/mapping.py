"""A national procedure record (LayThuTuc, ``schema_catalogue.RECORD``) as catalogue content in
the catalogue file's JSON form (docs/catalog.md), merged with what only the province sets.

The national record decides: name, field, level, subjects, sequence, conditions, result, online
service level, channels with their processing times, fee lines with a national amount,
components (name, originals, copies, mandatory or conditional), legal basis, agencies by level,
publishing decision and effective date. The province keeps, from its latest version: internal
processes, fee amounts the national record leaves to the provincial People's Council (MucThu
null), fee lines counted per copy, page or item, specific receiving units, form templates,
where a component may be taken from, upload limits, the e-form's fields, the daily cut-off and
linked procedures."""

from __future__ import annotations

import datetime
import hashlib
import json

from motcua.catalog.constants import (
    AgencyRole,
    Channel,
    FeeBasis,
    FeeKind,
    FeeStage,
    OnlineLevel,
    ProcedureLevel,
    Requirement,
    Subject,
)

LEVELS = {
    "BO": ProcedureLevel.MINISTRY,
    "TINH": ProcedureLevel.PROVINCE,
    "XA": ProcedureLevel.COMMUNE,
}
# VersionAgency.level uses the agencies' levels, which have no ministry.
AGENCY_LEVELS = {"TINH": "province", "XA": "commune"}
CHANNELS = {1: Channel.DIRECT, 2: Channel.ONLINE, 3: Channel.POSTAL}
UNITS = {
    "NgayLamViec": "working_days",
    "GioLamViec": "working_hours",
    "Ngay": "calendar_days",
    "Thang": "calendar_months",
}
ROLES = {
    "ThucHien": AgencyRole.EXECUTING,
    "QuyetDinh": AgencyRole.RESOLVING,
    "PhoiHop": AgencyRole.COORDINATING,
}
ONLINE = {"ToanTrinh": OnlineLevel.FULL, "MotPhan": OnlineLevel.PARTIAL, "": OnlineLevel.NONE}
# The national list names subjects by their published wording.
SUBJECTS = {
    "Công dân Việt Nam": Subject.CITIZEN,
    "Người Việt Nam định cư ở nước ngoài": Subject.OVERSEAS_VIETNAMESE,
    "Người nước ngoài": Subject.FOREIGNER,
    "Doanh nghiệp": Subject.BUSINESS,
    "Hộ kinh doanh": Subject.HOUSEHOLD_BUSINESS,
    "Tổ chức khác": Subject.ORGANISATION,
}


def fingerprint(record: dict) -> str:
    """SHA-256 of the national content, without the update stamp (re-saving the same content on
    the national side is no change)."""
    content = {k: v for k, v in record.items() if k != "NgayCapNhat"}
    return hashlib.sha256(
        json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    ).hexdigest()


def iso_day(value: str) -> str | None:
    """yyyyMMdd → YYYY-MM-DD (None when empty)."""
    if not value:
        return None
    return datetime.datetime.strptime(value, "%Y%m%d").date().isoformat()


def _fee_lines(national: list[dict], local_channel: dict | None) -> list[dict]:
    local_lines = (local_channel or {}).get("fee_lines", [])
    fixed = {
        line["name"]: line for line in local_lines if line.get("basis", FeeBasis.FIXED) == "fixed"
    }
    lines = []
    for fee in national:
        kept = fixed.get(fee["TenPhiLePhi"])
        # MucThu null: set by the provincial People's Council, so the province's amount stays.
        province_amount = kept["amount"] if kept else 0
        amount = fee["MucThu"] if fee["MucThu"] is not None else province_amount
        lines.append(
            {
                **(kept or {}),
                "name": fee["TenPhiLePhi"],
                "code": fee.get("MaPhiLePhi") or (kept or {}).get("code", ""),
                "kind": FeeKind.FEE if fee["LoaiPhiLePhi"] == 1 else FeeKind.CHARGE,
                "amount": amount,
                "stage": (kept or {}).get("stage", FeeStage.AT_RECEIPT),
                "description": (kept or {}).get("description") or fee.get("MoTa", ""),
                "basis": FeeBasis.FIXED,
            }
        )
    # Lines counted per copy, page or item are the province's counting rules: kept.
    lines += [line for line in local_lines if line.get("basis", "fixed") != "fixed"]
    return lines


def _channels(record: dict, local: dict) -> list[dict]:
    local_channels = {c["channel"]: c for c in local.get("channels", [])}
    channels = []
    for row in record["CachThucThucHien"]:
        channel = CHANNELS[row["KenhThucHien"]]
        time = row["ThoiHanGiaiQuyet"]
        channels.append(
            {
                "channel": channel,
                "processing_time": {"amount": time["SoLuong"], "unit": UNITS[time["DonViTinh"]]},
                "same_day": row.get("TrongNgay", False),
                "description": row.get("MoTa", ""),
                "fee_lines": _fee_lines(row["PhiLePhi"], local_channels.get(channel)),
            }
        )
    return channels


def _components(record: dict, local: dict) -> list[dict]:
    local_components = {c["name"]: c for c in local.get("components", [])}
    components = []
    for row in record["ThanhPhanHoSo"]:
        kept = local_components.get(row["TenGiayTo"], {})
        mandatory = row["BatBuoc"]
        components.append(
            {
                **kept,
                "name": row["TenGiayTo"],
                "originals": row["SoBanChinh"],
                "copies": row["SoBanSao"],
                "requirement": Requirement.MANDATORY if mandatory else Requirement.CONDITIONAL,
                "condition": "" if mandatory else row.get("TruongHop", ""),
            }
        )
    return components


def _agencies(record: dict, local: dict) -> list[dict]:
    specific = {(a["role"], a["name"]): a.get("agency") for a in local.get("agencies", [])}
    rows = []
    for row in record["CoQuanThucHien"]:
        role = ROLES[row["VaiTro"]]
        rows.append(
            {
                "role": role,
                "level": AGENCY_LEVELS.get(row.get("Cap", ""), ""),
                "agency": specific.get((role, row["TenCoQuan"])),
                "name": row["TenCoQuan"],
            }
        )
    return rows


def source_note(record: dict, pulled_at: datetime.datetime) -> str:
    decision = record["SoQuyetDinh"] or "—"
    day = iso_day(record["NgayQuyetDinh"])
    shown = datetime.date.fromisoformat(day).strftime("%d/%m/%Y") if day else "—"
    return (
        f"Nội dung lấy từ CSDL quốc gia về TTHC (Cổng DVCQG) lúc {pulled_at:%H:%M %d/%m/%Y}: "
        f"quyết định công bố {decision} ngày {shown}, tình trạng “{record['TinhTrang']}”. "
        "Quy trình nội bộ, mức thu do tỉnh quy định, đơn vị tiếp nhận cụ thể và mẫu đơn giữ "
        "theo phiên bản trước của tỉnh (nếu có); cán bộ danh mục kiểm tra, bổ sung rồi công bố."
    )


def content(record: dict, local: dict | None, *, pulled_at: datetime.datetime) -> dict:
    """The catalogue content of a draft carrying ``record``, merged with ``local`` (the latest
    local version's content, or None for a procedure new to the province)."""
    local = local or {}
    result = local.get("result") or {}
    return {
        "name": record["TenTTHC"],
        "field": record["LinhVucThucHien"][0]["MaLinhVuc"],
        "level": LEVELS[record["CapThucHien"]],
        "subjects": [SUBJECTS[s] for s in record["DoiTuongThucHien"]],
        "sequence": record["TrinhTuThucHien"],
        "conditions": record.get("YeuCauDieuKien", ""),
        "result": {
            "name": record["KetQuaThucHien"]["TenKetQua"],
            "template": result.get("template"),
            "is_document": record["KetQuaThucHien"].get("LaVanBanGiayTo", True),
        },
        "online_level": ONLINE[record.get("MucDoDVC", "")],
        "full_online_eligible": record.get("DuDieuKienToanTrinh", False),
        "cutoff_time": local.get("cutoff_time"),
        "valid_from": iso_day(record["NgayHieuLuc"]),
        "decision_number": record["SoQuyetDinh"],
        "decision_date": iso_day(record["NgayQuyetDinh"]),
        "source_note": source_note(record, pulled_at),
        "form_fields": local.get("form_fields", []),
        "agencies": _agencies(record, local),
        "channels": _channels(record, local),
        "components": _components(record, local),
        "legal_basis": [
            {
                "number": row["SoKyHieu"],
                "title": row["TrichYeu"],
                "effective_from": iso_day(row.get("NgayHieuLuc", "")),
                "effective_to": iso_day(row.get("NgayHetHieuLuc", "")),
            }
            for row in record["CanCuPhapLy"]
        ],
        "processes": local.get("processes", []),
        "linked_procedures": local.get("linked_procedures", []),
    }

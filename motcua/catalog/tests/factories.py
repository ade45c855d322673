"""Catalogue test data, made through the services as in production: a draft is created,
filled with parts in the catalogue file format, and published."""

from __future__ import annotations

import copy
import datetime
import itertools

from motcua.catalog import services
from motcua.catalog.models import Field, ProcedureVersion

_serial = itertools.count(1)

JULY_2025 = datetime.date(2025, 7, 1)


def field(code: str = "HT", name: str = "Hộ tịch") -> Field:
    return services.create_field(code=code, name=name)


def steps(*hours, stages=None) -> list[dict]:
    """One step per amount of working hours, desk first, with roles filled in."""
    units = ["desk", "specialist_unit", "leadership", "registry", "desk"]
    roles = ["desk_officer", "specialist", "agency_leader", "registry_clerk", "desk_officer"]
    out = []
    for i, amount in enumerate(hours):
        out.append(
            {
                "stage": stages[i] if stages else i + 1,
                "name": f"Bước {i + 1}",
                "unit": units[i % len(units)],
                "role": roles[i % len(roles)],
                "quota": {"amount": amount, "unit": "working_hours"},
            }
        )
    return out


def parts(
    *,
    days: float = 1,
    unit: str = "working_days",
    fee: int = 0,
    step_hours=(1, 4, 2, 0.5, 0.5),
    channels=("direct", "online"),
    form: str | None = None,
) -> dict:
    """Parts of a valid commune-level version whose steps add up to ``days``."""
    return {
        "agencies": [{"role": "executing", "level": "commune", "name": "Ủy ban nhân dân cấp xã"}],
        "channels": [
            {
                "channel": channel,
                "processing_time": {"amount": days, "unit": unit},
                "fee_lines": [{"name": "Lệ phí", "amount": fee, "stage": "at_receipt"}],
            }
            for channel in channels
        ],
        "components": [
            {"name": "Tờ khai theo mẫu", "originals": 1, "form": form},
            {
                "name": "Văn bản ủy quyền",
                "originals": 1,
                "requirement": "conditional",
                "condition": "Khi ủy quyền",
            },
        ],
        "legal_basis": [
            {"number": "60/2014/QH13", "title": "Luật Hộ tịch", "effective_from": "2016-01-01"}
        ],
        "processes": [{"name": "Quy trình chung", "steps": steps(*step_hours)}],
    }


def draft(
    code: str | None = None,
    *,
    name: str = "Đăng ký khai sinh",
    actor=None,
    parts_data: dict | None = None,
    online_level: str = "full",
    **values,
) -> ProcedureVersion:
    code = code or f"1.{900000 + next(_serial):06d}"
    version = services.create_draft(
        code,
        actor=actor,
        name=name,
        field=values.pop("field", None) or field(),
        level=values.pop("level", "commune"),
        subjects=values.pop("subjects", ["citizen"]),
        sequence=values.pop("sequence", "Bước 1: nộp hồ sơ. Bước 2: nhận kết quả."),
        result_name=values.pop("result_name", "Giấy khai sinh"),
        online_level=online_level,
        full_online_eligible=online_level == "full",
        **values,
    )
    return services.replace_draft_parts(
        version, actor=actor, parts=copy.deepcopy(parts_data or parts())
    )


def published(
    code: str | None = None,
    *,
    valid_from: datetime.date = JULY_2025,
    actor=None,
    decision_number: str = "1/QĐ-UBND",
    **kwargs,
) -> ProcedureVersion:
    version = draft(code, actor=actor, **kwargs)
    return services.publish_version(
        version,
        actor=actor,
        valid_from=valid_from,
        decision_number=decision_number,
        decision_date=valid_from - datetime.timedelta(days=10),
    )

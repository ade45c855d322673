"""A readable comparison of proposed catalogue content (a national record merged by ``mapping``)
with the local latest version, on the parts the national record decides. Each changed part is
one row: its label, the text before and after, and the lines removed and added (lists are one
line per item, so a changed deadline or a new component stands out)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from motcua.catalog.constants import (
    AgencyRole,
    Channel,
    FeeKind,
    OnlineLevel,
    ProcedureLevel,
    Requirement,
    Subject,
)
from motcua.worktime.constants import DurationUnit


@dataclass
class Change:
    key: str
    label: str
    before: list[str]
    after: list[str]
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    # Shown for information (the publishing decision, the effective date): it goes into the
    # draft but alone does not make the procedure "changed".
    informative: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else str(value)


def _number(value) -> str:
    number = float(value)
    return str(int(number)) if number == int(number) else f"{number:g}".replace(".", ",")


def _money(value) -> str:
    return f"{int(value):,}".replace(",", ".") + " đ"


def _day(value) -> str:
    if not value:
        return "—"
    return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")


def _channels(content: dict) -> list[str]:
    lines = []
    for c in content.get("channels", []):
        time = c["processing_time"]
        fees = "; ".join(
            f"{f['name']} ({_label(FeeKind, f['kind'])}): {_money(f['amount'])}"
            + ("" if f.get("basis", "fixed") == "fixed" else f" / {f.get('unit') or '…'}")
            for f in c.get("fee_lines", [])
        )
        lines.append(
            f"{_label(Channel, c['channel'])}: {_number(time['amount'])} "
            f"{_label(DurationUnit, time['unit'])}"
            + (_(", trong ngày") if c.get("same_day") else "")
            + (f" — {fees}" if fees else _(" — không thu phí, lệ phí"))
        )
    return lines


def _components(content: dict) -> list[str]:
    lines = []
    for c in content.get("components", []):
        kind = (
            _("bắt buộc")
            if c.get("requirement", "mandatory") == Requirement.MANDATORY
            else _("trường hợp: %(c)s") % {"c": c.get("condition") or "…"}
        )
        lines.append(
            _("%(name)s: %(o)s bản chính, %(c)s bản sao (%(kind)s)")
            % {"name": c["name"], "o": c.get("originals", 0), "c": c.get("copies", 0), "kind": kind}
        )
    return lines


PARTS = [
    ("name", _l("Tên thủ tục"), lambda c: [c["name"]]),
    ("field", _l("Lĩnh vực"), lambda c: [c["field"]]),
    ("level", _l("Cấp thực hiện"), lambda c: [_label(ProcedureLevel, c["level"])]),
    (
        "subjects",
        _l("Đối tượng thực hiện"),
        lambda c: [_label(Subject, s) for s in c.get("subjects", [])],
    ),
    ("sequence", _l("Trình tự thực hiện"), lambda c: (c.get("sequence") or "").splitlines()),
    ("conditions", _l("Yêu cầu, điều kiện"), lambda c: (c.get("conditions") or "").splitlines()),
    (
        "result",
        _l("Kết quả thực hiện"),
        lambda c: [
            (c.get("result") or {}).get("name", "")
            + ("" if (c.get("result") or {}).get("is_document", True) else _(" (không là giấy tờ)"))
        ],
    ),
    (
        "online_level",
        _l("Mức độ dịch vụ công trực tuyến"),
        lambda c: [
            _label(OnlineLevel, c.get("online_level", "none"))
            + (_(" — đủ điều kiện toàn trình") if c.get("full_online_eligible") else "")
        ],
    ),
    ("channels", _l("Cách thức thực hiện, thời hạn giải quyết, phí, lệ phí"), _channels),
    ("components", _l("Thành phần hồ sơ"), _components),
    (
        "legal_basis",
        _l("Căn cứ pháp lý"),
        lambda c: [
            f"{d['number']} – {d['title']}"
            + (
                _(" (hiệu lực %(d)s)") % {"d": _day(d["effective_from"])}
                if d.get("effective_from")
                else ""
            )
            for d in c.get("legal_basis", [])
        ],
    ),
    (
        "agencies",
        _l("Cơ quan thực hiện"),
        lambda c: [f"{_label(AgencyRole, a['role'])}: {a['name']}" for a in c.get("agencies", [])],
    ),
]

INFORMATIVE = [
    (
        "decision",
        _l("Quyết định công bố"),
        lambda c: [
            (c.get("decision_number") or "—")
            + _(" ngày %(d)s") % {"d": _day(c.get("decision_date"))}
        ],
    ),
    ("valid_from", _l("Ngày hiệu lực"), lambda c: [_day(c.get("valid_from"))]),
]


def _change(key, label, render, proposed, local, informative=False) -> Change | None:
    after = render(proposed)
    before = render(local) if local is not None else []
    if after == before:
        return None
    return Change(
        key=key,
        label=str(label),
        before=before,
        after=after,
        removed=[line for line in before if line not in after],
        added=[line for line in after if line not in before],
        informative=informative,
    )


def compare(proposed: dict, local: dict | None) -> list[Change]:
    """The parts of ``proposed`` that differ from ``local`` (every part when ``local`` is None),
    followed by the publishing decision and effective date when they differ too."""
    changes = [_change(k, label, render, proposed, local) for k, label, render in PARTS]
    changes = [c for c in changes if c is not None]
    if changes:
        changes += [
            c
            for c in (
                _change(k, label, render, proposed, local, informative=True)
                for k, label, render in INFORMATIVE
            )
            if c is not None
        ]
    return changes

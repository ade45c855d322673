"""Reading a catalogue file (JSON) into canonical Python values, with the path of every fault.

The canonical form is what the exporter also builds from the database, so that an incoming
version can be compared with a stored one, and so that export → import → export is exact.
Paths look like ``procedures[3].versions[0].channels[1].fee_lines[0].amount``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from motcua.agencies.constants import Level, Role
from motcua.worktime.constants import DurationUnit

from ..constants import (
    MAX_UPLOAD_MB,
    AgencyRole,
    Channel,
    ComponentSource,
    Coordination,
    FileType,
    OnlineLevel,
    ProcedureLevel,
    Requirement,
    StepOutput,
    StepUnit,
    Subject,
    VersionStatus,
)
from .fee_lines import check_fee_rules, parse_fee_line
from .form_fields import parse_form_fields
from .synonyms import parse_synonyms

FORMAT = "motcua.catalog/1"
PROCEDURE_CODE = re.compile(r"^[0-9]\.[0-9]{6}(\.[A-Z][0-9]{2})?$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
MISSING = object()


class CatalogueFileError(Exception):
    """A file that cannot be imported; ``problems`` holds (path, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))


class Reader:
    """Reads typed values out of decoded JSON and remembers every problem with its path."""

    LIMIT = 200

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def fail(self, path: str, message: str) -> None:
        if len(self.problems) < self.LIMIT:
            self.problems.append((path.removeprefix("$."), message))

    def check(self) -> None:
        if self.problems:
            raise CatalogueFileError(self.problems)

    def obj(self, value: Any, path: str) -> dict:
        if not isinstance(value, dict):
            self.fail(path, _("phải là một đối tượng JSON {…}"))
            return {}
        return value

    def items(self, data: dict, key: str, path: str) -> list[tuple[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", _("phải là một danh sách […]"))
            return []
        return [(f"{path}.{key}[{i}]", item) for i, item in enumerate(value)]

    def _raw(self, data: dict, key: str, path: str, required: bool) -> Any:
        value = data.get(key, MISSING)
        if value is MISSING or value is None:
            if required:
                self.fail(f"{path}.{key}", _("bắt buộc phải có"))
            return MISSING
        return value

    def text(
        self, data: dict, key: str, path: str, *, required=False, max_length=None, default=""
    ) -> str:
        value = self._raw(data, key, path, required)
        if value is MISSING:
            return default
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", _("phải là chuỗi ký tự"))
            return default
        if required and not value.strip():
            self.fail(f"{path}.{key}", _("không được để trống"))
        if max_length is not None and len(value) > max_length:
            self.fail(f"{path}.{key}", _("dài quá %(max)d ký tự") % {"max": max_length})
        return value

    def choice(self, data: dict, key: str, path: str, choices, *, default=MISSING) -> str:
        value = self._raw(data, key, path, default is MISSING)
        if value is MISSING:
            return "" if default is MISSING else default
        if value == "" and default == "":
            return ""
        if value not in choices.values:
            self.fail(
                f"{path}.{key}",
                _("giá trị %(value)r không hợp lệ; dùng một trong: %(allowed)s")
                % {"value": value, "allowed": ", ".join(choices.values)},
            )
            return "" if default is MISSING else default
        return value

    def boolean(self, data: dict, key: str, path: str, *, default: bool) -> bool:
        value = self._raw(data, key, path, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", _("phải là true hoặc false"))
            return default
        return value

    def integer(self, data: dict, key: str, path: str, *, default=MISSING, minimum=0) -> int:
        value = self._raw(data, key, path, default is MISSING)
        if value is MISSING:
            return 0 if default is MISSING else default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(
                f"{path}.{key}", _("phải là số nguyên không nhỏ hơn %(min)d") % {"min": minimum}
            )
            return minimum
        return value

    def decimal(self, data: dict, key: str, path: str, *, places: int, maximum: Decimal) -> Decimal:
        value = self._raw(data, key, path, True)
        if value is MISSING:
            return Decimal(0)
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            self.fail(f"{path}.{key}", _("phải là một số"))
            return Decimal(0)
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(f"{path}.{key}", _("%(value)r không phải là số") % {"value": value})
            return Decimal(0)
        if not number.is_finite() or number < 0 or number > maximum:
            self.fail(
                f"{path}.{key}",
                _("phải là số từ 0 đến %(max)s") % {"max": f"{maximum:f}"},
            )
            return Decimal(0)
        if number != number.quantize(Decimal(1).scaleb(-places)):
            message = (
                _("phải là số đồng nguyên, không có phần lẻ")
                if places == 0
                else _("chỉ được có tối đa %(places)d chữ số thập phân") % {"places": places}
            )
            self.fail(f"{path}.{key}", message)
            return Decimal(0)
        return number

    def date(self, data: dict, key: str, path: str, *, required=False) -> datetime.date | None:
        value = self._raw(data, key, path, required)
        if value is MISSING:
            return None
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{path}.{key}", _("phải là ngày dạng YYYY-MM-DD"))
        return None

    def time(self, data: dict, key: str, path: str) -> datetime.time | None:
        value = self._raw(data, key, path, False)
        if value is MISSING:
            return None
        if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
            return datetime.time.fromisoformat(value)
        self.fail(f"{path}.{key}", _("phải là giờ dạng HH:MM, ví dụ 15:00"))
        return None


def _duration(reader: Reader, data: dict, key: str, path: str) -> dict:
    value = reader.obj(data.get(key), f"{path}.{key}")
    where = f"{path}.{key}"
    return {
        "amount": reader.decimal(value, "amount", where, places=2, maximum=Decimal(99999)),
        "unit": reader.choice(value, "unit", where, DurationUnit),
    }


def parse_channel(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    return {
        "channel": reader.choice(data, "channel", path, Channel),
        "processing_time": _duration(reader, data, "processing_time", path),
        "same_day": reader.boolean(data, "same_day", path, default=False),
        "description": reader.text(data, "description", path),
        "fee_lines": [
            parse_fee_line(reader, item, p) for p, item in reader.items(data, "fee_lines", path)
        ],
    }


def parse_component(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    return {
        "name": reader.text(data, "name", path, required=True, max_length=1000),
        "code": reader.text(data, "code", path, max_length=50),
        "form": _sha(reader, data, "form", path),
        "originals": reader.integer(data, "originals", path, default=0),
        "copies": reader.integer(data, "copies", path, default=0),
        "requirement": reader.choice(
            data, "requirement", path, Requirement, default=Requirement.MANDATORY
        ),
        "condition": reader.text(data, "condition", path),
        "source": reader.choice(
            data, "source", path, ComponentSource, default=ComponentSource.APPLICANT
        ),
        "national_database": reader.text(data, "national_database", path, max_length=255),
        "vneid_exempt": reader.boolean(data, "vneid_exempt", path, default=False),
        "max_upload_mb": _upload_limit(reader, data, "max_upload_mb", path),
        "accepted_types": _file_types(reader, data, "accepted_types", path),
    }


def _upload_limit(reader: Reader, data: dict, key: str, path: str) -> int | None:
    """A whole number of MB from 1 to MAX_UPLOAD_MB, or null for the system default."""
    value = reader.integer(data, key, path, default=None, minimum=1)
    if value is not None and value > MAX_UPLOAD_MB:
        reader.fail(
            f"{path}.{key}",
            _("phải là số MB từ 1 đến %(max)d, hoặc null để theo mức chung của hệ thống")
            % {"max": MAX_UPLOAD_MB},
        )
        return None
    return value


def _file_types(reader: Reader, data: dict, key: str, path: str) -> list[str]:
    """A non-empty list of FileType values, in their canonical order (default: all of them)."""
    value = data.get(key, MISSING)
    if value is MISSING or value is None:
        return list(FileType.values)
    if (
        not isinstance(value, list)
        or not value
        or any(item not in FileType.values for item in value)
        or len(set(value)) != len(value)
    ):
        reader.fail(
            f"{path}.{key}",
            _("phải là danh sách không rỗng, mỗi loại một lần, gồm các giá trị: %(allowed)s")
            % {"allowed": ", ".join(FileType.values)},
        )
        return list(FileType.values)
    return [t for t in FileType.values if t in value]


def parse_agency(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    return {
        "role": reader.choice(data, "role", path, AgencyRole),
        "level": reader.choice(data, "level", path, Level, default=""),
        "agency": reader.text(data, "agency", path, max_length=13) or None,
        "name": reader.text(data, "name", path, required=True, max_length=255),
    }


def parse_legal_basis(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    return {
        "number": reader.text(data, "number", path, required=True, max_length=100),
        "title": reader.text(data, "title", path, required=True, max_length=500),
        "effective_from": reader.date(data, "effective_from", path),
        "effective_to": reader.date(data, "effective_to", path),
    }


def parse_step(reader: Reader, raw: Any, path: str, order: int) -> dict:
    data = reader.obj(raw, path)
    return {
        "stage": reader.integer(data, "stage", path, default=order, minimum=1),
        "name": reader.text(data, "name", path, required=True, max_length=500),
        "unit": reader.choice(data, "unit", path, StepUnit),
        "role": reader.choice(data, "role", path, Role, default=""),
        "agency_level": reader.choice(data, "agency_level", path, Level, default=""),
        "agency_name": reader.text(data, "agency_name", path, max_length=255),
        "quota": _duration(reader, data, "quota", path),
        "output_kind": reader.choice(
            data, "output_kind", path, StepOutput, default=StepOutput.NONE
        ),
        "output_name": reader.text(data, "output_name", path, max_length=255),
    }


def parse_process(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    steps = reader.items(data, "steps", path)
    return {
        "name": reader.text(data, "name", path, max_length=255),
        "agency": reader.text(data, "agency", path, max_length=13) or None,
        "channel": reader.choice(data, "channel", path, Channel, default=""),
        "coordination": reader.choice(
            data, "coordination", path, Coordination, default=Coordination.SINGLE
        ),
        "lead_agency_name": reader.text(data, "lead_agency_name", path, max_length=255),
        "decision_number": reader.text(data, "decision_number", path, max_length=100),
        "steps": [parse_step(reader, item, p, i) for i, (p, item) in enumerate(steps, start=1)],
    }


def parse_linked(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    code = reader.text(data, "code", path, required=True, max_length=40)
    if code and not PROCEDURE_CODE.match(code):
        reader.fail(f"{path}.code", _("mã thủ tục %(code)r không đúng dạng") % {"code": code})
    return {"code": code, "note": reader.text(data, "note", path, max_length=255)}


def _sha(reader: Reader, data: dict, key: str, path: str) -> str | None:
    value = reader.text(data, key, path)
    if value and not SHA256.match(value):
        reader.fail(f"{path}.{key}", _("phải là mã SHA-256 (64 ký tự hex) của một mẫu trong forms"))
    return value or None


def parse_parts(reader: Reader, data: dict, path: str, *, form_fields: list[dict]) -> dict:
    """The child rows of a version: agencies, channels, components, legal basis, processes,
    linked procedures. Fee lines are checked against the version's ``form_fields``."""

    def each(key, parse):
        return [parse(reader, item, p) for p, item in reader.items(data, key, path)]

    channels = each("channels", parse_channel)
    check_fee_rules(reader, channels, form_fields, path)
    seen: set[str] = set()
    for i, channel in enumerate(channels):
        if channel["channel"] in seen:
            reader.fail(f"{path}.channels[{i}].channel", _("kênh này đã khai báo ở trên"))
        seen.add(channel["channel"])
    linked = each("linked_procedures", parse_linked)
    codes = [link["code"] for link in linked]
    for i, code in enumerate(codes):
        if code in codes[:i]:
            reader.fail(f"{path}.linked_procedures[{i}].code", _("thủ tục này đã khai báo ở trên"))
    order = list(Channel.values)
    return {
        "agencies": each("agencies", parse_agency),
        # Channels have one canonical order (direct, online, postal), whatever the file says.
        "channels": sorted(
            channels, key=lambda c: order.index(c["channel"]) if c["channel"] else 0
        ),
        "components": each("components", parse_component),
        "legal_basis": each("legal_basis", parse_legal_basis),
        "processes": each("processes", parse_process),
        "linked_procedures": linked,
    }


def parse_header(reader: Reader, data: dict, path: str) -> dict:
    subjects = data.get("subjects", [])
    if not isinstance(subjects, list) or any(s not in Subject.values for s in subjects):
        reader.fail(
            f"{path}.subjects",
            _("phải là danh sách gồm các giá trị: %(allowed)s")
            % {"allowed": ", ".join(Subject.values)},
        )
        subjects = []
    result = reader.obj(data.get("result", {}), f"{path}.result")
    return {
        "name": reader.text(data, "name", path, required=True, max_length=500),
        "field": reader.text(data, "field", path, required=True, max_length=40),
        "level": reader.choice(data, "level", path, ProcedureLevel),
        "subjects": list(subjects),
        "sequence": reader.text(data, "sequence", path),
        "conditions": reader.text(data, "conditions", path),
        "result": {
            "name": reader.text(result, "name", f"{path}.result", max_length=500),
            "template": _sha(reader, result, "template", f"{path}.result"),
            "is_document": reader.boolean(result, "is_document", f"{path}.result", default=True),
        },
        "online_level": reader.choice(
            data, "online_level", path, OnlineLevel, default=OnlineLevel.NONE
        ),
        "full_online_eligible": reader.boolean(data, "full_online_eligible", path, default=False),
        "cutoff_time": reader.time(data, "cutoff_time", path),
        "valid_from": reader.date(data, "valid_from", path),
        "valid_to": reader.date(data, "valid_to", path),
        "decision_number": reader.text(data, "decision_number", path, max_length=100),
        "decision_date": reader.date(data, "decision_date", path),
        "source_note": reader.text(data, "source_note", path),
        "form_fields": parse_form_fields(
            reader, data.get("form_fields", []), f"{path}.form_fields"
        ),
    }


def parse_version(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    spec = {
        "number": reader.integer(data, "number", path, minimum=1),
        "status": reader.choice(data, "status", path, VersionStatus),
    }
    spec.update(parse_header(reader, data, path))
    spec.update(parse_parts(reader, data, path, form_fields=spec["form_fields"]))
    if spec["status"] == VersionStatus.PUBLISHED and spec["valid_from"] is None:
        reader.fail(f"{path}.valid_from", _("phiên bản đang công khai phải có ngày hiệu lực"))
    if spec["valid_from"] and spec["valid_to"] and spec["valid_to"] < spec["valid_from"]:
        reader.fail(f"{path}.valid_to", _("không được trước ngày hiệu lực valid_from"))
    return spec


def parse_form(reader: Reader, raw: Any, path: str) -> dict:
    data = reader.obj(raw, path)
    sha = reader.text(data, "sha256", path, required=True)
    if sha and not SHA256.match(sha):
        reader.fail(f"{path}.sha256", _("phải là 64 ký tự hex chữ thường"))
    encoded = reader.text(data, "content_base64", path, required=True)
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        reader.fail(f"{path}.content_base64", _("không phải dữ liệu base64 hợp lệ"))
        content = b""
    if content and sha and hashlib.sha256(content).hexdigest() != sha:
        reader.fail(f"{path}.sha256", _("không khớp với SHA-256 của nội dung tệp"))
    return {
        "sha256": sha,
        "title": reader.text(data, "title", path, required=True, max_length=500),
        "filename": reader.text(data, "filename", path, required=True, max_length=255),
        "content_type": reader.text(data, "content_type", path, required=True, max_length=100),
        "content": content,
    }


def parse_catalogue(raw: Any) -> dict:
    """The whole file, canonical; raises CatalogueFileError listing every fault found."""
    reader = Reader()
    data = reader.obj(raw, "$")
    if data and data.get("format") != FORMAT:
        reader.fail("$.format", _("phải là %(format)r") % {"format": FORMAT})
    fields = []
    for path, item in reader.items(data, "fields", "$"):
        entry = reader.obj(item, path)
        fields.append(
            {
                "code": reader.text(entry, "code", path, required=True, max_length=40),
                "name": reader.text(entry, "name", path, required=True, max_length=255),
            }
        )
    forms = [parse_form(reader, item, path) for path, item in reader.items(data, "forms", "$")]
    procedures = []
    for path, item in reader.items(data, "procedures", "$"):
        entry = reader.obj(item, path)
        code = reader.text(entry, "code", path, required=True, max_length=40)
        if code and not PROCEDURE_CODE.match(code):
            reader.fail(
                f"{path}.code",
                _("mã thủ tục %(code)r không đúng dạng 1.001193 hoặc 1.000948.H38")
                % {"code": code},
            )
        entries = reader.items(entry, "versions", path)
        procedures.append(
            {
                "code": code,
                "versions": [parse_version(reader, v, p) for p, v in entries],
                "path": path.removeprefix("$."),
                "version_paths": [p.removeprefix("$.") for p, _v in entries],
            }
        )
    synonyms = parse_synonyms(reader, data)
    reader.check()
    return {"fields": fields, "forms": forms, "procedures": procedures, "synonyms": synonyms}

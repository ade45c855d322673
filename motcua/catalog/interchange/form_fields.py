"""The application form's own fields in a catalogue file (``form_fields`` of a version), with
the clerk's date rules declared on them (``not_before``/``not_after``, see
``catalog.answer_checks``)."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from ..answer_checks import DATE_RULES, SPECIAL_REFERENCES

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
FIELD_KINDS = ("text", "textarea", "integer", "date", "choice")
PREFILL = re.compile(r"^[a-z]+\.[a-z_]+$")


def parse_form_fields(reader, raw: Any, path: str) -> list[dict]:
    """The procedure's own fields of the electronic application form (tờ khai điện tử)."""
    if not isinstance(raw, list):
        reader.fail(path, _("phải là một danh sách"))
        return []
    fields, seen = [], set()
    for index, item in enumerate(raw):
        where = f"{path}[{index}]"
        data = reader.obj(item, where)
        name = reader.text(data, "name", where, required=True, max_length=40)
        if name and not FIELD_NAME.match(name):
            reader.fail(f"{where}.name", _("chỉ gồm chữ thường không dấu, số và dấu gạch dưới"))
        if name in seen:
            reader.fail(f"{where}.name", _("bị trùng"))
        seen.add(name)
        kind = data.get("kind", "text")
        if kind not in FIELD_KINDS:
            reader.fail(
                f"{where}.kind",
                _("phải là một trong: %(allowed)s") % {"allowed": ", ".join(FIELD_KINDS)},
            )
        spec = {
            "name": name,
            "label": reader.text(data, "label", where, required=True, max_length=200),
            "kind": kind,
            "required": reader.boolean(data, "required", where, default=False),
            "help": reader.text(data, "help", where, max_length=500),
        }
        if kind == "choice":
            choices = data.get("choices")
            if (
                not isinstance(choices, list)
                or not choices
                or not all(
                    isinstance(c, dict) and c.get("value") and c.get("label") for c in choices
                )
            ):
                reader.fail(f"{where}.choices", _("cần danh sách {value, label} không rỗng"))
                choices = []
            spec["choices"] = [
                {"value": str(c["value"]), "label": str(c["label"])} for c in choices
            ]
        if kind == "integer":
            spec["min"] = reader.integer(data, "min", where, default=0)
            spec["max"] = reader.integer(data, "max", where, default=1_000_000)
        if kind in ("text", "textarea"):
            spec["max_length"] = reader.integer(data, "max_length", where, default=255, minimum=1)
        if data.get("prefill"):
            # Where a national system's answer fills the field, e.g. "population.birth_date"
            # (integrations.population.mapping).
            prefill = reader.text(data, "prefill", where, max_length=60)
            if not PREFILL.match(prefill):
                reader.fail(
                    f"{where}.prefill", _("dạng hệ_thống.thuộc_tính, ví dụ population.birth_date")
                )
            spec["prefill"] = prefill
        spec.update(_date_rules(reader, data, kind, where))
        fields.append(spec)
    _check_references(reader, fields, path)
    return fields


def _date_rules(reader, data: dict, kind: str, where: str) -> dict:
    """The date rules given on a field, each as a list of references (canonical form)."""
    rules = {}
    for rule in DATE_RULES:
        if rule not in data:
            continue
        value = data[rule]
        if kind != "date":
            reader.fail(f"{where}.{rule}", _("chỉ dùng cho trường kiểu date"))
            continue
        listed = [value] if isinstance(value, str) else value
        if (
            not isinstance(listed, list)
            or not listed
            or not all(isinstance(item, str) and item for item in listed)
        ):
            reader.fail(
                f"{where}.{rule}",
                _(
                    "phải là “today”, “applicant.birth_date”, tên một trường ngày khác, hoặc danh sách các giá trị đó"
                ),
            )
            continue
        rules[rule] = list(listed)
    return rules


def _check_references(reader, fields: list[dict], path: str) -> None:
    """Each reference names today, the applicant's birth date or another date field of the form
    (declared before or after)."""
    dates = {spec["name"] for spec in fields if spec["kind"] == "date"}
    for index, spec in enumerate(fields):
        for rule in DATE_RULES:
            for name in spec.get(rule, []):
                if name in SPECIAL_REFERENCES:
                    continue
                if name == spec["name"]:
                    reader.fail(
                        f"{path}[{index}].{rule}", _("không được tham chiếu chính trường này")
                    )
                elif name not in dates:
                    reader.fail(
                        f"{path}[{index}].{rule}",
                        _("“%(name)s” không phải một trường kiểu date của tờ khai này")
                        % {"name": name},
                    )

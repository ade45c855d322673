"""The application form's own fields in a catalogue file (``form_fields`` of a version)."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
FIELD_KINDS = ("text", "textarea", "integer", "date", "choice")


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
        fields.append(spec)
    return fields

"""The answers to a version's application form (tờ khai điện tử), read as the applicant typed
them: dates as dd/mm/yyyy, choices by their label, numbers in the Vietnamese style. Every page,
form and export that shows a dossier's answers uses ``answers_of`` (one formatting, one order:
the form's).

A version defines its own fields (``ProcedureVersion.form_fields``, catalogue data); a version
without any asks the small generic set (``GENERIC_FIELDS``). Answers are kept as JSON values
(dates as ISO text) under ``Dossier.form_data["fields"]``; ``answer_checks`` checks them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import InvalidOperation

from django.utils.translation import gettext_lazy as _

from .wording import number_text

GENERIC_FIELDS = (
    {
        "name": "request",
        "label": _("Nội dung đề nghị"),
        "help": _("Ghi ngắn gọn bạn đề nghị cơ quan giải quyết việc gì."),
        "kind": "text",
        "required": True,
        "max_length": 1000,
    },
    {
        "name": "copies",
        "label": _("Số bản kết quả đề nghị cấp"),
        "help": "",
        "kind": "integer",
        "required": True,
        "min": 1,
        "max": 10,
        "initial": 1,
    },
)


def fields_of(version) -> list[dict]:
    """The application fields of ``version``: its own, or the generic set."""
    return list(version.form_fields) or list(GENERIC_FIELDS)


def has_own_fields(version) -> bool:
    return bool(version.form_fields)


@dataclass(frozen=True)
class Answer:
    """One field of the form with the applicant's answer as they typed it ("" if not given)."""

    name: str
    label: str
    text: str
    multiline: bool = False

    @property
    def given(self) -> bool:
        return self.text != ""


# What a date field accepts: the ISO text browsers send from a date picker and the JSON store
# keeps, and dd/mm/yyyy as people type it where there is no picker.
DATE_INPUTS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(value) -> datetime.date | None:
    """A date from what a form or the JSON store holds; None when it is not a real date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern in DATE_INPUTS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    return None


def day_text(day: datetime.date) -> str:
    """dd/mm/yyyy, as Vietnamese forms write a date."""
    return day.strftime("%d/%m/%Y")


def _number_text(value) -> str:
    try:
        return number_text(value)
    except (InvalidOperation, ValueError):
        return str(value)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(spec: dict, value) -> str:
    """``value`` of the field ``spec`` as the applicant typed it; "" when not given. A value
    that does not fit its field (stored before a rule existed) is shown as it is, never
    hidden."""
    if is_empty(value):
        return ""
    kind = spec.get("kind", "text")
    if kind == "date":
        day = parse_date(value)
        return day_text(day) if day else str(value)
    if kind == "choice":
        labels = {str(c["value"]): str(c["label"]) for c in spec.get("choices", [])}
        return labels.get(str(value), str(value))
    if kind == "integer":
        return _number_text(value)
    return str(value).strip()


def answers_of(specs, values: dict | None) -> list[Answer]:
    """Every field of the form, in the form's order, with its answer as typed."""
    values = values or {}
    return [
        Answer(
            name=spec["name"],
            label=str(spec["label"]),
            text=text_of(spec, values.get(spec["name"])),
            multiline=spec.get("kind") == "textarea",
        )
        for spec in specs
    ]


def dossier_answers(dossier) -> list[Answer]:
    """The dossier's answers against the version it was filed under."""
    return answers_of(fields_of(dossier.procedure_version), dossier.form_data.get("fields"))


def given_answers(dossier) -> list[Answer]:
    """Only the fields the applicant filled in (for the receipt and the export)."""
    return [answer for answer in dossier_answers(dossier) if answer.given]


def shown_answers(dossier) -> list[Answer]:
    """What a dossier page shows of the form: every field when the version has its own form or
    anything was answered; nothing for a dossier without a form (a walk-in under the generic
    set, whose request is its summary)."""
    shown = dossier_answers(dossier)
    if has_own_fields(dossier.procedure_version) or any(a.given for a in shown):
        return shown
    return []

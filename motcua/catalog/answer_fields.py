"""The application form's fields in a Django form (the portal's applicant step, the desk's
correction and walk-in intake): widgets built from the field definitions, every check left to
the one validator (``answer_checks.clean_answers``) so the portal and the desk say the same
thing about the same answer."""

from __future__ import annotations

import datetime

from django import forms

from .answer_checks import ALL_FIELDS, AnswerErrors, clean_answers
from .answers import day_text, parse_date


class AnswerField(forms.CharField):
    """Text as typed; ``required`` only marks the field (asterisk, ``required`` attribute):
    whether an empty answer is acceptable is the validator's decision (a walk-in dossier sent
    back for guidance may lack answers a receipt needs)."""

    def validate(self, value):
        return None

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return day_text(value)
        return value


def answer_field(spec: dict) -> forms.Field:
    """A form field for one field definition (catalogue data or the generic set)."""
    kind = spec.get("kind", "text")
    options = {
        "label": spec["label"],
        "help_text": spec.get("help", ""),
        "required": bool(spec.get("required")),
        "initial": spec.get("initial"),
        "strip": True,
    }
    if kind == "date":
        # Typed as Vietnamese forms write dates: a browser's date picker shows the order of the
        # browser's language (mm/dd/yyyy in an English one), which would read 04/12 as 12 April.
        widget = forms.TextInput(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "maxlength": 10}
        )
    elif kind == "integer":
        attrs = {key: spec[key] for key in ("min", "max") if spec.get(key) is not None}
        widget = forms.NumberInput(attrs={**attrs, "inputmode": "numeric"})
    elif kind == "choice":
        choices = [("", "—")] + [(c["value"], c["label"]) for c in spec.get("choices", [])]
        widget = forms.Select(choices=choices)
    elif kind == "textarea":
        widget = forms.Textarea(attrs={"rows": 3})
    else:
        widget = forms.TextInput(attrs={"maxlength": spec.get("max_length", 255)})
    return AnswerField(widget=widget, **options)


class AnswersFormMixin:
    """A form holding a version's answer fields, named ``answer_prefix + name``."""

    answer_prefix = ""
    answer_specs: list[dict] = []

    def add_answer_fields(self, specs) -> None:
        self.answer_specs = list(specs)
        for spec in self.answer_specs:
            self.fields[self.answer_prefix + spec["name"]] = answer_field(spec)

    def answer_rows(self) -> list:
        return [self[self.answer_prefix + spec["name"]] for spec in self.answer_specs]

    def typed_answers(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {
            spec["name"]: data.get(self.answer_prefix + spec["name"])
            for spec in self.answer_specs
            if data.get(self.answer_prefix + spec["name"]) not in (None, "")
        }

    def check_answers(
        self,
        *,
        today: datetime.date,
        applicant_birth_date: datetime.date | None,
        complete: bool = True,
    ) -> dict | None:
        """The answers as they will be kept, or None with each problem put on its field."""
        try:
            return clean_answers(
                self.answer_specs,
                self.typed_answers(),
                today=today,
                applicant_birth_date=applicant_birth_date,
                complete=complete,
            )
        except AnswerErrors as problems:
            for name, messages in problems.errors.items():
                field = None if name == ALL_FIELDS else self.answer_prefix + name
                self.add_error(field, messages)
            return None


def initial_answers(specs, values: dict | None, prefix: str = "") -> dict:
    """Stored answers as initial values of the form's fields (dates as dd/mm/yyyy)."""
    values = values or {}
    initial = {}
    for spec in specs:
        value = values.get(spec["name"])
        if value is None:
            continue
        if spec.get("kind") == "date":
            day = parse_date(value)
            value = day_text(day) if day else value
        initial[prefix + spec["name"]] = value
    return initial

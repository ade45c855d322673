"""Checking the answers to an application form as a clerk would: each value against its field
(required, length, range, a real date, a listed choice), then the dates against each other and
against today, as the catalogue declares on the fields:

    {"name": "ngay_chet", "kind": "date", "not_after": "today", "not_before": "ngay_sinh"}

A rule's reference is ``today``, ``applicant.birth_date`` (the applicant's own birth date, when
known) or the name of another date field of the form; ``not_before``/``not_after`` take one
reference or a list. A rule whose reference is empty (an optional field left blank, an applicant
without a birth date) does not apply.

``clean_answers`` is the one validator: the portal's form, the desk's forms and the dossier
services (online submission, receipt, correction) all call it, so a date the portal refuses is
refused at the desk and through any other interface alike."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from .answers import day_text, is_empty, parse_date

TODAY = "today"
APPLICANT_BIRTH_DATE = "applicant.birth_date"
SPECIAL_REFERENCES = (TODAY, APPLICANT_BIRTH_DATE)
DATE_RULES = ("not_before", "not_after")
ALL_FIELDS = "__all__"


class AnswerErrors(ValueError):
    """Answers that cannot be kept; ``errors`` maps a field name (or ``__all__``) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(" ".join(self.messages()))

    def messages(self) -> list[str]:
        return [message for found in self.errors.values() for message in found]


def references(spec: dict, rule: str) -> list[str]:
    """The references of one date rule of a field, as a list (the catalogue may give one)."""
    value = spec.get(rule)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _clean_one(spec: dict, value, errors: list[str]):
    """The JSON value of one given answer, or None with the reason appended to ``errors``."""
    label = str(spec["label"])
    kind = spec.get("kind", "text")
    if kind == "date":
        day = parse_date(value)
        if day is None:
            errors.append(
                _("“%(label)s”: hãy nhập một ngày có thật (ngày/tháng/năm).") % {"label": label}
            )
            return None
        return day.isoformat()
    if kind == "integer":
        try:
            number = int(str(value).strip())
        except ValueError:
            errors.append(_("“%(label)s”: hãy nhập một số nguyên.") % {"label": label})
            return None
        low, high = spec.get("min"), spec.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            errors.append(_range_message(label, low, high))
            return None
        return number
    if kind == "choice":
        allowed = {str(c["value"]): str(c["label"]) for c in spec.get("choices", [])}
        if str(value) not in allowed:
            errors.append(
                _("“%(label)s”: hãy chọn một trong: %(choices)s.")
                % {"label": label, "choices": ", ".join(allowed.values())}
            )
            return None
        return str(value)
    text = str(value).strip()
    limit = spec.get("max_length")
    if limit and len(text) > limit:
        errors.append(
            _("“%(label)s” dài quá %(max)d ký tự (đang có %(length)d).")
            % {"label": label, "max": limit, "length": len(text)}
        )
        return None
    return text


def _reference(name: str, cleaned: dict, specs: dict, today, birth_date):
    """(date, how the message names it) for a rule's reference; (None, "") when unknown."""
    if name == TODAY:
        return today, _("ngày hôm nay (%(day)s)") % {"day": day_text(today)}
    if name == APPLICANT_BIRTH_DATE:
        if birth_date is None:
            return None, ""
        return birth_date, _("ngày sinh của người nộp hồ sơ (%(day)s)") % {
            "day": day_text(birth_date)
        }
    day = parse_date(cleaned.get(name))
    if day is None or name not in specs:
        return None, ""
    return day, f"“{specs[name]['label']}” ({day_text(day)})"


def _date_rules(spec, day, cleaned, specs, today, birth_date) -> list[str]:
    label = str(spec["label"])
    found = []
    for rule in DATE_RULES:
        for name in references(spec, rule):
            other, named = _reference(name, cleaned, specs, today, birth_date)
            if other is None:
                continue
            if rule == "not_after" and day > other:
                found.append(
                    _("“%(label)s” (%(day)s) không được sau %(other)s.")
                    % {"label": label, "day": day_text(day), "other": named}
                )
            elif rule == "not_before" and day < other:
                found.append(
                    _("“%(label)s” (%(day)s) không được trước %(other)s.")
                    % {"label": label, "day": day_text(day), "other": named}
                )
    return found


def clean_answers(
    specs,
    raw: dict | None,
    *,
    today: datetime.date,
    applicant_birth_date: datetime.date | None = None,
    complete: bool = True,
) -> dict:
    """The answers as JSON keeps them (dates as ISO text, numbers as int), fields left blank
    omitted; AnswerErrors listing every problem otherwise. ``complete`` demands every required
    field (a form being filed); without it only what is given is checked (a walk-in dossier sent
    back for guidance keeps what was typed)."""
    raw = raw or {}
    by_name = {spec["name"]: spec for spec in specs}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(raw) - set(by_name))
    if unknown:
        errors[ALL_FIELDS] = [
            _("Tờ khai của thủ tục này không có mục: %(names)s.") % {"names": ", ".join(unknown)}
        ]
    cleaned: dict = {}
    for spec in specs:
        value = raw.get(spec["name"])
        if is_empty(value):
            if complete and spec.get("required"):
                errors.setdefault(spec["name"], []).append(
                    _("Chưa nhập “%(label)s”.") % {"label": spec["label"]}
                )
            continue
        problems: list[str] = []
        value = _clean_one(spec, value, problems)
        if problems:
            errors[spec["name"]] = problems
        else:
            cleaned[spec["name"]] = value
    for spec in specs:
        if spec.get("kind") != "date" or spec["name"] not in cleaned:
            continue
        day = parse_date(cleaned[spec["name"]])
        found = _date_rules(spec, day, cleaned, by_name, today, applicant_birth_date)
        if found:
            errors.setdefault(spec["name"], []).extend(found)
    if errors:
        raise AnswerErrors(errors)
    return cleaned


def _range_message(label: str, low: int | None, high: int | None) -> str:
    """The bounds a number missed, as many as the form sets: "từ 1 đến 10", "ít nhất 1",
    "nhiều nhất 10" (never "đến None")."""
    if low is not None and high is not None:
        return _("“%(label)s” phải từ %(min)s đến %(max)s.") % {
            "label": label,
            "min": low,
            "max": high,
        }
    if low is not None:
        return _("“%(label)s” phải ít nhất là %(min)s.") % {"label": label, "min": low}
    return _("“%(label)s” phải nhiều nhất là %(max)s.") % {"label": label, "max": high}

"""Correcting the applicant's form answers at the desk (sửa thông tin tờ khai khi tiếp nhận).

The desk officer checks an online dossier before accepting it (ND 61/2018 Art. 17) and may
correct what the applicant typed (a misspelt name, a date against the birth certificate),
always with a reason; the history keeps each field's old and new value. Only before acceptance:
once received, the Giấy tiếp nhận (issued once, handed to the applicant) states the answers and
the resolving unit appraises them, so a later error is put right by a supplement request
(yêu cầu bổ sung, hoàn thiện hồ sơ; ND 61/2018 Art. 19 §4), which the applicant answers. A
walk-in dossier's answers are typed by the desk at receipt and checked then."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from motcua.catalog import answers

from ..constants import Action
from ..errors import RuleViolation
from ..models import Dossier
from ._core import Change, perform, require_text
from .receipt import checked_form_data


def applicant_birth_date(dossier: Dossier) -> datetime.date | None:
    """The birth date of the dossier's applicant when they have a citizen account."""
    profile = getattr(dossier.applicant, "citizen_profile", None) if dossier.applicant else None
    return profile.date_of_birth if profile is not None else None


def correct_answers(
    dossier: Dossier,
    *,
    actor,
    answers_given: dict,
    reason: str,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Replace the answers named in ``answers_given`` (a blank value clears one), check the
    whole form again with the one validator, and record field, old → new, who and why."""
    text = require_text(reason, _("Hãy ghi lý do sửa thông tin tờ khai."), "no_reason")

    def apply(locked, capacity, now):
        version = locked.procedure_version
        before = dict(locked.form_data.get("fields", {}))
        merged = before | dict(answers_given)
        after = checked_form_data(
            version,
            {"fields": merged},
            birth_date=applicant_birth_date(locked),
            now=now,
            complete=True,
        ).get("fields", {})
        changes = []
        for spec in answers.fields_of(version):
            name = spec["name"]
            if before.get(name) == after.get(name):
                continue
            changes.append(
                {
                    "field": name,
                    "label": str(spec["label"]),
                    "old": answers.text_of(spec, before.get(name)),
                    "new": answers.text_of(spec, after.get(name)),
                    "old_value": before.get(name),
                    "new_value": after.get(name),
                }
            )
        if not changes:
            raise RuleViolation(
                _("Thông tin tờ khai không có gì thay đổi; không có gì để ghi."),
                code="no_change",
            )
        locked.form_data = locked.form_data | {"fields": after}
        return Change(locked, locked.status, reason=text, data={"changes": changes})

    return perform(
        Action.CORRECT_ANSWERS,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )

"""The desk's look-up in the population register (tra cứu CSDL quốc gia về dân cư) while taking
in a walk-in dossier: with the applicant's consent and a reason, the register's answer fills the
applicant and the procedure form's matching fields of the data the officer has typed so far;
any failure leaves that data as it was, with a message saying to type from the papers."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.catalog import answers
from motcua.catalog.answers import day_text
from motcua.dossiers.constants import ApplicantKind
from motcua.integrations.models import ConsentMethod
from motcua.integrations.population import mapping, services


@dataclass(frozen=True)
class Notice:
    """What the look-up says next to its button."""

    message: str
    found: bool


def _ticked(value) -> bool:
    return str(value).lower() in {"on", "true", "1"}


def look_up(user, data, version, answer_prefix: str) -> Notice:
    """Look the applicant of ``data`` (a mutable copy of the intake form's POST) up and write
    the answer into ``data``."""
    try:
        result = services.lookup(
            actor=user,
            id_number=data.get("id_number", ""),
            reason=data.get("population_reason", ""),
            consent=_ticked(data.get("population_consent", "")),
            consent_method=ConsentMethod.AT_DESK,
        )
    except services.BadRequest as refusal:
        data["population_token"] = ""
        return Notice(refusal.message, False)
    if not result.found:
        # What is on the form is no longer confirmed by the register for this number.
        data["population_token"] = ""
        return Notice(result.message, False)
    person = result.person
    values = {
        "applicant_kind": ApplicantKind.CITIZEN,
        "applicant_name": person.full_name,
        "id_number": person.id_number,
        "applicant_birth_date": day_text(person.birth_date) if person.birth_date else "",
        "applicant_sex": person.sex,
        "address": person.permanent_residence,
        "population_token": result.token,
    }
    values |= mapping.form_values(person, answers.fields_of(version), prefix=answer_prefix)
    for name, value in values.items():
        if value:
            data[name] = value
    return Notice(result.message, True)


def source(user, cleaned: dict) -> str:
    """MaCSDL for the dossier: set only when the data came from this officer's look-up of the
    number the dossier is for."""
    return services.source_of(
        cleaned.get("population_token", ""), actor=user, id_number=cleaned.get("id_number", "")
    )


def applicant_extras(cleaned: dict) -> dict:
    """Birth date and sex, kept with the dossier's form data (``form_data["applicant"]``)."""
    extras = {}
    if cleaned.get("applicant_birth_date"):
        extras["birth_date"] = cleaned["applicant_birth_date"].isoformat()
    if cleaned.get("applicant_sex"):
        extras["sex"] = cleaned["applicant_sex"]
    return extras


def attach(token: str, dossier) -> None:
    services.attach(token, dossier)

"""Filling an online application from the population register (CSDL quốc gia về dân cư): offered
on the applicant step to a citizen whose account was verified with VNeID, for their own number
only, with their consent. The answer fills the contact address with the permanent residence and
the procedure form's matching fields (``integrations.population.mapping``); the draft remembers
that the applicant's data came from the register (MaCSDL, 766 4.5a/b). A failure leaves what
was typed as it was, with a message saying to type it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.catalog import answers
from motcua.integrations.models import ConsentMethod
from motcua.integrations.population import mapping, services

from . import drafting

CONSENT = "population_consent"
BUTTON = "population_lookup"


@dataclass(frozen=True)
class Offer:
    """What the applicant step shows about the register."""

    available: bool  # the account may fill from the register
    used: bool  # this draft's applicant data came from it
    message: str = ""
    found: bool = False


def offer(user, draft, notice: tuple[str, bool] | None = None) -> Offer:
    message, found = notice or ("", False)
    return Offer(
        available=services.may_look_up_own(user),
        used=bool(draft.form_data.get("population", {}).get("source")),
        message=message,
        found=found,
    )


def look_up(user, draft, data) -> tuple[object, tuple[str, bool]]:
    """Look the account holder up; on success write the answer into ``data`` (a mutable copy of
    the step's POST) and remember the source on the draft. (draft, (message, found))."""
    try:
        result = services.lookup(
            actor=user,
            id_number=user.citizen_profile.personal_id,  # never a number from the request
            reason=_("Nộp hồ sơ trực tuyến thủ tục “%(name)s”")
            % {"name": draft.procedure_version.name[:200]},
            consent=data.get(CONSENT) in ("on", "true", "1"),
            consent_method=ConsentMethod.ONLINE,
            dossier=draft,
        )
    except services.BadRequest as refusal:
        return draft, (refusal.message, False)
    if not result.found:
        return draft, (result.message, False)
    person = result.person
    if person.permanent_residence:
        data["address"] = person.permanent_residence
    for name, value in mapping.form_values(
        person, answers.fields_of(draft.procedure_version)
    ).items():
        data[name] = value
    draft = drafting.remember_population(
        user,
        draft,
        lookup=result.record.pk,
        source=services.source_of(result.token, actor=user, id_number=person.id_number),
    )
    return draft, (
        _(
            "Đã điền thông tin của bạn từ CSDL quốc gia về dân cư. Hãy kiểm tra lại trước khi "
            "bấm Tiếp tục."
        ),
        True,
    )

"""Who files for the applicant and under what authorisation (người nộp thay, giấy ủy quyền):
the one check that the desk form, the portal's applicant step and the intake services all
apply, and the recording of the authorisation with its scan on a filed dossier.

An organisation (doanh nghiệp, tổ chức, cơ quan nhà nước) or a household business acts through
its legal representative; anyone else filing for it must hold its authorisation (Civil Code
2015 Art. 138, 140), in force on the filing day, whose scan goes into the dossier. A person may
file for another person too: the same fields apply, and when an authorisation is given it is
checked the same way, but it is not demanded (a relative may file some civil-status
procedures without one)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.accounts.validators import (
    validate_organisation_code,
    validate_personal_id,
    validate_phone,
)

from .constants import AUTHORISATION_REQUIRED_KINDS, ApplicantKind
from .errors import RuleViolation
from .models import Authorisation, DossierComponent

# The keys of ``problems``: the field names the desk form and the portal's step use.
FIELDS = (
    "id_number",
    "representative_name",
    "representative_id_number",
    "representative_position",
    "representative_phone",
    "authorisation_number",
    "authorisation_signed_on",
    "authorisation_valid_until",
    "authorisation_issuer",
    "authorisation_file",
)


def _message(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _code_problem(applicant) -> str:
    code = (applicant.id_number or "").strip()
    if not code or applicant.kind == ApplicantKind.CITIZEN:
        return ""
    try:
        validate_organisation_code(code, state_agency=applicant.kind == ApplicantKind.STATE_AGENCY)
    except ValidationError as error:
        return _message(error)
    return ""


def problems(applicant, day: datetime.date, *, complete: bool = True) -> dict[str, str]:
    """What is wrong with the applicant's code, the representative and the authorisation for a
    dossier filed on ``day`` (field -> plain Vietnamese message; empty when all is right).
    ``complete``: the dossier is being filed or received, so an organisation's representative
    must show the authorisation (guidance to a supplement does not demand it yet)."""
    found: dict[str, str] = {}
    if message := _code_problem(applicant):
        found["id_number"] = message
    authorisation = applicant.authorisation
    given = authorisation is not None and authorisation.is_given()
    if applicant.has_representative or given:
        found |= _representative_problems(applicant)
    if given:
        found |= _authorisation_problems(authorisation, day)
    elif (
        complete and applicant.has_representative and applicant.kind in AUTHORISATION_REQUIRED_KINDS
    ):
        found["authorisation_number"] = _(
            "Người nộp thay cho tổ chức (không phải người đại diện theo pháp luật) phải có giấy "
            "ủy quyền: hãy nhập số, ngày ký, người ủy quyền và đính kèm bản quét."
        )
    return found


def _representative_problems(applicant) -> dict[str, str]:
    found = {}
    if not applicant.representative_name.strip():
        found["representative_name"] = _("Hãy nhập họ tên người được ủy quyền (người nộp thay).")
    number = applicant.representative_id_number.strip()
    if not number:
        found["representative_id_number"] = _(
            "Hãy nhập số định danh cá nhân của người được ủy quyền."
        )
    else:
        try:
            validate_personal_id(number)
        except ValidationError as error:
            found["representative_id_number"] = _(
                "Số định danh cá nhân của người được ủy quyền không hợp lệ: %(reason)s"
            ) % {"reason": _message(error)}
    if applicant.representative_phone.strip():
        try:
            validate_phone(applicant.representative_phone)
        except ValidationError as error:
            found["representative_phone"] = _message(error)
    return found


def _authorisation_problems(authorisation, day: datetime.date) -> dict[str, str]:
    found = {}
    if not authorisation.number.strip():
        found["authorisation_number"] = _("Hãy nhập số giấy ủy quyền.")
    if not authorisation.issuer.strip():
        found["authorisation_issuer"] = _("Hãy nhập người ủy quyền (người ký giấy ủy quyền).")
    signed, until = authorisation.signed_on, authorisation.valid_until
    if signed is None:
        found["authorisation_signed_on"] = _("Hãy nhập ngày ký giấy ủy quyền.")
    elif signed > day:
        found["authorisation_signed_on"] = _(
            "Ngày ký giấy ủy quyền (%(signed)s) sau ngày nộp hồ sơ (%(day)s)."
        ) % {"signed": f"{signed:%d/%m/%Y}", "day": f"{day:%d/%m/%Y}"}
    if until is not None and signed is not None and until < signed:
        found["authorisation_valid_until"] = _(
            "Ngày hết hiệu lực của giấy ủy quyền phải sau ngày ký."
        )
    elif until is not None and until < day:
        found["authorisation_valid_until"] = _(
            "Giấy ủy quyền đã hết hiệu lực ngày %(until)s, trước ngày nộp hồ sơ %(day)s: người "
            "được ủy quyền không còn được nộp thay. Hãy xuất trình giấy ủy quyền còn hiệu lực."
        ) % {"until": f"{until:%d/%m/%Y}", "day": f"{day:%d/%m/%Y}"}
    if not authorisation.files:
        found["authorisation_file"] = _("Chưa đính kèm bản quét (bản điện tử) của giấy ủy quyền.")
    return found


def check(applicant, day: datetime.date, *, complete: bool = True) -> None:
    """RuleViolation listing every problem (``problems``), or nothing."""
    found = problems(applicant, day, complete=complete)
    if found:
        raise RuleViolation([RuleViolation(m, code="representation") for m in found.values()])


def authorisation_name(authorisation) -> str:
    """The document's name in the dossier's list of papers."""
    return _("Giấy ủy quyền số %(number)s ngày %(day)s") % {
        "number": authorisation.number.strip(),
        "day": f"{authorisation.signed_on:%d/%m/%Y}",
    }


def _catalogue_component(version):
    """The version's own component for the authorisation (“Văn bản ủy quyền (trường hợp nộp
    thay)” …), if it lists one: the scan then counts as that component (MaThanhPhanHoSo)."""
    return next((c for c in version.components.all() if "ủy quyền" in c.name.lower()), None)


def record(dossier, applicant) -> Authorisation | None:
    """The authorisation of a dossier just filed, its scan as one of the dossier's documents
    (checked already by ``check``); None when the representative showed none."""
    given = applicant.authorisation
    if given is None or not given.is_given():
        return None
    document = DossierComponent.objects.create(
        dossier=dossier,
        component=_catalogue_component(dossier.procedure_version),
        name=authorisation_name(given),
        origin=given.origin,
        digitized=bool(given.files),
    )
    document.files.set({f.pk: f for f in given.files}.values())
    return Authorisation.objects.create(
        dossier=dossier,
        number=given.number.strip(),
        signed_on=given.signed_on,
        valid_until=given.valid_until,
        issuer=given.issuer.strip(),
        document=document,
    )

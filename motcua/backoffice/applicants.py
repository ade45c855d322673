"""Finding the applicant at the desk (tra cứu người nộp) to fill the intake form.

A personal ID number or a phone number is matched exactly: the citizen account holding it when
there is one, else the latest dossier the officer may see. Any other text is a name: a short
pick list of the applicants of the dossiers the officer may see (``visible_to``), matched
without regard to diacritics or case, every word at a word start, as the work queue does.

Privacy reading. Registered citizen accounts are found by the number the applicant gives, never
by name: a name is not an identifier, and listing every account holder of a common name to any
desk officer would disclose more than receiving one dossier needs (Decree 13/2023 on personal
data protection, minimisation); it would also scan the whole accounts table, which has no
diacritics-free name column. A name finds only applicants the officer could already see by
opening their dossiers, so nothing is learnt from another agency's dossiers. The list shows
the ID number masked (its last three digits; the last four are the public tracking factor) and
fills the form only when the officer picks a row."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from motcua.accounts.models import CitizenProfile
from motcua.audit import services as audit
from motcua.catalog.search import normalise, tokens
from motcua.dossiers import services
from motcua.dossiers.access import visible_to
from motcua.dossiers.constants import ApplicantKind, Status

# Rows shown in the pick list, and dossiers read (newest first) to find that many people.
PICK_LIMIT = 10
PICK_SCAN = 200
SHOWN_DIGITS = 3


@dataclass(frozen=True)
class Match:
    """One applicant of the pick list, from their latest dossier the officer may see."""

    dossier_id: int
    name: str
    kind: str
    id_mask: str
    id_tail: str
    phone: str
    address: str


def is_number(text: str) -> bool:
    """A personal ID, tax code or phone number (digits, spaces allowed) rather than a name."""
    compact = text.replace(" ", "")
    return compact.isdigit()


def mask(id_number: str) -> tuple[str, str]:
    """The hidden part (as bullets) and the last digits shown of an ID number."""
    if len(id_number) <= SHOWN_DIGITS:
        return "•" * len(id_number), ""
    return "•" * (len(id_number) - SHOWN_DIGITS), id_number[-SHOWN_DIGITS:]


def _from_dossier(dossier) -> dict:
    return {
        "applicant_name": dossier.applicant_name,
        "applicant_kind": dossier.applicant_kind,
        "id_number": dossier.applicant_id_number,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
        "address": dossier.applicant_address,
    }


def by_number(user, text: str) -> dict:
    """Form values for a personal ID number or a phone number: from the citizen account when
    there is one, else from the latest dossier ``user`` may see; only the number otherwise."""
    text = text.replace(" ", "")
    if not text:
        return {}
    profile = CitizenProfile.objects.select_related("user").filter(personal_id=text).first()
    if profile is None:
        profile = CitizenProfile.objects.select_related("user").filter(user__phone=text).first()
    if profile is not None:
        audit.note_read(user, "view_applicant", profile.user)
        person = services.Applicant.from_account(profile.user)
        return {
            "applicant_name": person.name,
            "applicant_kind": ApplicantKind.CITIZEN,
            "id_number": person.id_number,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
        }
    last = (
        visible_to(user)
        .exclude(status=Status.DRAFT)
        .filter(Q(applicant_id_number=text) | Q(applicant_phone=text))
        .order_by("-id")
        .first()
    )
    if last is None:
        return {"id_number": text} if len(text) == 12 else {"phone": text}
    audit.note_read(user, "view_applicant", last)
    return _from_dossier(last)


def by_name(user, text: str) -> list[Match]:
    """At most ``PICK_LIMIT`` distinct applicants whose name has every word of ``text`` at a
    word start, among the dossiers ``user`` may see, most recent first."""
    words = tokens(text)
    if not words:
        return []
    qs = visible_to(user).exclude(status=Status.DRAFT)
    for word in words:
        qs = qs.filter(applicant_search__contains=f" {word}")
    rows = qs.order_by("-id").only(
        "pk",
        "applicant_name",
        "applicant_kind",
        "applicant_id_number",
        "applicant_phone",
        "applicant_address",
    )[:PICK_SCAN]
    matches: list[Match] = []
    seen: set = set()
    for dossier in rows:
        key = dossier.applicant_id_number or (
            normalise(dossier.applicant_name),
            dossier.applicant_phone,
        )
        if key in seen:
            continue
        seen.add(key)
        hidden, tail = mask(dossier.applicant_id_number)
        matches.append(
            Match(
                dossier_id=dossier.pk,
                name=dossier.applicant_name,
                kind=dossier.get_applicant_kind_display(),
                id_mask=hidden,
                id_tail=tail,
                phone=dossier.applicant_phone,
                address=dossier.applicant_address,
            )
        )
        if len(matches) == PICK_LIMIT:
            break
    return matches


def picked(user, dossier_id: int) -> dict:
    """Form values for the applicant picked from the list: that of a dossier ``user`` may see
    (nothing for any other id), brought up to date from the account or a later dossier when
    the applicant has an ID number."""
    dossier = visible_to(user).exclude(status=Status.DRAFT).filter(pk=dossier_id).first()
    if dossier is None:
        return {}
    if dossier.applicant_id_number:
        return by_number(user, dossier.applicant_id_number)
    audit.note_read(user, "view_applicant", dossier)
    return _from_dossier(dossier)

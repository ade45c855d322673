"""What the interfaces hand to the intake services: the applicant and the documents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from motcua.accounts.models import BusinessKind

from ..constants import ApplicantKind, FileOrigin

# The applicant kind a business account files as (accounts.BusinessKind -> ApplicantKind).
KIND_OF_ACCOUNT = {
    BusinessKind.HOUSEHOLD_BUSINESS: ApplicantKind.HOUSEHOLD_BUSINESS,
    BusinessKind.STATE_AGENCY: ApplicantKind.STATE_AGENCY,
}


def applicant_kind_of(business_profile) -> str:
    """The applicant kind an organisation's account files as."""
    return KIND_OF_ACCOUNT.get(business_profile.kind, ApplicantKind.BUSINESS)


@dataclass
class AuthorisationInput:
    """The authorisation the representative holds (giấy ủy quyền), as entered, with its scan."""

    number: str = ""
    signed_on: datetime.date | None = None
    valid_until: datetime.date | None = None
    issuer: str = ""
    files: list = field(default_factory=list)
    origin: str = FileOrigin.UPLOADED

    def is_given(self) -> bool:
        return bool(
            self.number.strip()
            or self.signed_on
            or self.valid_until
            or self.issuer.strip()
            or self.files
        )


@dataclass
class Applicant:
    """Who the dossier is for (chủ hồ sơ) and who files it (người nộp thay), as entered."""

    name: str
    kind: str = ApplicantKind.CITIZEN
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    representative_name: str = ""
    representative_id_number: str = ""
    representative_position: str = ""
    representative_phone: str = ""
    authorisation: AuthorisationInput | None = None
    user: object | None = None
    vneid_verified: bool = False
    birth_date: datetime.date | None = None  # a citizen's, for the form's date rules
    # MaCSDL when name, birth date and residence came from a national database
    # (``constants.SourceDatabase``), as the 766 indicators 4.5a/b count it.
    data_source: str = ""

    @classmethod
    def from_account(cls, user, **overrides) -> Applicant:
        profile = getattr(user, "citizen_profile", None)
        business = getattr(user, "business_profile", None) if profile is None else None
        values = {
            "name": user.get_full_name(),
            "phone": user.phone,
            "email": user.email,
            "user": user,
        }
        if profile is not None:
            values |= {
                "id_number": profile.personal_id,
                "address": profile.address,
                "vneid_verified": profile.vneid_verified,
                "birth_date": profile.date_of_birth,
            }
        elif business is not None:
            values |= {
                "name": business.name,
                "kind": applicant_kind_of(business),
                "id_number": business.tax_code,
                "address": business.address,
            }
        return cls(**(values | overrides))

    @property
    def has_representative(self) -> bool:
        return bool(self.representative_name.strip() or self.representative_id_number.strip())


@dataclass
class ComponentInput:
    """A document handed in: its catalogue component, files and where they came from."""

    name: str
    component: object | None = None
    files: list = field(default_factory=list)
    origin: str = FileOrigin.UPLOADED
    reused: bool = False
    source_database: str = ""
    paper_originals: int = 0
    paper_copies: int = 0

"""Who files an organisation's online application (người nộp hồ sơ của tổ chức): on the
applicant step, a business account (enterprise, household business, state agency, other
organisation) says whether its legal representative files or a person it authorised; that
person's identity and the authorisation (giấy ủy quyền) with its scan are checked by the rule
every intake applies (``dossiers.representation``) and kept in the draft under
``form_data["representation"]`` until the filing records them on the dossier.

A citizen's account files for its holder: the portal has no "file for another person"; the desk
and the API take a person filing for another (same fields, same checks)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import UserKind
from motcua.dossiers import representation
from motcua.dossiers.constants import FileOrigin
from motcua.dossiers.services import Applicant, AuthorisationInput, applicant_kind_of

from .uploads import UploadField, kept_upload

KEY = "representation"
LEGAL, AUTHORISED = "legal", "authorised"
TEXT_FIELDS = (
    "representative_name",
    "representative_id_number",
    "representative_position",
    "representative_phone",
    "authorisation_number",
    "authorisation_issuer",
)
DATE_FIELDS = ("authorisation_signed_on", "authorisation_valid_until")


def asks(user) -> bool:
    """Whether the applicant step asks who files: for an organisation's account."""
    return user.kind == UserKind.BUSINESS and hasattr(user, "business_profile")


def _date(widget_help=""):
    return forms.DateField(
        required=False,
        input_formats=["%d/%m/%Y"],
        help_text=widget_help,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
    )


class RepresentationForm(forms.Form):
    filer = forms.ChoiceField(
        label=_("Ai nộp hồ sơ này?"), widget=forms.RadioSelect, required=False
    )
    representative_name = forms.CharField(
        label=_("Họ tên người được ủy quyền"), max_length=255, required=False
    )
    representative_id_number = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    representative_position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    representative_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    authorisation_number = forms.CharField(
        label=_("Số giấy ủy quyền"), max_length=100, required=False
    )
    authorisation_signed_on = _date()
    authorisation_valid_until = _date(_("Để trống nếu giấy ủy quyền không ghi thời hạn."))
    authorisation_issuer = forms.CharField(
        label=_("Người ủy quyền (người ký giấy ủy quyền)"), max_length=255, required=False
    )
    authorisation_file = UploadField(label=_("Bản quét giấy ủy quyền"), required=False)

    def __init__(self, *args, profile, attached=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.attached = attached  # the scan kept in the draft (StoredFile) or None
        legal = profile.legal_representative
        self.fields["filer"].choices = [
            (
                LEGAL,
                _("Người đại diện theo pháp luật: %(name)s") % {"name": legal}
                if legal
                else _("Người đại diện theo pháp luật"),
            ),
            (AUTHORISED, _("Người được ủy quyền (có giấy ủy quyền)")),
        ]
        self.fields["filer"].initial = LEGAL
        self.fields["authorisation_signed_on"].label = _("Ngày ký giấy ủy quyền")
        self.fields["authorisation_valid_until"].label = _("Có hiệu lực đến")
        self.initial.setdefault("authorisation_issuer", legal)

    def authorised_fields(self):
        return [self[name] for name in self.fields if name != "filer"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("filer") != AUTHORISED:
            return {"filer": LEGAL}
        if any(name not in cleaned for name in TEXT_FIELDS + DATE_FIELDS):
            return cleaned
        upload = cleaned.get("authorisation_file")
        scan = upload or self.attached
        applicant = applicant_with(
            Applicant(name=self.profile.name, kind=applicant_kind_of(self.profile)),
            cleaned,
            [scan] if scan else [],
        )
        found = representation.problems(applicant, timezone.localdate(), complete=True)
        for name, message in found.items():
            self.add_error(name if name in self.fields else None, message)
        return cleaned


def applicant_with(applicant: Applicant, values: dict, files: list) -> Applicant:
    """``applicant`` filed for by the authorised person ``values`` describes."""
    applicant.representative_name = values.get("representative_name", "")
    applicant.representative_id_number = values.get("representative_id_number", "")
    applicant.representative_position = values.get("representative_position", "")
    applicant.representative_phone = values.get("representative_phone", "")
    applicant.authorisation = AuthorisationInput(
        number=values.get("authorisation_number", ""),
        signed_on=values.get("authorisation_signed_on"),
        valid_until=values.get("authorisation_valid_until"),
        issuer=values.get("authorisation_issuer", ""),
        files=files,
        origin=FileOrigin.UPLOADED,
    )
    return applicant


def _day(text) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def saved(draft) -> dict:
    """What the draft keeps, dates as dates."""
    kept = dict(draft.form_data.get(KEY) or {})
    for name in DATE_FIELDS:
        kept[name] = _day(kept.get(name))
    return kept


def attached(user, draft):
    """The authorisation's scan kept in the draft, if still the person's own upload."""
    file_id = (draft.form_data.get(KEY) or {}).get("file")
    return kept_upload(user, file_id) if file_id else None


def form_for(user, draft, data=None, files=None) -> RepresentationForm | None:
    if not asks(user):
        return None
    return RepresentationForm(
        data,
        files,
        profile=user.business_profile,
        attached=attached(user, draft),
        initial={k: v for k, v in saved(draft).items() if k != "file" and v},
    )


def for_draft(cleaned: dict, stored_file_id: int | None) -> dict:
    """The draft's record of who files (dates in ISO form, the scan by its id)."""
    if cleaned.get("filer") != AUTHORISED:
        return {"filer": LEGAL}
    kept = {"filer": AUTHORISED, "file": stored_file_id}
    kept |= {name: (cleaned.get(name) or "").strip() for name in TEXT_FIELDS}
    kept |= {name: d.isoformat() if (d := cleaned.get(name)) else "" for name in DATE_FIELDS}
    return kept


def applicant_of(user, draft, applicant: Applicant) -> Applicant:
    """``applicant`` with the authorised person the draft names, if any."""
    kept = saved(draft)
    if not asks(user) or kept.get("filer") != AUTHORISED:
        return applicant
    scan = attached(user, draft)
    return applicant_with(applicant, kept, [scan] if scan else [])

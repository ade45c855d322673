"""Who files for the applicant at the desk and under what authorisation (người nộp thay, giấy
ủy quyền): the fields the intake form and the assisted online filing share, and their check with
the services' own rule (``dossiers.representation``), field by field, before anything is
recorded."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers import representation, services
from motcua.dossiers.constants import FileOrigin

from . import uploads
from .uploads import MultipleFileField

KEPT = "authorisation_kept"


def _date_input() -> dict:
    return {
        "input_formats": ["%d/%m/%Y"],
        "widget": forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
    }


DATE_INPUT = _date_input()


class RepresentativeFields(forms.Form):
    """The representative and the authorisation, scanned at the counter."""

    representative_name = forms.CharField(
        label=_("Họ tên người nộp thay (người được ủy quyền)"),
        max_length=255,
        required=False,
        help_text=_(
            "Để trống nếu chủ hồ sơ tự nộp, hoặc người đại diện theo pháp luật nộp cho tổ chức."
        ),
    )
    representative_id_number = forms.CharField(
        label=_("Số định danh cá nhân người nộp thay"), max_length=20, required=False
    )
    representative_position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    representative_phone = forms.CharField(
        label=_("Số điện thoại người nộp thay"), max_length=20, required=False
    )
    authorisation_number = forms.CharField(
        label=_("Số giấy ủy quyền"), max_length=100, required=False
    )
    authorisation_signed_on = forms.DateField(
        label=_("Ngày ký giấy ủy quyền"), required=False, **DATE_INPUT
    )
    authorisation_valid_until = forms.DateField(
        label=_("Giấy ủy quyền có hiệu lực đến"),
        required=False,
        help_text=_("Để trống nếu giấy ủy quyền không ghi thời hạn."),
        **DATE_INPUT,
    )
    authorisation_issuer = forms.CharField(
        label=_("Người ủy quyền (người ký giấy ủy quyền)"), max_length=255, required=False
    )
    authorisation_file = MultipleFileField(label=_("Bản quét giấy ủy quyền"))

    # Who files for the applicant and under what authorisation (dossiers.representation).
    REPRESENTATIVE_FIELDS = (
        "representative_name",
        "representative_id_number",
        "representative_position",
        "representative_phone",
        "authorisation_number",
        "authorisation_signed_on",
        "authorisation_valid_until",
        "authorisation_issuer",
    )

    def representative_rows(self) -> list:
        return [self[name] for name in self.REPRESENTATIVE_FIELDS]


def authorisation(data, files) -> services.AuthorisationInput:
    """The authorisation shown at the counter, scanned there."""
    return services.AuthorisationInput(
        number=data.get("authorisation_number", ""),
        signed_on=data.get("authorisation_signed_on"),
        valid_until=data.get("authorisation_valid_until"),
        issuer=data.get("authorisation_issuer", ""),
        files=list(files),
        origin=FileOrigin.SCANNED,
    )


def with_representative(applicant: services.Applicant, data, files) -> services.Applicant:
    """``applicant`` with the person filing for them and the authorisation, as typed."""
    applicant.representative_name = data.get("representative_name", "")
    applicant.representative_id_number = data.get("representative_id_number", "")
    applicant.representative_position = data.get("representative_position", "")
    applicant.representative_phone = data.get("representative_phone", "")
    applicant.authorisation = authorisation(data, files)
    return applicant


def scans(request, form) -> list:
    """The authorisation's scans: kept from an earlier try, and the new ones stored now."""
    kept = uploads.kept(request.POST.getlist(KEPT), user=request.user)
    fresh = form.cleaned_data.get("authorisation_file") or []
    return kept + uploads.store(fresh, user=request.user)


def check(form, files, applicant: services.Applicant, *, complete: bool) -> None:
    """Each problem on its field; nothing when a field of its own is wrong already (a date that
    is no date …)."""
    data = form.cleaned_data
    if any(name not in data for name in form.REPRESENTATIVE_FIELDS):
        return
    with_representative(applicant, data, files)
    found = representation.problems(applicant, timezone.localdate(), complete=complete)
    for name, message in found.items():
        form.add_error(name if name in form.fields else None, message)

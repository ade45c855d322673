"""The steps of the online application form. Plain HTML forms, no JavaScript needed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog import boundary as boundary_lists
from motcua.catalog.answer_fields import AnswersFormMixin
from motcua.catalog.answers import GENERIC_FIELDS
from motcua.catalog.constants import OnlineLevel
from motcua.dossiers import boundary
from motcua.dossiers.constants import Delivery

from .drafting import ANSWERS, REPRESENTATION
from .uploads import UploadField, check_stored


class _ReadAhead(forms.ModelChoiceField):
    """A choice among agencies that the form may have read already (``WhereForm``): an id in
    ``known`` is answered from it (the agency, or None when it is not one of the choices),
    any other value as a ``ModelChoiceField`` answers it."""

    known: dict = {}

    def to_python(self, value):
        key = str(value).strip() if value not in self.empty_values else None
        if key in self.known:
            if self.known[key] is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
            return self.known[key]
        return super().to_python(value)


class WhereForm(forms.Form):
    resolving_agency = _ReadAhead(
        label=_("Cơ quan giải quyết"),
        queryset=None,
        empty_label=None,
        help_text=_("Cơ quan có thẩm quyền giải quyết thủ tục này."),
    )
    receiving_unit = _ReadAhead(
        label=_("Nơi tiếp nhận hồ sơ (Bộ phận Một cửa)"),
        queryset=None,
        empty_label=None,
        help_text=_("Nơi kiểm tra hồ sơ và trả kết quả khi bạn nhận trực tiếp."),
    )

    def __init__(self, *args, resolving, desks, version, **kwargs):
        """Off the province's boundary-free list (ND 118/2025 Art. 14 §2) a desk takes only
        its own commune's dossiers: the page says so, and the pair the submission would refuse
        (``not_boundary_free``) is refused here, on the step where it is chosen."""
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["resolving_agency"].queryset = resolving
        self.fields["receiving_unit"].queryset = desks
        for name in ("resolving_agency", "receiving_unit"):
            self.fields[name].label_from_instance = lambda agency: agency.display_name
        # Shown on the page that offers the choice (and with a refusal, below); a valid choice
        # redirects, so it does not read the list a second time for a text nobody sees.
        if not self.is_bound:
            self.fields["receiving_unit"].help_text = _scope_text(desks, version)
        else:
            self._read_ahead(resolving, desks)

    def _read_ahead(self, resolving, desks) -> None:
        """The two agencies chosen, in one query: each row says whether it is a choice of
        either field (the fields' own querysets, as subqueries)."""
        fields = {"resolving_agency": resolving, "receiving_unit": desks}
        chosen = {name: str(self.data.get(self.add_prefix(name), "")).strip() for name in fields}
        ids = {int(value) for value in chosen.values() if value.isdigit()}
        if not ids:
            return
        rows = {
            agency.pk: agency
            for agency in Agency.objects.filter(pk__in=ids).annotate(
                **{
                    f"choice_of_{name}": Exists(queryset.filter(pk=OuterRef("pk")))
                    for name, queryset in fields.items()
                }
            )
        }
        for name, value in chosen.items():
            if value.isdigit():
                agency = rows.get(int(value))
                ok = agency is not None and getattr(agency, f"choice_of_{name}")
                self.fields[name].known = {value: agency if ok else None}

    def clean(self):
        cleaned = super().clean()
        desk, agency = cleaned.get("receiving_unit"), cleaned.get("resolving_agency")
        if desk is not None and agency is not None:
            crosses, basis = boundary.basis(desk, agency, self.version, timezone.localdate())
            if crosses and basis is None:
                self["receiving_unit"].help_text = boundary_lists.scope_text(None)
                self.add_error(
                    "receiving_unit",
                    forms.ValidationError(
                        boundary_lists.refusal_text(self.version, to_applicant=True),
                        code="not_boundary_free",
                    ),
                )
        return cleaned


class ApplicantForm(AnswersFormMixin, forms.Form):
    """Contact details for this dossier and the procedure's own form (tờ khai), whose answers
    the one validator checks (``catalog.answer_checks``) and leaves cleaned under
    ``drafting.ANSWERS``."""

    phone = forms.CharField(
        label=_("Số điện thoại liên hệ"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ liên hệ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def __init__(
        self,
        *args,
        specs=GENERIC_FIELDS,
        applicant_birth_date=None,
        quantities=None,
        representation=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.applicant_birth_date = applicant_birth_date
        # An organisation's account: who files (portal.representation), validated with it.
        self.representation = representation
        self.add_answer_fields(specs)
        # The numbers the fees are counted by that the form itself does not ask.
        self.fields.update(quantities or {})

    def clean(self):
        cleaned = super().clean()
        answers = self.check_answers(
            today=timezone.localdate(), applicant_birth_date=self.applicant_birth_date
        )
        if answers is not None:
            cleaned[ANSWERS] = answers
        if self.representation is not None:
            if self.representation.is_valid():
                cleaned[REPRESENTATION] = self.representation.cleaned_data
            else:
                raise forms.ValidationError(
                    _("Thông tin người nộp hồ sơ của tổ chức chưa đúng: xem mục bên dưới."),
                    code="representation",
                )
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise forms.ValidationError(
                _("Hãy để lại số điện thoại hoặc thư điện tử để cơ quan liên hệ với bạn."),
                code="no_contact",
            )
        return cleaned


@dataclass(frozen=True)
class DocumentRow:
    """One component on the documents step, with what the applicant must do about it."""

    component: object
    chosen: tuple | None
    upload: forms.BoundField
    pick: forms.BoundField
    remove: forms.BoundField | None
    demanded: bool  # the applicant must give it (catalog.selectors.components_demanded)
    waived: bool  # not asked of this applicant: VNeID-verified, read from the population DB


class StorePickField(forms.ChoiceField):
    """A file of the person's data store, checked by the id chosen (``DocumentsForm.picked``);
    the whole store is listed only when the choices are shown."""

    def __init__(self, *, picked, **kwargs):
        super().__init__(**kwargs)
        self.picked = picked

    def valid_value(self, value):
        return str(value) in self.picked


class DocumentsForm(forms.Form):
    """For each component of the procedure: upload a file, or pick one from the data store.
    Going on (not saving the draft) with a component the applicant must give still missing is
    refused here, on the step where the component is, with the same rule the submission
    applies (``catalog.selectors.components_demanded``)."""

    def __init__(
        self,
        *args,
        components=(),
        store_items=list,
        store_among=None,
        attached=None,
        demanded=(),
        waived=(),
        check_missing=False,
        **kwargs,
    ):
        """``store_items()`` lists the person's data store (called only to show the choices);
        ``store_among(ids)`` returns the items of those ids that are in it (id -> item)."""
        super().__init__(*args, **kwargs)
        self.components = list(components)
        self.attached = attached or {}
        self.demanded = {c.pk for c in demanded}
        self.waived = {c.pk for c in waived}
        self.check_missing = check_missing
        picks = [self.data.get(f"pick_{c.pk}") for c in self.components] if self.is_bound else []
        picks = [value for value in picks if value]
        if store_among is None:
            found = {item.pk: item for item in store_items() if str(item.pk) in picks}
        else:
            found = store_among(picks) if picks else {}
        self.picked_items = {str(pk): item for pk, item in found.items()}
        self.store_files = {pk: item.file for pk, item in self.picked_items.items()}
        listed = []

        def choices():
            if not listed:
                listed.append(
                    [("", _("— Không chọn —"))]
                    + [(str(i.pk), f"{i.name} ({i.provenance})") for i in store_items()]
                )
            return listed[0]

        for component in self.components:
            key = component.pk
            self.fields[f"upload_{key}"] = UploadField(
                label=_("Tải tệp lên"), required=False, component=component
            )
            self.fields[f"pick_{key}"] = StorePickField(
                label=_("Hoặc chọn từ kho dữ liệu của bạn"),
                choices=choices,
                required=False,
                picked=self.store_files,
            )
            if key in self.attached:
                self.fields[f"remove_{key}"] = forms.BooleanField(
                    label=_("Bỏ giấy tờ đã chọn"), required=False
                )

    def clean(self):
        cleaned = super().clean()
        for component in self.components:
            name = f"pick_{component.pk}"
            picked = self.store_files.get(cleaned.get(name) or "")
            if picked is not None and not cleaned.get(f"upload_{component.pk}"):
                try:
                    check_stored(picked, component)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if self.check_missing:
            self._require_demanded(cleaned)
        return cleaned

    def _require_demanded(self, cleaned) -> None:
        for component in self.components:
            key = component.pk
            if key not in self.demanded or f"upload_{key}" in self.errors:
                continue
            kept = key in self.attached and not cleaned.get(f"remove_{key}")
            picked = self.store_files.get(cleaned.get(f"pick_{key}") or "")
            if not (kept or cleaned.get(f"upload_{key}") or picked):
                self.add_error(
                    f"upload_{key}",
                    _(
                        "Giấy tờ này bắt buộc: hãy tải tệp lên hoặc chọn một tệp trong kho dữ "
                        "liệu của bạn."
                    ),
                )

    def rows(self) -> list[DocumentRow]:
        return [
            DocumentRow(
                component=component,
                chosen=self.attached.get(component.pk),
                upload=self[f"upload_{component.pk}"],
                pick=self[f"pick_{component.pk}"],
                remove=self[f"remove_{component.pk}"]
                if f"remove_{component.pk}" in self.fields
                else None,
                demanded=component.pk in self.demanded,
                waived=component.pk in self.waived,
            )
            for component in self.components
        ]


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Bạn muốn nhận kết quả thế nào?"), widget=forms.RadioSelect, choices=()
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu điện"),
        max_length=255,
        required=False,
        help_text=_("Chỉ cần khi nhận qua bưu điện."),
    )
    postal_recipient = forms.CharField(
        label=_("Người nhận"),
        max_length=255,
        required=False,
        help_text=_("Để trống nếu chính bạn nhận."),
    )
    postal_phone = forms.CharField(
        label=_("Số điện thoại người nhận"),
        max_length=20,
        required=False,
        help_text=_("Bưu tá gọi số này khi mang kết quả đến; để trống để dùng số của bạn."),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (Delivery.DESK.value, Delivery.DESK.label),
            (Delivery.POST.value, Delivery.POST.label),
        ]
        if version.online_level == OnlineLevel.FULL:
            choices.insert(0, (Delivery.ONLINE.value, Delivery.ONLINE.label))
        self.fields["delivery"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("delivery") == Delivery.POST and not cleaned.get("delivery_address"):
            self.add_error(
                "delivery_address", _("Hãy nhập địa chỉ để bưu điện mang kết quả đến cho bạn.")
            )
        phone = re.sub(r"[\s.\-]", "", cleaned.get("postal_phone") or "")
        if phone and not re.fullmatch(r"0\d{9,10}", phone):
            self.add_error(
                "postal_phone", _("Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0.")
            )
        cleaned["postal_phone"] = phone
        return cleaned


def _scope_text(desks, version) -> str:
    """What the desk field says about the province's boundary-free list for ``version``."""
    desk = desks.first()
    if desk is None:
        return ""
    basis = boundary_lists.basis_for(desk, version.procedure_id, timezone.localdate())
    return boundary_lists.scope_text(basis)

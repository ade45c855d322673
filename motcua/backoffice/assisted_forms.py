"""Forms of assisted online filing: whom to assist and how they agree, the consent code, and the
online application filed with them (the procedure's form, the documents, how the result comes
back)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.answer_fields import AnswersFormMixin
from motcua.catalog.constants import Requirement
from motcua.dossiers.constants import Delivery
from motcua.dossiers.models import ConsentMethod

from .forms import new_key
from .representative import RepresentativeFields
from .uploads import KeepsAcceptedFiles, MultipleFileField


class StartForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Bộ phận Một cửa"), queryset=None, empty_label=None)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân hoặc mã số thuế của người nộp"),
        max_length=20,
        help_text=_("Người nộp phải có tài khoản trên Cổng dịch vụ công."),
    )
    method = forms.ChoiceField(
        label=_("Cách người nộp xác nhận đồng ý"),
        choices=ConsentMethod.choices,
        initial=ConsentMethod.SIGNIN,
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = desks


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã đồng ý người nộp đọc từ tin nhắn"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class AssistedFilingForm(AnswersFormMixin, KeepsAcceptedFiles, RepresentativeFields):
    """The online application, as the portal asks it, typed by the officer with the applicant;
    for an organisation, who files for it and under what authorisation."""

    answer_prefix = "answer_"

    resolving_agency = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết"), queryset=None, empty_label=None
    )
    summary = forms.CharField(label=_("Nội dung yêu cầu"), max_length=500, required=False)
    delivery = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"), choices=Delivery.choices, initial=Delivery.ONLINE
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"), max_length=255, required=False
    )
    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput)

    def __init__(self, *args, version, agencies, applicant_birth_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.applicant_birth_date = applicant_birth_date
        self.fields["resolving_agency"].queryset = agencies
        self.initial.setdefault("idempotency_key", new_key())
        self.add_answer_fields(version.form_fields)
        self.components = list(version.components.order_by("order"))
        for c in self.components:
            self.fields[f"c{c.pk}_files"] = MultipleFileField(
                label=_("Bản điện tử, bản chụp (có thể chọn nhiều tệp)"), component=c
            )

    def clean(self):
        cleaned = super().clean()
        self.check_answers(
            today=timezone.localdate(), applicant_birth_date=self.applicant_birth_date
        )
        if cleaned.get("delivery") == Delivery.POST and not cleaned.get("delivery_address"):
            self.add_error("delivery_address", _("Hãy nhập địa chỉ nhận kết quả qua bưu chính."))
        return cleaned

    def component_rows(self):
        return [
            {
                "component": c,
                "mandatory": c.requirement == Requirement.MANDATORY,
                "files": self[f"c{c.pk}_files"],
                "limits": self.fields[f"c{c.pk}_files"].limits,
            }
            for c in self.components
        ]

"""Forms of the dossier page's actions. Each carries the dossier version the officer saw and a
per-form request key; the service decides whether the action is allowed."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.dossiers.constants import Outcome

from .uploads import CheckedFileField, MultipleFileField

SUPPLEMENT_ROWS = 5


def new_key() -> str:
    return f"bo-{uuid.uuid4().hex}"


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput)
    multipart = False

    def __init__(self, *args, dossier=None, **kwargs):
        self.dossier = dossier
        super().__init__(*args, **kwargs)
        if not self.is_bound and dossier is not None:
            self.initial.setdefault("version", dossier.version)
            self.initial.setdefault("idempotency_key", new_key())


class NoteForm(ActionForm):
    note = forms.CharField(
        label=_("Ý kiến, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(NoteForm):
    assignee = forms.ModelChoiceField(
        label=_("Giao cho cán bộ"), queryset=None, required=False, empty_label=_("(chưa chọn)")
    )
    field_order = ["assignee", "note"]

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = options


class TransferForm(ActionForm):
    to_agency = forms.ModelChoiceField(label=_("Cơ quan phối hợp"), queryset=Agency.objects.none())
    task = forms.CharField(
        label=_("Nội dung đề nghị thực hiện"), widget=forms.Textarea(attrs={"rows": 2})
    )
    quota_hours = forms.DecimalField(
        label=_("Thời hạn (giờ làm việc)"), min_value=1, max_digits=6, decimal_places=1
    )

    def __init__(self, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = options


class ReplyForm(ActionForm):
    reply = forms.CharField(
        label=_("Ý kiến, kết quả của cơ quan phối hợp"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SupplementItemsForm(ActionForm):
    """Every missing item with its reason, once and completely (Form 02)."""

    reason = forms.CharField(
        label=_("Ghi chú chung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(SUPPLEMENT_ROWS):
            self.fields[f"item_{index}"] = forms.CharField(
                label=_("Giấy tờ cần bổ sung %(n)s") % {"n": index + 1}, required=False
            )
            self.fields[f"item_{index}_reason"] = forms.CharField(
                label=_("Lý do %(n)s") % {"n": index + 1}, required=False
            )

    def items(self) -> list[dict]:
        return [
            {
                "name": self.cleaned_data.get(f"item_{i}", ""),
                "reason": self.cleaned_data.get(f"item_{i}_reason", ""),
            }
            for i in range(SUPPLEMENT_ROWS)
            if self.cleaned_data.get(f"item_{i}")
        ]


class CompleteSupplementForm(NoteForm):
    multipart = True
    files = MultipleFileField(label=_("Giấy tờ bổ sung (bản quét)"), required=True)
    field_order = ["files", "note"]


class PaymentRequestForm(ActionForm):
    line_name = forms.CharField(label=_("Khoản thu thêm (nếu có)"), required=False)
    line_amount = forms.IntegerField(label=_("Số tiền (đồng)"), required=False, min_value=1)
    reason = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("line_name") and not data.get("line_amount"):
            self.add_error("line_amount", _("Hãy nhập số tiền của khoản thu."))
        return data

    def lines(self) -> list[dict]:
        if not self.cleaned_data.get("line_name"):
            return []
        return [
            {"name": self.cleaned_data["line_name"], "amount": self.cleaned_data["line_amount"]}
        ]


class ConfirmPaymentForm(ActionForm):
    reference = forms.CharField(label=_("Số biên lai thu tiền mặt"), max_length=100)


class ApproveForm(ActionForm):
    multipart = True
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[
            (Outcome.GRANTED, Outcome.GRANTED.label),
            (Outcome.REFUSED, Outcome.REFUSED.label),
        ],
        widget=forms.RadioSelect,
        initial=Outcome.GRANTED,
    )
    note = forms.CharField(
        label=_("Ý kiến (bắt buộc khi từ chối)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    document_number = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False)
    result_file = CheckedFileField(label=_("Tệp kết quả (nếu có)"), required=False)


class RecordResultForm(ActionForm):
    multipart = True
    name = forms.CharField(label=_("Tên giấy tờ kết quả"), required=False)
    document_number = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False)
    file = CheckedFileField(label=_("Tệp kết quả (bản điện tử)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReappointForm(ActionForm):
    new_due_at = forms.DateTimeField(
        label=_("Ngày hẹn trả mới"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("Lý do chậm"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_new_due_at(self):
        value = self.cleaned_data["new_due_at"]
        return value if timezone.is_aware(value) else timezone.make_aware(value)


class ReturnResultForm(ActionForm):
    recipient_name = forms.CharField(label=_("Họ tên người nhận"), required=False)
    recipient_id_number = forms.CharField(label=_("Số giấy tờ tùy thân người nhận"), required=False)
    tracking_code = forms.CharField(label=_("Mã bưu gửi"), required=False)
    postal_fee = forms.DecimalField(
        label=_("Cước bưu chính (đồng)"), required=False, min_value=0, decimal_places=0
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        delivery = getattr(self.dossier, "delivery", "")
        keep = {
            "desk": {"recipient_name", "recipient_id_number"},
            "post": {"tracking_code", "postal_fee"},
        }.get(delivery, set())
        for name in ("recipient_name", "recipient_id_number", "tracking_code", "postal_fee"):
            if name not in keep:
                del self.fields[name]

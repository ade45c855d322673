"""Forms of the dossier page's actions. Each carries the dossier version the officer saw and a
per-form request key; the service decides whether the action is allowed."""

from __future__ import annotations

import uuid

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.constants import StepUnit
from motcua.documents.validation import PDF, accept_attribute, validate_upload
from motcua.dossiers import engine, selectors
from motcua.dossiers.constants import Delivery, Outcome

from . import officer_lists, uploads
from .officers import assignment_choices, colleagues
from .uploads import CheckedFileField, KeepsAcceptedFiles, MultipleFileField
from .widgets import QuickSelect

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


class PdfFileField(forms.FileField):
    """One PDF, its type read from the content by ``documents.validation`` like every upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": accept_attribute({PDF})})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            validate_upload(upload, accepted={PDF})
        return upload


def _draft_link(dossier, message):
    """``message`` with a link to the dossier's draft result, or None when there is none."""
    draft = selectors.draft_result(dossier) if dossier is not None else None
    if draft is None:
        return None
    url = reverse("backoffice:file", args=[dossier.code, draft.pk])
    return format_html(
        '{} <a href="{}" target="_blank" rel="noopener">{}</a>', message, url, draft.name
    )


class CompleteStepForm(NoteForm):
    """Complete one's step; the step that submits the dossier for approval (trình phê duyệt)
    may attach the draft result (dự thảo kết quả, PDF)."""

    multipart = True
    draft_result = PdfFileField(
        label=_("Dự thảo kết quả trình phê duyệt (PDF, nếu có)"),
        required=False,
        help_text=_("Lãnh đạo phê duyệt và ký số dự thảo này, hoặc thay bằng tệp khác."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self._submits_for_approval():
            del self.fields["draft_result"]

    def _submits_for_approval(self) -> bool:
        if self.dossier is None:
            return False
        steps = sorted(self.dossier.steps.all(), key=lambda s: s.order)
        opened = [s for s in engine.open_steps(steps) if s.unit_kind != StepUnit.LEADERSHIP]
        return any(engine.leads_to_approval(steps, s.stage) for s in opened)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class _OfficersInOneQuery(forms.models.ModelChoiceIterator):
    """The officers of ``officers.colleagues`` with their roles, read in one query of values
    (``officers.assignment_choices``) rather than the list and then its prefetch; from the cache
    when the field knows the agencies (``officer_lists``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.agencies is not None:
            yield from officer_lists.assignment_list(self.field.agencies)
        else:
            yield from assignment_choices(self.queryset)


class OfficerChoiceField(forms.ModelChoiceField):
    """An officer, shown with the roles they hold where the work is (``officers.colleagues``);
    the choice is validated against the same queryset. With ``agencies`` (those the queryset is
    the colleagues of), the list shown is ``officer_lists.assignment_list`` of them."""

    iterator = _OfficersInOneQuery
    widget = QuickSelect
    agencies = None


class AssignForm(NoteForm):
    """Hand the dossier to an officer of ``options`` (the agencies, ``actions._assignees``).
    The list shown comes from the cache (``officer_lists``); the officer chosen is validated
    against the database (``officers.colleagues``), read only when the form is posted."""

    assignee = OfficerChoiceField(
        label=_("Giao cho cán bộ"), queryset=None, required=False, empty_label=_("(chưa chọn)")
    )
    field_order = ["assignee", "note"]

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.agencies = list(options)
        field.queryset = colleagues(field.agencies) if self.is_bound else None


class TransferForm(ActionForm):
    to_agency = forms.ModelChoiceField(
        label=_("Cơ quan phối hợp"), queryset=Agency.objects.none(), widget=QuickSelect
    )
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


class CompleteSupplementForm(KeepsAcceptedFiles, NoteForm):
    """The papers the applicant brought to answer a supplement request. As on the intake form,
    the files that passed are stored even when a sibling is refused or the service says no, and
    come back as ``kept`` (checked boxes), so the officer re-selects only the refused ones."""

    multipart = True
    keeps_files = True
    files = MultipleFileField(label=_("Giấy tờ bổ sung (bản quét)"))
    field_order = ["files", "note"]

    def __init__(self, *args, uploader=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploader = uploader
        posted = self.data.getlist("kept") if hasattr(self.data, "getlist") else []
        self.kept = uploads.kept(posted, user=uploader) if uploader is not None else []

    def clean(self):
        cleaned = super().clean()
        if not self.kept and not cleaned.get("files") and not self.has_error("files"):
            self.add_error("files", self.fields["files"].error_messages["required"])
        return cleaned

    def keep_accepted(self) -> list:
        """Store the files that passed (also when the form failed) and add them to ``kept``."""
        fresh = self.cleaned_data.get("files") or []
        self.kept = self.kept + uploads.store(fresh, user=self.uploader)
        self.cleaned_data["files"] = []
        return self.kept


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
    result_file = CheckedFileField(
        label=_("Tệp kết quả (nếu có)"),
        required=False,
        help_text=_("Tệp PDF được ký số bằng chữ ký số cá nhân của người phê duyệt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = _draft_link(
            self.dossier,
            _(
                "Để trống để phê duyệt và ký số dự thảo kết quả đã trình; tải tệp khác lên để "
                "thay thế. Dự thảo:"
            ),
        )
        if linked is not None:
            self.fields["result_file"].help_text = linked


class RecordResultForm(ActionForm):
    multipart = True
    name = forms.CharField(label=_("Tên giấy tờ kết quả"), required=False)
    document_number = forms.CharField(label=_("Số, ký hiệu văn bản"), required=False)
    file = CheckedFileField(
        label=_("Tệp kết quả (bản điện tử)"),
        required=False,
        help_text=_("Tệp PDF được ký số bằng chữ ký số của cơ quan."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = _draft_link(
            self.dossier,
            _(
                "Để trống để ban hành dự thảo kết quả lãnh đạo đã ký, thêm chữ ký số của cơ "
                "quan; tải tệp khác lên để thay thế. Dự thảo:"
            ),
        )
        if linked is not None:
            self.fields["file"].help_text = linked


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
    originals_returned = forms.BooleanField(
        label=_("Đã trả lại bản gốc giấy tờ cho người nhận"),
        required=True,
        help_text=_(
            "Bản gốc (bản chính) giấy tờ đã nhận khi tiếp nhận hồ sơ; nếu hồ sơ không giữ bản "
            "gốc nào, xác nhận và ghi rõ ở ô ghi chú bên dưới."
        ),
        error_messages={"required": _("Hãy xác nhận đã trả lại bản gốc giấy tờ cho người nhận.")},
    )
    originals_note = forms.CharField(
        label=_("Ghi chú về bản gốc đã trả (nếu có)"),
        required=False,
        max_length=500,
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    DELIVERY_FIELDS = {
        Delivery.DESK: {
            "recipient_name",
            "recipient_id_number",
            "originals_returned",
            "originals_note",
        },
        Delivery.POST: {"tracking_code", "postal_fee"},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        delivery = getattr(self.dossier, "delivery", "")
        keep = self.DELIVERY_FIELDS.get(delivery, set())
        for fields in self.DELIVERY_FIELDS.values():
            for name in fields - keep:
                self.fields.pop(name, None)

"""The desk intake form: applicant, resolving agency, the checklist of the version's document
components with their scans (each checked against its component's size limit and file types),
the fees taken at the counter, and the desk's decision."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog import fees
from motcua.catalog import forms as catalog_forms
from motcua.catalog import selectors as catalog
from motcua.catalog.answer_fields import AnswersFormMixin
from motcua.catalog.constants import Channel, FeeStage, Requirement
from motcua.dossiers.constants import ApplicantKind, Delivery
from motcua.integrations.population.constants import SEXES

from .forms import SUPPLEMENT_ROWS, new_key
from .representative import RepresentativeFields
from .uploads import KeepsAcceptedFiles, MultipleFileField


class Decision:
    PREVIEW = "preview"
    POPULATION = "population"  # look the applicant up in the population register, re-render
    RECEIVE = "receive"
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"
    ALL = (PREVIEW, POPULATION, RECEIVE, SUPPLEMENT, REFUSE)
    ACTING = (RECEIVE, SUPPLEMENT, REFUSE)


class IntakeForm(AnswersFormMixin, KeepsAcceptedFiles, RepresentativeFields):
    """Besides the dossier, the procedure's own form (tờ khai) typed from the paper the
    applicant hands in, checked by the one validator (``catalog.answer_checks``): complete to
    receive, what is given to guide a supplement, not at all to refuse."""

    answer_prefix = "answer_"

    receiving_unit = forms.ModelChoiceField(
        label=_("Nơi tiếp nhận"), queryset=None, empty_label=None
    )
    resolving_agency = forms.ModelChoiceField(
        label=_("Cơ quan giải quyết"), queryset=None, empty_label=None
    )
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.DIRECT, Channel.DIRECT.label), (Channel.POSTAL, Channel.POSTAL.label)],
        initial=Channel.DIRECT,
    )
    applicant_kind = forms.ChoiceField(
        label=_("Loại chủ hồ sơ"), choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN
    )
    applicant_name = forms.CharField(label=_("Họ tên chủ hồ sơ, tên tổ chức"), max_length=255)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân, mã số thuế"),
        max_length=20,
        required=False,
        help_text=_(
            "Cá nhân: số định danh cá nhân. Tổ chức, hộ kinh doanh: mã số thuế. Cơ quan nhà nước: "
            "mã số thuế hoặc mã ĐVQHNS (7 chữ số)."
        ),
    )
    applicant_birth_date = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
    )
    applicant_sex = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *SEXES.items()], required=False
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    summary = forms.CharField(label=_("Nội dung yêu cầu"), max_length=500, required=False)
    delivery = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"), choices=Delivery.choices, initial=Delivery.DESK
    )
    delivery_address = forms.CharField(
        label=_("Địa chỉ nhận kết quả qua bưu chính"), max_length=255, required=False
    )
    supplement_note = forms.CharField(
        label=_("Ghi chú hướng dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    refusal_reason = forms.CharField(
        label=_("Lý do từ chối tiếp nhận"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    population_consent = forms.BooleanField(
        label=_("Người nộp đồng ý cho tra cứu thông tin của mình trong CSDL quốc gia về dân cư"),
        required=False,
    )
    population_reason = forms.CharField(label=_("Lý do tra cứu"), max_length=255, required=False)
    population_token = forms.CharField(required=False, widget=forms.HiddenInput)
    idempotency_key = forms.CharField(max_length=100, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(d, d) for d in Decision.ALL], required=False)

    APPLICANT_FIELDS = (
        "applicant_kind",
        "applicant_name",
        "id_number",
        "applicant_birth_date",
        "applicant_sex",
        "phone",
        "email",
        "address",
    )
    DOSSIER_FIELDS = (
        "receiving_unit",
        "resolving_agency",
        "channel",
        "summary",
        "delivery",
        "delivery_address",
    )

    def __init__(self, *args, version, desks, agencies, applicant_birth_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.applicant_birth_date = applicant_birth_date
        self.fields["receiving_unit"].queryset = desks
        self.fields["resolving_agency"].queryset = agencies
        self.initial.setdefault("idempotency_key", new_key())
        self.initial.setdefault(
            "population_reason",
            _("Tiếp nhận hồ sơ thủ tục “%(name)s”") % {"name": version.name[:200]},
        )
        self.add_answer_fields(version.form_fields)
        self.components = list(version.components.order_by("order"))
        # The desk types the application form's answers (add_answer_fields above): a quantity
        # a desk line reads from a form field is answered there; the others are asked here.
        self.fields.update(
            catalog_forms.quantity_fields(
                self._desk_lines(version),
                form_fields_shown=bool(version.form_fields),
                required=False,
            )
        )
        self._cash_lines = self._lines_at_receipt(version)
        if self._cash_lines:
            self.fields["collect_fees"] = forms.BooleanField(
                label=_("Thu phí, lệ phí tại quầy"),
                required=False,
                widget=forms.CheckboxInput(attrs={"aria-describedby": "collect-fees-help"}),
            )
        for c in self.components:
            self.fields[f"c{c.pk}_files"] = MultipleFileField(
                label=_("Bản quét, bản điện tử (có thể chọn nhiều tệp)"), component=c
            )
            self.fields[f"c{c.pk}_originals"] = forms.IntegerField(
                label=_("Số bản chính"), min_value=0, max_value=99, initial=0, required=False
            )
            self.fields[f"c{c.pk}_copies"] = forms.IntegerField(
                label=_("Số bản sao"), min_value=0, max_value=99, initial=0, required=False
            )
            self.fields[f"c{c.pk}_digitized"] = forms.BooleanField(
                label=_("Đã số hóa tại quầy"), required=False
            )
        for index in range(SUPPLEMENT_ROWS):
            self.fields[f"item_{index}"] = forms.CharField(
                label=_("Giấy tờ cần bổ sung %(n)s") % {"n": index + 1}, required=False
            )
            self.fields[f"item_{index}_reason"] = forms.CharField(
                label=_("Lý do %(n)s") % {"n": index + 1}, required=False
            )

    @staticmethod
    def _desk_lines(version) -> list:
        """Fee lines of the channels the desk receives on (direct, postal)."""
        lines = []
        for channel in (Channel.DIRECT, Channel.POSTAL):
            term = catalog.channel_term(version, channel)
            lines += list(term.fee_lines.all()) if term is not None else []
        return lines

    @staticmethod
    def _lines_at_receipt(version) -> list:
        """The fee lines due when the dossier is received (HinhThucThu 1) on the direct channel:
        what the applicant standing at the counter can pay in cash now. A waived line (miễn)
        is never offered for collection."""
        term = catalog.channel_term(version, Channel.DIRECT)
        if term is None:
            return []
        return [
            line
            for line in term.fee_lines.all()
            if line.stage == FeeStage.AT_RECEIPT and not fees.is_waived(line)
        ]

    def quantity_rows(self) -> list:
        return [self[name] for name in self.fields if name.startswith(catalog_forms.PREFIX)]

    def cash_total(self):
        """What the counter collects: None until the quantities the lines need are known."""
        given = catalog_forms.asked(getattr(self, "cleaned_data", {}) or {})
        amounts = [item.amount for item in fees.estimate(self._cash_lines, given, {})]
        return None if None in amounts else sum(amounts)

    def cash_row(self) -> dict | None:
        """The "thu phí, lệ phí tại quầy" checkbox with the lines and total it covers."""
        if "collect_fees" not in self.fields:
            return None
        return {
            "field": self["collect_fees"],
            "names": [f"{line.name}: {fees.rate_text(line)}" for line in self._cash_lines],
            "total": self.cash_total(),
        }

    def fee_quantities(self) -> dict:
        return catalog_forms.asked(self.cleaned_data)

    def collects_fees(self) -> bool:
        """Cash is taken only when the dossier is received (never on guidance or refusal)."""
        data = self.cleaned_data
        return bool(data.get("collect_fees")) and data.get("decision") == Decision.RECEIVE

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in (Decision.RECEIVE, Decision.SUPPLEMENT):
            self.check_answers(
                today=timezone.localdate(),
                applicant_birth_date=self.applicant_birth_date,
                complete=decision == Decision.RECEIVE,
            )
        if self.collects_fees() and cleaned.get("channel") != Channel.DIRECT:
            self.add_error(
                "collect_fees",
                _(
                    "Hồ sơ nộp qua bưu chính không thu tiền mặt tại quầy; hãy bỏ chọn mục "
                    "thu phí, lệ phí tại quầy."
                ),
            )
        return cleaned

    def component_rows(self):
        return [
            {
                "component": c,
                "mandatory": c.requirement == Requirement.MANDATORY,
                "files": self[f"c{c.pk}_files"],
                "limits": self.fields[f"c{c.pk}_files"].limits,
                "originals": self[f"c{c.pk}_originals"],
                "copies": self[f"c{c.pk}_copies"],
                "digitized": self[f"c{c.pk}_digitized"],
            }
            for c in self.components
        ]

    def supplement_rows(self):
        return [(self[f"item_{i}"], self[f"item_{i}_reason"]) for i in range(SUPPLEMENT_ROWS)]

    def items(self) -> list[dict]:
        return [
            {
                "name": self.cleaned_data.get(f"item_{i}", ""),
                "reason": self.cleaned_data.get(f"item_{i}_reason", ""),
            }
            for i in range(SUPPLEMENT_ROWS)
            if self.cleaned_data.get(f"item_{i}")
        ]

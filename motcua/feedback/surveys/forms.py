"""The manager's campaign form (with a fixed set of question rows, no JavaScript) and the
citizen's answer form built from a campaign's questions."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from .constants import CHOICE_KINDS, SCALE_POINTS, QuestionKind, SurveyChannel
from .services import QuestionInput

QUESTION_ROWS = 8


class SurveyForm(forms.Form):
    code = forms.SlugField(
        label=_("Mã đợt khảo sát"),
        max_length=40,
        help_text=_("Chữ không dấu, số và gạch nối, ví dụ ks-2026-q1; dùng trong đường dẫn."),
    )
    title = forms.CharField(label=_("Tên đợt khảo sát"), max_length=255)
    intro = forms.CharField(
        label=_("Lời giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    agency = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=None)
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được khảo sát"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một đơn vị được khảo sát.")},
    )
    starts_on = forms.DateField(
        label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    channels = forms.MultipleChoiceField(
        label=_("Kênh khảo sát"),
        choices=SurveyChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một kênh khảo sát.")},
    )

    def __init__(self, *args, organisers, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        from motcua.agencies.models import Agency

        pks = [a.pk for a in organisers]
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=pks).order_by("path")
        self.fields["units"].queryset = Agency.objects.filter(
            pk__in=pks, runs_one_stop_desk=True
        ).order_by("path")
        self.fields["agency"].label_from_instance = lambda a: a.display_name
        self.fields["units"].label_from_instance = lambda a: a.display_name
        if editing:
            for name in ("code", "agency"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Câu hỏi"), max_length=500, required=False)
    options = forms.CharField(
        label=_("Các lựa chọn (mỗi dòng một lựa chọn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label=_("Bắt buộc"), required=False, initial=True)

    def as_input(self) -> QuestionInput | None:
        data = self.cleaned_data
        if not data.get("text", "").strip():
            return None
        options = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        return QuestionInput(data["kind"], data["text"], options, data.get("required", False))


QuestionFormSet = formset_factory(QuestionForm, extra=0, min_num=QUESTION_ROWS, max_num=20)


def question_initial(survey=None) -> list[dict]:
    rows = []
    if survey is not None:
        rows = [
            {
                "kind": q.kind,
                "text": q.text,
                "options": "\n".join(q.options),
                "required": q.required,
            }
            for q in survey.questions.all()
        ]
    return rows + [{"required": True}] * max(QUESTION_ROWS - len(rows), 0)


class AnswerForm(forms.Form):
    """One field per question, named ``q<id>``: radio buttons, checkboxes, the five points as
    radio buttons, or a text box."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for i, q in enumerate(self.questions, start=1):
            label = f"{i}. {q.text}"
            if q.kind in CHOICE_KINDS:
                choices = [(str(n), o) for n, o in enumerate(q.options)]
                if q.kind == QuestionKind.SINGLE:
                    field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
                else:
                    field = forms.MultipleChoiceField(
                        choices=choices, widget=forms.CheckboxSelectMultiple
                    )
            elif q.kind == QuestionKind.SCALE:
                field = forms.TypedChoiceField(
                    choices=[(str(p), str(p)) for p in SCALE_POINTS],
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    help_text=_("1 = rất không hài lòng, 5 = rất hài lòng"),
                )
            else:
                field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
            field.label = label
            field.required = q.required
            field.error_messages["required"] = _("Hãy trả lời câu hỏi này.")
            self.fields[f"q{q.pk}"] = field

    def answers(self) -> dict[int, object]:
        out = {}
        for q in self.questions:
            value = self.cleaned_data.get(f"q{q.pk}")
            if q.kind == QuestionKind.SINGLE:
                value = [value] if value not in (None, "") else []
            out[q.pk] = value
        return out

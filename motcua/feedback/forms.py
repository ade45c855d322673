"""Forms of the feedback pages. They validate input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency

from .constants import LEVELS_OF_SCALE, Classification, Level, RatingChannel


class FeedbackForm(forms.Form):
    classification = forms.ChoiceField(
        label=_("Phân loại"),
        choices=Classification.choices,
        widget=forms.RadioSelect,
        help_text=_("Phản ánh về quy định, thủ tục hay về hành vi của cán bộ."),
    )
    agency = forms.ModelChoiceField(
        label=_("Cơ quan được phản ánh"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_("Cơ quan thực hiện thủ tục mà bạn phản ánh."),
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    sender_name = forms.CharField(label=_("Họ và tên"), max_length=255)
    sender_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        help_text=_("Nếu không đăng nhập, hãy để lại số điện thoại hoặc thư điện tử."),
    )
    sender_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    sender_address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    repeat_complaint = forms.BooleanField(
        label=_("Tôi phản ánh lại về kết quả giải quyết hồ sơ này"), required=False
    )

    def __init__(self, *args, agencies=None, about_dossier=False, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            self.fields["agency"].required = True
        if not about_dossier:
            del self.fields["repeat_complaint"]


class RatingForm(forms.Form):
    """Built from the criteria set in force: one radio group per criterion."""

    def __init__(self, *args, criteria_set, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        levels = LEVELS_OF_SCALE[criteria_set.scale]
        self.fields["level"] = forms.ChoiceField(
            label=_("Mức độ hài lòng chung"),
            choices=[(level, Level(level).label) for level in levels],
            widget=forms.RadioSelect,
        )
        self.criteria = list(criteria_set.criteria.all())
        for criterion in self.criteria:
            self.fields[f"c_{criterion.code}"] = forms.ChoiceField(
                label=criterion.question,
                choices=[(str(o["code"]), o["label"]) for o in criterion.options],
                widget=forms.RadioSelect,
                required=criterion.required,
            )
        self.fields["comment"] = forms.CharField(
            label=_("Ý kiến khác"), widget=forms.Textarea(attrs={"rows": 3}), required=False
        )
        if on_behalf:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Kênh ghi nhận"),
                choices=[
                    (c, RatingChannel(c).label)
                    for c in (RatingChannel.DESK_DEVICE, RatingChannel.SLIP)
                ],
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, str]:
        return {
            c.code: self.cleaned_data[f"c_{c.code}"]
            for c in self.criteria
            if self.cleaned_data.get(f"c_{c.code}")
        }


class TextForm(forms.Form):
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label


class TransferForm(TextForm):
    to_agency = forms.ModelChoiceField(
        label=_("Chuyển đến cơ quan"), queryset=Agency.objects.none()
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, label=_("Lý do chuyển"), **kwargs)
        self.fields["to_agency"].queryset = (
            agencies if agencies is not None else Agency.objects.none()
        )
        self.order_fields(["to_agency", "text"])


class ProcedureSearchForm(forms.Form):
    """Find the procedure a feedback is about by its name (or code), as the portal's search
    does: type, submit, choose from the results."""

    q = forms.CharField(
        label=_("Tên hoặc mã thủ tục"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: chứng thực bản sao, làm sổ đỏ")}
        ),
        help_text=_("Gõ có dấu hoặc không dấu, theo cách bạn thường gọi, rồi chọn trong kết quả."),
    )


class TrackingLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã phản ánh, kiến nghị"),
        max_length=30,
        help_text=_("Ví dụ PAKN-260302-000012."),
    )
    token = forms.CharField(
        label=_("Mã theo dõi"),
        max_length=30,
        help_text=_("12 ký tự nhận được khi gửi, ví dụ 7KQ4-MZ2P-9XHD."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

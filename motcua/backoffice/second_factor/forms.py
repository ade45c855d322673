from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        help_text=_(
            "6 chữ số đang hiện trên ứng dụng xác thực của bạn, hoặc một mã dự phòng (8 ký tự)."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Mã 6 chữ số trên ứng dụng"),
        max_length=10,
        help_text=_("Sau khi thêm tài khoản vào ứng dụng, nhập mã 6 chữ số ứng dụng đang hiện."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

from django import forms
from django.utils.translation import gettext_lazy as _


class CashForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú (số biên lai giấy, nếu có)"), max_length=255, required=False
    )
    confirm = forms.BooleanField(label=_("Tôi đã nhận đủ số tiền trên"), required=True)

"""The desk officer's postal order form (prefilled from what the applicant chose)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DeliveryOrderForm(forms.Form):
    recipient_name = forms.CharField(label=_("Người nhận"), max_length=255)
    phone = forms.CharField(label=_("Số điện thoại người nhận"), max_length=20)
    address = forms.CharField(label=_("Địa chỉ nhận"), max_length=255)
    item = forms.CharField(label=_("Nội dung bưu gửi"), max_length=255, required=False)
    cod_amount = forms.IntegerField(
        label=_("Tiền thu hộ khi phát (đồng, nếu có)"),
        min_value=0,
        required=False,
        initial=0,
        error_messages={"invalid": _("Tiền thu hộ phải là số đồng.")},
    )

    def clean_cod_amount(self):
        return self.cleaned_data.get("cod_amount") or 0

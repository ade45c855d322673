"""The accountant's form for a remittance (the checks against the ledger are the service's)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.worktime.forms import DayField


class AccountChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        until = f"{obj.valid_to:%d/%m/%Y}" if obj.valid_to else "…"
        name = f" – {obj.name}" if obj.name else ""
        return f"{obj.account_number} – {obj.treasury}{name} ({obj.valid_from:%d/%m/%Y}–{until})"


class RemittanceForm(forms.Form):
    remitted_on = DayField(label=_("Ngày nộp (ngày trên chứng từ)"))
    account = AccountChoice(
        label=_("Tài khoản thu ngân sách nhận tiền"),
        queryset=None,
        empty_label=None,
    )
    amount = forms.IntegerField(
        label=_("Số tiền (đồng)"), min_value=1, max_value=10**13, help_text=_("Đồng, số nguyên.")
    )
    voucher_number = forms.CharField(
        label=_("Số chứng từ"),
        max_length=40,
        help_text=_("Số giấy nộp tiền vào ngân sách nhà nước đã được Kho bạc xác nhận."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts

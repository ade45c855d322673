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
    """The new app's code; when it replaces an app (a phone switch), also a code from the app
    being replaced or an unused recovery code: a session left open is not enough to move the
    account's second factor to another phone."""

    current_code = forms.CharField(
        label=_("Mã từ ứng dụng cũ"),
        max_length=20,
        help_text=_(
            "Mã 6 chữ số trên điện thoại cũ, hoặc một mã dự phòng chưa dùng nếu đã mất điện "
            "thoại. Không còn cả hai: nhờ quản trị viên gỡ ứng dụng cũ."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
    code = forms.CharField(
        label=_("Mã 6 chữ số trên ứng dụng"),
        max_length=10,
        help_text=_("Sau khi thêm tài khoản vào ứng dụng, nhập mã 6 chữ số ứng dụng đang hiện."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, replacing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not replacing:
            del self.fields["current_code"]
            return
        # A phone switch: the new app's code first (the step's text speaks of it), then the
        # proof from the app being replaced.
        self.order_fields(["code", "current_code"])
        self.fields["code"].label = _("Mã 6 chữ số trên ứng dụng mới")

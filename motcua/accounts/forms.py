from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import signin_limits
from .models import UserKind


def throttled_error(request) -> forms.ValidationError | None:
    message = signin_limits.form_error(request)
    return forms.ValidationError(message, code="throttled") if message else None


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, with the same back-off message as the others."""

    def get_invalid_login_error(self):
        return throttled_error(self.request) or super().get_invalid_login_error()


class _KindCheckedLoginForm(AuthenticationForm):
    """A login form that only lets one kind of account through."""

    allowed_kinds: tuple[str, ...] = ()
    wrong_kind_message: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def get_invalid_login_error(self):
        # A try refused by the sign-in back-off says how long to wait (#17 item 3).
        return throttled_error(self.request) or super().get_invalid_login_error()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.kind not in self.allowed_kinds:
            raise forms.ValidationError(self.wrong_kind_message, code="wrong_kind")


class ApplicantLoginForm(_KindCheckedLoginForm):
    username = forms.CharField(
        label=_("Số định danh cá nhân / số điện thoại"),
        help_text=_("Hoặc thư điện tử đã đăng ký với tài khoản."),
        max_length=254,
    )
    # Django's message names the model's username field ("tên đăng nhập"), which citizens
    # never chose: name what they actually typed.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Số định danh cá nhân / số điện thoại hoặc mật khẩu chưa đúng. Bạn hãy kiểm tra "
            "lại; mật khẩu phân biệt chữ hoa và chữ thường."
        ),
    }
    allowed_kinds = (UserKind.CITIZEN, UserKind.BUSINESS)
    wrong_kind_message = _(
        "Tài khoản cán bộ đăng nhập tại trang dành cho cán bộ (Hệ thống xử lý hồ sơ)."
    )


class OfficerLoginForm(_KindCheckedLoginForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=254)
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu chưa đúng. Bạn hãy kiểm tra lại; mật khẩu phân biệt "
            "chữ hoa và chữ thường."
        ),
    }
    allowed_kinds = (UserKind.OFFICER,)
    wrong_kind_message = _(
        "Trang này chỉ dành cho cán bộ, công chức. Công dân đăng nhập tại Cổng dịch vụ công."
    )


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    personal_id = forms.RegexField(
        label=_("Số định danh cá nhân"),
        regex=r"^\d{12}$",
        max_length=12,
        help_text=_("12 chữ số, in trên thẻ căn cước."),
        error_messages={"invalid": _("Số định danh cá nhân gồm đúng 12 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        help_text=_("Ví dụ 17/05/1980."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"autocomplete": "bday"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Nhập số điện thoại hoặc thư điện tử (ít nhất một) để nhận mã xác thực."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        help_text=_("Ít nhất 8 ký tự, không quá giống tên của bạn, không chỉ gồm chữ số."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("Hai lần nhập mật khẩu chưa giống nhau."))
        return cleaned


class VerificationForm(forms.Form):
    code = forms.RegexField(
        label=_("Mã xác thực"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Mã xác thực gồm 6 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
